import CoveCore
import Fluent
import Vapor

extension RoutingService {
    /// How long a helpline's keyword rules are used before they are read again.
    static let priorityRulesFreshness: TimeInterval = 30

    /// Raises a conversation's priority when a child's message matches the helpline's keyword
    /// rules (or the starter rules), and alerts supervisors through the routing board. Only the
    /// rule's code is stored, never the words that matched. A caller that knows the chat's
    /// helpline and language passes them: most messages match nothing and then cost no read.
    func assessPriority(of conversationID: UUID, text: String, known: (helplineID: UUID, language: String)? = nil) async {
        do {
            var route = known
            if route == nil { route = try await self.route(of: conversationID) }
            guard let route else { return }
            let rules = try await priorityRules(for: route.helplineID)
            guard let match = rules.assess(text, language: route.language),
                  let conversation = try await Conversation.find(conversationID, on: db), conversation.state != .ended,
                  match.level.rawValue > conversation.priority else { return }
            conversation.priority = match.level.rawValue
            conversation.alertCode = match.code
            // The raised priority and its audit entry are one fact: nobody sees one without the other.
            let now = self.now
            try await db.transaction { db in
                try await conversation.save(on: db)
                try await AuditLog.record("contact.priority.raised", on: db, at: now, actorID: nil,
                                          recordType: "conversation", recordID: conversationID, detail: "rule=\(match.code)")
            }
            await hub.publish(.routing)
        } catch {
            logger.error("priority not assessed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
        }
    }

    private func route(of conversationID: UUID) async throws -> (helplineID: UUID, language: String)? {
        try await Conversation.find(conversationID, on: db).map { ($0.$helpline.id, $0.language) }
    }

    /// A helpline's own rules when it has written them; the starter list otherwise. Kept for
    /// half a minute, so a change to the rules takes effect within that.
    private func priorityRules(for helplineID: UUID) async throws -> PriorityRules {
        let now = self.now
        if let kept = keptRules.withLockedValue({ $0[helplineID] }), now.timeIntervalSince(kept.at) < Self.priorityRulesFreshness {
            return kept.rules
        }
        let settings = try await ContactCentreSettings.query(on: db).filter(\.$helpline.$id == helplineID).first()
        let rules = settings?.priorityRules.flatMap { try? JSONDecoder().decode(PriorityRules.self, from: Data($0.utf8)) }
            ?? DefaultPriorityRules.starter
        keptRules.withLockedValue { $0[helplineID] = (rules, now) }
        return rules
    }
}
