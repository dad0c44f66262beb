import Fluent
import SQLKit
import Vapor

/// A chat message ready to be written: sealed already, so a transaction only writes.
struct MessageDraft: Sendable {
    var id: UUID
    var conversationID: UUID
    var sender: ChatMessage.Sender
    var author: UUID?
    var clientID: String
    var body: Data
    var sentAt: Date
    var delivery: ChatMessage.Delivery

    /// Numbers the message in its conversation and writes it. Nil when the conversation already
    /// holds this client id (a resend racing the first copy).
    func write(on db: any Database) async throws -> Int? {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let rows = try await sql.update(Conversation.schema)
            .set("last_sequence", to: SQLBinaryExpression(SQLIdentifier("last_sequence"), .add, SQLLiteral.numeric("1")))
            .where("id", .equal, SQLBind(conversationID))
            .where("state", .notEqual, SQLBind(Conversation.State.ended.rawValue))
            .returning("last_sequence")
            .all()
        guard let row = rows.first else { throw ConversationClosed() }
        let sequence = try row.decode(column: "last_sequence", as: Int.self)
        // Written with SQLKit rather than the model: this runs for every message, and the
        // model's reflection costs more than the statement.
        let inserted = try await sql.insert(into: ChatMessage.schema)
            .columns("id", "conversation_id", "sequence", "sender", "author_id", "client_id", "body", "sent_at",
                     "delivery", "attempts")
            .values(SQLBind(id), SQLBind(conversationID), SQLBind(sequence), SQLBind(sender.rawValue), SQLBind(author),
                    SQLBind(clientID), SQLBind(body), SQLBind(sentAt), SQLBind(delivery.rawValue), SQLBind(0))
            .ignoringConflicts(with: ["conversation_id", "sender", "client_id"])
            .returning("id")
            .all()
        guard inserted.isEmpty else { return sequence }
        // A resend that raced its first copy: hand the number back, so the chat has no gap.
        // This transaction still holds the row, so nobody has numbered a message since.
        try await sql.update(Conversation.schema)
            .set("last_sequence", to: SQLBinaryExpression(SQLIdentifier("last_sequence"), .subtract, SQLLiteral.numeric("1")))
            .where("id", .equal, SQLBind(conversationID)).where("last_sequence", .equal, SQLBind(sequence))
            .run()
        return nil
    }
}

/// Writes chat messages in batches: messages that arrive while one transaction is being
/// written go together in the next. SQLite takes one writer at a time, and a transaction
/// costs several round trips besides its rows, so one per message would cap the whole
/// service at a few hundred messages a second.
actor MessageWriter {
    enum Outcome: Sendable {
        case written(sequence: Int)
        case alreadyStored
        case closed
    }

    private struct Waiting {
        var draft: MessageDraft
        var continuation: CheckedContinuation<Outcome, any Error>
    }

    private let writes: SerialGate
    private var queue: [Waiting] = []
    private var isWriting = false
    /// Keeps one transaction short enough that the first message in it is not kept waiting.
    static let batchLimit = 200

    init(writes: SerialGate) { self.writes = writes }

    func write(_ draft: MessageDraft, on db: any Database) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            queue.append(Waiting(draft: draft, continuation: continuation))
            guard !isWriting else { return }
            isWriting = true
            Task { await self.drain(on: db) }
        }
    }

    private func drain(on db: any Database) async {
        while !queue.isEmpty {
            let batch = Array(queue.prefix(Self.batchLimit))
            queue.removeFirst(batch.count)
            await write(batch, on: db)
        }
        isWriting = false
    }

    /// One transaction for the batch, its chats' rows taken in one order (by id, each chat's
    /// messages in arrival order) so two writers on PostgreSQL cannot deadlock on them. If the
    /// batch fails, each message is tried alone, so one message's trouble is not everyone's.
    private func write(_ batch: [Waiting], on db: any Database) async {
        let ordered = batch.enumerated()
            .sorted { ($0.element.draft.conversationID.uuidString, $0.offset) < ($1.element.draft.conversationID.uuidString, $1.offset) }
            .map(\.element)
        do {
            let outcomes = try await db.writeTransaction(queueingAt: writes) { db in
                var outcomes: [Outcome] = []
                for waiting in ordered { outcomes.append(try await Self.outcome(of: waiting.draft, on: db)) }
                return outcomes
            }
            for (waiting, outcome) in zip(ordered, outcomes) { waiting.continuation.resume(returning: outcome) }
        } catch where batch.count > 1 {
            for waiting in ordered { await write([waiting], on: db) }
        } catch {
            for waiting in batch { waiting.continuation.resume(throwing: error) }
        }
    }

    static func outcome(of draft: MessageDraft, on db: any Database) async throws -> Outcome {
        do {
            return try await draft.write(on: db).map { .written(sequence: $0) } ?? .alreadyStored
        } catch is ConversationClosed {
            return .closed
        }
    }
}
