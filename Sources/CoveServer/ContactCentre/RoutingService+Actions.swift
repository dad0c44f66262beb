import CoveCore
import Fluent
import SQLKit
import Vapor

/// What counsellors do with conversations. Each action checks the database's current state
/// inside the exclusive section, so a stale console cannot take what someone else holds.
extension RoutingService {
    static let capacities = 1...50

    /// `capacity`, when given, is how many chats the counsellor takes at once from now on.
    func setStatus(_ status: CounsellorPresence.Status, for counsellorID: UUID, capacity: Int? = nil) async throws {
        try await exclusive { db, now in
            let presence = try await Self.presence(of: counsellorID, on: db, at: now)
            if let capacity { presence.capacity = min(max(capacity, Self.capacities.lowerBound), Self.capacities.upperBound) }
            let returning = presence.status == .away && status == .available
            presence.status = status
            if returning { presence.idleSince = now }
            try await presence.save(on: db)
            if status == .away {
                try await RoutingOffer.query(on: db).filter(\.$counsellor.$id == counsellorID).delete()
            }
        }
        await afterChange()
    }

    func accept(_ conversationID: UUID, by counsellorID: UUID) async throws {
        try await exclusive { db, now in
            guard let offer = try await RoutingOffer.query(on: db).filter(\.$conversation.$id == conversationID).first(),
                  offer.$counsellor.id == counsellorID else {
                throw RoutingError.notOffered(conversation: conversationID, counsellor: counsellorID)
            }
            try await offer.delete(on: db)
            guard offer.expiresAt > now else { throw RoutingError.offerLapsed(conversation: conversationID) }
            guard let conversation = try await Conversation.find(conversationID, on: db), conversation.state == .waiting else {
                throw RoutingError.notWaiting(conversationID)
            }
            conversation.state = .active
            conversation.$counsellor.id = counsellorID
            let firstAnswer = conversation.answeredAt == nil
            if firstAnswer { conversation.answeredAt = now }
            try await conversation.save(on: db)
            if firstAnswer { try await OperationsRollups.answered(conversation, at: now, on: db) }
            try await ContactDrafts.open(for: conversation, counsellor: counsellorID, on: db, at: now)
            try await AuditLog.record("contact.conversation.accepted", on: db, at: now, actorID: counsellorID,
                                      recordType: "conversation", recordID: conversationID)
        }
        await afterChange(conversationID)
    }

    func decline(_ conversationID: UUID, by counsellorID: UUID) async throws {
        try await exclusive { db, _ in
            guard let offer = try await RoutingOffer.query(on: db).filter(\.$conversation.$id == conversationID).first(),
                  offer.$counsellor.id == counsellorID else {
                throw RoutingError.notOffered(conversation: conversationID, counsellor: counsellorID)
            }
            try await offer.delete(on: db)
            if let conversation = try await Conversation.find(conversationID, on: db) {
                conversation.passedOver = Array(Set(conversation.passedOver + [counsellorID]))
                try await conversation.save(on: db)
            }
        }
        await afterChange()
    }

    /// Ends a conversation the counsellor holds; its contact form stays open as a draft.
    func finish(_ conversationID: UUID, by counsellorID: UUID) async throws {
        try await exclusive { db, now in
            let conversation = try await Self.held(conversationID, by: counsellorID, on: db)
            try await ConversationStore(db: db, protection: self.protection, now: now).end(conversation, deleting: false)
            try await Self.markIdleIfFree(counsellorID, on: db, at: now)
        }
        await afterChange(conversationID)
    }

    /// Hands a conversation, and its draft contact, to a colleague or supervisor with room.
    func transfer(_ conversationID: UUID, from counsellorID: UUID, to colleagueID: UUID) async throws {
        try await exclusive { db, now in
            let conversation = try await Self.held(conversationID, by: counsellorID, on: db)
            guard colleagueID != counsellorID else { throw RoutingError.sameCounsellor(colleagueID) }
            let roster = try await CounsellorRoster(db: db).counsellors()
            guard let colleague = roster.first(where: { $0.id == colleagueID }) else {
                throw RoutingError.unknownCounsellor(colleagueID)
            }
            guard colleague.helplineIDs.contains(conversation.$helpline.id) else {
                throw RoutingError.doesNotServeHelpline(counsellor: colleagueID, helpline: conversation.$helpline.id)
            }
            guard colleague.status == .available || colleague.isSupervisor else { throw RoutingError.notAvailable(colleagueID) }
            let offered = try await RoutingOffer.query(on: db).filter(\.$counsellor.$id == colleagueID).count()
            guard try await Self.openCount(of: colleagueID, on: db) + offered < colleague.capacity else {
                throw RoutingError.noRoom(colleagueID)
            }
            conversation.$counsellor.id = colleagueID
            try await conversation.save(on: db)
            try await Contact.query(on: db).filter(\.$conversation.$id == conversationID).filter(\.$status == .draft)
                .set(\.$counsellor.$id, to: colleagueID).update()
            try await Self.markIdleIfFree(counsellorID, on: db, at: now)
            try await AuditLog.record("contact.conversation.transferred", on: db, at: now, actorID: counsellorID,
                                      recordType: "conversation", recordID: conversationID)
        }
        await afterChange(conversationID)
    }

    func holds(_ conversationID: UUID, counsellor counsellorID: UUID) async throws -> Bool {
        let conversation = try await Conversation.find(conversationID, on: db)
        return conversation?.state == .active && conversation?.$counsellor.id == counsellorID
    }

    /// Tells every console and waiting child, then routes what the change freed up.
    func afterChange(_ conversationID: UUID? = nil) async {
        if let conversationID { await hub.publish(.conversation(conversationID)) }
        await hub.publish(.routing)
        await route()
    }

    static func held(_ conversationID: UUID, by counsellorID: UUID, on db: any Database) async throws -> Conversation {
        guard let conversation = try await Conversation.find(conversationID, on: db), conversation.state == .active,
              conversation.$counsellor.id == counsellorID else {
            throw RoutingError.notAssigned(conversation: conversationID, counsellor: counsellorID)
        }
        return conversation
    }

    static func presence(of counsellorID: UUID, on db: any Database, at now: Date) async throws -> CounsellorPresence {
        if let found = try await CounsellorPresence.query(on: db).filter(\.$person.$id == counsellorID).first() { return found }
        // Until the counsellor says otherwise, they take the languages their helplines list.
        guard let person = try await Person.find(counsellorID, on: db) else { throw RoutingError.unknownCounsellor(counsellorID) }
        let helplines = try await Helpline.query(on: db).filter(\.$organisation.$id == person.$organisation.id).all()
        let languages = Set(helplines.flatMap(\.languages).map(Language.primarySubtag(of:)))
        return CounsellorPresence(personID: counsellorID, languages: languages.sorted(), at: now)
    }

    static func openCount(of counsellorID: UUID, on db: any Database) async throws -> Int {
        try await Conversation.query(on: db).filter(\.$state == .active).filter(\.$counsellor.$id == counsellorID).count()
    }

    private static func markIdleIfFree(_ counsellorID: UUID, on db: any Database, at now: Date) async throws {
        guard try await openCount(of: counsellorID, on: db) == 0 else { return }
        try await CounsellorPresence.query(on: db).filter(\.$person.$id == counsellorID).set(\.$idleSince, to: now).update()
    }
}
