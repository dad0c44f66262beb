import CoveCore
import Fluent
import Vapor

/// Conversations that begin with a text by SMS or WhatsApp. Unlike a web chat, one opens even when
/// the helpline refuses: the child has already written, so what they wrote is kept for a
/// counsellor, and the caller tells the child at once where else to turn.
extension ChatIntake {
    /// The conversation a sender already has open on this helpline and channel, if any.
    func openTextConversation(helplineID: UUID, channel: String, identifierHash: String) async throws -> Conversation? {
        try await Conversation.query(on: db)
            .filter(\.$helpline.$id == helplineID).filter(\.$channel == channel)
            .filter(\.$identifierHash == identifierHash).filter(\.$state != .ended)
            .sort(\.$startedAt, .descending).first()
    }

    /// Opens a waiting conversation for the first text from `identifier`. The raw number or handle
    /// is kept sealed because replies cannot reach the child without it; the hash is what links
    /// this child's later contacts.
    func startTextConversation(helpline: Helpline, channel: String, language: String, identifierHash: String,
                               identifier: String) async throws -> Conversation {
        let conversation = Conversation(helplineID: try helpline.requireID(), channel: channel, language: language, at: now)
        conversation.identifierHash = identifierHash
        conversation.sealedIdentifier = try protection.sealer.seal(identifier, context: Self.identifierContext(conversation.id!))
        try await db.writeTransaction { db in
            try await conversation.create(on: db)
            try await OperationsRollups.offered(conversation, helpline: helpline, on: db)
        }
        return conversation
    }

    static func identifierContext(_ id: UUID) -> String { "conversation-identifier:\(id.uuidString)" }
}
