import CoveCore
import Crypto
import Fluent
import SQLKit
import Vapor

/// Reads and writes conversations and their messages, sealing text on the way in and opening
/// it on the way out. Storing a message is idempotent per sender and client id, so a client
/// that resends after a dropped connection never makes a second copy.
struct ConversationStore: Sendable {
    let db: any Database
    let protection: DataProtection
    let now: Date
    /// On SQLite, the process's writers queue here rather than on the file lock.
    var writes: SerialGate? = nil
    /// Batches chat messages into shared transactions.
    var writer: MessageWriter? = nil

    /// A message as the chat and the console show it.
    struct Line: Codable, Sendable, Equatable {
        var sequence: Int
        var sender: ChatMessage.Sender
        var clientID: String
        var text: String
        var sentAt: Date
        var delivery: ChatMessage.Delivery
    }

    struct Stored: Sendable, Equatable {
        var sequence: Int
        var messageID: UUID
        /// False when this client id was already stored: a resend.
        var isNew: Bool
        /// The message as stored, when it is new.
        var line: Line? = nil
    }

    static let maximumTextLength = 4_000

    func append(to conversationID: UUID, from sender: ChatMessage.Sender, author: UUID? = nil, clientID: String,
                text: String, delivery: ChatMessage.Delivery = .delivered) async throws -> Stored {
        // A resend is found without queueing for the write lock.
        if let kept = try await existing(conversationID, sender, clientID, on: db) { return kept }
        let id = UUID()
        let draft = MessageDraft(id: id, conversationID: conversationID, sender: sender, author: author, clientID: clientID,
                                 body: try protection.sealer.seal(text, context: ChatMessage.sealingContext(id)),
                                 sentAt: now, delivery: delivery)
        switch try await write(draft) {
        case let .written(sequence):
            return Stored(sequence: sequence, messageID: id, isNew: true,
                          line: Line(sequence: sequence, sender: sender, clientID: clientID, text: text, sentAt: now, delivery: delivery))
        case .closed:
            throw ConversationClosed()
        case .alreadyStored:
            // The unique index caught a resend that landed between the check above and the write.
            guard let kept = try await existing(conversationID, sender, clientID, on: db) else { throw Abort(.conflict) }
            return kept
        }
    }

    /// Through the shared writer when there is one (the running service); on its own otherwise.
    private func write(_ draft: MessageDraft) async throws -> MessageWriter.Outcome {
        if let writer { return try await writer.write(draft, on: db) }
        return try await db.writeTransaction(queueingAt: writes) { db in try await MessageWriter.outcome(of: draft, on: db) }
    }

    private func existing(_ conversationID: UUID, _ sender: ChatMessage.Sender, _ clientID: String,
                          on db: any Database) async throws -> Stored? {
        let row = try await Self.sql(db).select().columns("id", "sequence").from(ChatMessage.schema)
            .where("conversation_id", .equal, conversationID).where("sender", .equal, sender.rawValue)
            .where("client_id", .equal, clientID).first()
        return try row.map {
            Stored(sequence: try $0.decode(column: "sequence", as: Int.self), messageID: try $0.decode(column: "id", as: UUID.self),
                   isNew: false)
        }
    }

    private static func sql(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        return sql
    }

    /// Messages after `sequence`, oldest first, opened for reading.
    func lines(of conversationID: UUID, after sequence: Int, limit: Int = 500) async throws -> [Line] {
        let rows = try await Self.sql(db).select()
            .columns("id", "sequence", "sender", "client_id", "body", "sent_at", "delivery").from(ChatMessage.schema)
            .where("conversation_id", .equal, conversationID).where("sequence", .greaterThan, sequence)
            .orderBy("sequence").limit(limit).all()
        return try rows.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            let text = try protection.sealer.open(try row.decode(column: "body", as: Data.self), context: ChatMessage.sealingContext(id))
            return Line(sequence: try row.decode(column: "sequence", as: Int.self),
                        sender: try row.decode(column: "sender", as: ChatMessage.Sender.self),
                        clientID: try row.decode(column: "client_id", as: String.self), text: text,
                        sentAt: try row.decode(column: "sent_at", as: Date.self),
                        delivery: try row.decode(column: "delivery", as: ChatMessage.Delivery.self))
        }
    }

    func conversation(_ id: UUID) async throws -> Conversation? {
        try await Conversation.find(id, on: db)
    }

    /// Ends a conversation; with `deleting`, the child asked for the transcript to go now.
    func end(_ conversation: Conversation, deleting: Bool) async throws {
        try await db.writeTransaction(queueingAt: writes) { db in
            conversation.state = .ended
            conversation.endedAt = conversation.endedAt ?? now
            if deleting {
                conversation.deletionRequested = true
                conversation.transcriptDeletedAt = now
                conversation.sealedNickname = nil
                try await ChatMessage.query(on: db).filter(\.$conversation.$id == conversation.requireID()).delete()
            }
            try await conversation.save(on: db)
            try await RoutingOffer.query(on: db).filter(\.$conversation.$id == conversation.requireID()).delete()
        }
    }

    /// A web chat's secret: 32 random bytes for the child's page, only its SHA-256 for the database.
    static func newAccessToken() -> (token: String, hash: String) {
        let token = Data([UInt8].random(count: 32)).base64URLEncodedString()
        return (token, accessTokenHash(token))
    }

    static func accessTokenHash(_ token: String) -> String {
        SHA256.hex(of: token)
    }
}

/// A message sent to a conversation that has ended.
struct ConversationClosed: Error {}

extension Data {
    func base64URLEncodedString() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
