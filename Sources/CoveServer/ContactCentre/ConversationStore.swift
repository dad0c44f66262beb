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
    }

    static let maximumTextLength = 4_000

    func append(to conversationID: UUID, from sender: ChatMessage.Sender, author: UUID? = nil, clientID: String,
                text: String, delivery: ChatMessage.Delivery = .delivered) async throws -> Stored {
        try await db.writeTransaction { db in
            if let kept = try await existing(conversationID, sender, clientID, on: db) { return kept }
            let sequence = try await nextSequence(of: conversationID, on: db)
            let id = UUID()
            let body = try protection.sealer.seal(text, context: ChatMessage.sealingContext(id))
            let message = ChatMessage(id: id, conversationID: conversationID, sequence: sequence, sender: sender,
                                      authorID: author, clientID: clientID, body: body, sentAt: now, delivery: delivery)
            try await message.create(on: db)
            return Stored(sequence: sequence, messageID: id, isNew: true)
        }
    }

    private func existing(_ conversationID: UUID, _ sender: ChatMessage.Sender, _ clientID: String,
                          on db: any Database) async throws -> Stored? {
        let found = try await ChatMessage.query(on: db)
            .filter(\.$conversation.$id == conversationID).filter(\.$sender == sender).filter(\.$clientID == clientID)
            .first()
        return try found.map { Stored(sequence: $0.sequence, messageID: try $0.requireID(), isNew: false) }
    }

    /// Moves the counter in the database itself, so two instances appending at once get different numbers.
    private func nextSequence(of conversationID: UUID, on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let rows = try await sql.update(Conversation.schema)
            .set("last_sequence", to: SQLBinaryExpression(SQLIdentifier("last_sequence"), .add, SQLLiteral.numeric("1")))
            .where("id", .equal, SQLBind(conversationID))
            .where("state", .notEqual, SQLBind(Conversation.State.ended.rawValue))
            .returning("last_sequence")
            .all()
        guard let row = rows.first else { throw ConversationClosed() }
        return try row.decode(column: "last_sequence", as: Int.self)
    }

    /// Messages after `sequence`, oldest first, opened for reading.
    func lines(of conversationID: UUID, after sequence: Int, limit: Int = 500) async throws -> [Line] {
        let messages = try await ChatMessage.query(on: db)
            .filter(\.$conversation.$id == conversationID).filter(\.$sequence > sequence)
            .sort(\.$sequence).limit(limit).all()
        return try messages.map { message in
            let text = try protection.sealer.open(message.body, context: ChatMessage.sealingContext(try message.requireID()))
            return Line(sequence: message.sequence, sender: message.sender, clientID: message.clientID, text: text,
                        sentAt: message.sentAt, delivery: message.delivery)
        }
    }

    func conversation(_ id: UUID) async throws -> Conversation? {
        try await Conversation.find(id, on: db)
    }

    /// Ends a conversation; with `deleting`, the child asked for the transcript to go now.
    func end(_ conversation: Conversation, deleting: Bool) async throws {
        try await db.writeTransaction { db in
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
