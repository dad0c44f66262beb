import CoveCore
import Fluent
import Vapor

/// The contact record behind each conversation, opened as a draft when a counsellor takes it.
enum ContactDrafts {
    static func open(for conversation: Conversation, counsellor counsellorID: UUID, on db: any Database,
                     at now: Date) async throws {
        let conversationID = try conversation.requireID()
        guard try await Contact.query(on: db).filter(\.$conversation.$id == conversationID).first() == nil else { return }
        try await Contact(helplineID: conversation.$helpline.id, conversationID: conversationID, counsellorID: counsellorID,
                          channel: conversation.channel, taxonomyVersion: try Taxonomy.bundled.version,
                          startedAt: conversation.startedAt).create(on: db)
    }
}
