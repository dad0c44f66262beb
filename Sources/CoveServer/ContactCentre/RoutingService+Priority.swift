import CoveCore
import Fluent
import Vapor

extension RoutingService {
    /// Raises a conversation's priority when a child's message matches the helpline's keyword
    /// rules (or the starter rules), and alerts supervisors through the routing board. Only the
    /// rule's code is stored, never the words that matched.
    func assessPriority(of conversationID: UUID, text: String) async {
        do {
            guard let conversation = try await Conversation.find(conversationID, on: db),
                  conversation.state != .ended else { return }
            let rules = try await priorityRules(for: conversation.$helpline.id)
            guard let match = rules.assess(text, language: conversation.language),
                  match.level.rawValue > conversation.priority else { return }
            conversation.priority = match.level.rawValue
            conversation.alertCode = match.code
            try await conversation.save(on: db)
            try await AuditLog.record("contact.priority.raised", on: db, at: now, actorID: nil,
                                      recordType: "conversation", recordID: conversationID, detail: "rule=\(match.code)")
            await hub.publish(.routing)
        } catch {
            logger.error("priority not assessed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
        }
    }

    /// A helpline's own rules when it has written them; the starter list otherwise.
    private func priorityRules(for helplineID: UUID) async throws -> PriorityRules {
        let settings = try await ContactCentreSettings.query(on: db).filter(\.$helpline.$id == helplineID).first()
        guard let json = settings?.priorityRules, let rules = try? JSONDecoder().decode(PriorityRules.self, from: Data(json.utf8)) else {
            return DefaultPriorityRules.starter
        }
        return rules
    }
}
