import CoveCore
import Fluent
import SQLKit
import Vapor

/// Sends what counsellors (and Cove's own notices) write to children on SMS and WhatsApp. Such
/// messages are stored `pending` first, so a provider that is down loses nothing: each due one is
/// claimed, sent and marked `sent`, or tried again after a growing wait until it is `failed`.
struct OutboundDelivery: Sendable {
    /// The wait after the first, second… failed attempt. With five attempts the last wait is never
    /// reached; it stays so raising `maximumAttempts` needs no second edit.
    static let retryDelays: [TimeInterval] = [5, 30, 2 * 60, 10 * 60, 60 * 60]
    static let maximumAttempts = 5
    /// How long a claimed message is left alone while it is being sent, so another instance cannot
    /// send it too, and a crash mid-send delays it rather than strands it.
    static let claimLease: TimeInterval = 60
    /// Messages per pass, so a backlog cannot keep one pass busy for long.
    static let batchSize = 50
    static let channels = [ContactChannel.sms.rawValue, ContactChannel.whatsApp.rawValue]

    let db: any Database
    let protection: DataProtection
    let hub: ChatHub
    let sender: any MessageSender
    let logger: Logger

    init(db: any Database, protection: DataProtection, hub: ChatHub, sender: any MessageSender, logger: Logger) {
        self.db = db
        self.protection = protection
        self.hub = hub
        self.sender = sender
        self.logger = logger
    }

    /// The service as `configureContactCentre()` builds it; tests pass their own sender.
    init(application: Application, sender: (any MessageSender)? = nil) {
        self.init(db: application.db, protection: application.dataProtection, hub: application.chatHub,
                  sender: sender ?? ProviderSender(client: application.client, logger: application.logger),
                  logger: application.logger)
    }

    /// Sends every message due at `now`, one at a time.
    func deliverDue(at now: Date) async {
        let due: [ChatMessage]
        do {
            due = try await dueMessages(at: now)
        } catch {
            logger.error("outbound messages not read", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return
        }
        for message in due { await deliver(message, at: now) }
    }

    func dueMessages(at now: Date) async throws -> [ChatMessage] {
        try await ChatMessage.query(on: db)
            .join(parent: \.$conversation)
            .filter(Conversation.self, \.$channel ~~ Self.channels)
            .filter(\.$delivery == .pending)
            .group(.or) { $0.filter(\.$nextAttemptAt == nil).filter(\.$nextAttemptAt <= now) }
            .sort(\.$sentAt).limit(Self.batchSize).all()
    }

    private func deliver(_ message: ChatMessage, at now: Date) async {
        do {
            guard try await claim(message, at: now) else { return }
            let outcome = await attempt(message)
            try await record(outcome, for: message, at: now)
            await hub.publish(.conversation(message.$conversation.id))
        } catch {
            logger.error("outbound message not updated", metadata: ["message": "\(message.id?.uuidString ?? "")",
                                                                   "error": "\(String(reflecting: type(of: error)))"])
        }
    }

    /// Takes the message for this attempt, unless another instance took it first: only one
    /// update can match the message while it is still due with the attempts this pass read.
    private func claim(_ message: ChatMessage, at now: Date) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return true }
        let rows = try await sql.update(ChatMessage.schema)
            .set("next_attempt_at", to: SQLBind(now.addingTimeInterval(Self.claimLease)))
            .where("id", .equal, SQLBind(try message.requireID()))
            .where("delivery", .equal, SQLBind(ChatMessage.Delivery.pending.rawValue))
            .where("attempts", .equal, SQLBind(message.attempts))
            .where(group: { due in
                due.where("next_attempt_at", .is, SQLLiteral.null)
                    .orWhere("next_attempt_at", .lessThanOrEqual, SQLBind(now))
            })
            .returning("id")
            .all()
        return !rows.isEmpty
    }

    enum Outcome: Equatable {
        case sent
        /// Worth another attempt: the provider failed or a channel is not set up yet.
        case retry
        /// Can never be sent: the number is gone or a sealed value does not open.
        case undeliverable
    }

    private func attempt(_ message: ChatMessage) async -> Outcome {
        let metadata: Logger.Metadata = ["message": "\(message.id?.uuidString ?? "")"]
        do {
            let (recipient, text, endpoint) = try await prepare(message)
            try await sender.send(to: recipient, text: text, via: endpoint)
            logger.info("message sent", metadata: metadata.merging(["provider": "\(endpoint.provider.rawValue)"]) { $1 })
            return .sent
        } catch is Undeliverable, is SealingError {
            logger.error("message cannot be sent", metadata: metadata)
            return .undeliverable
        } catch {
            logger.warning("message not sent", metadata: metadata.merging(Self.describe(error)) { $1 })
            return .retry
        }
    }

    /// The child's number, the message's text and the channel to send it through, all opened.
    private func prepare(_ message: ChatMessage) async throws -> (String, String, MessagingEndpoint) {
        guard let conversation = try await Conversation.find(message.$conversation.id, on: db),
              let sealed = conversation.sealedIdentifier else { throw Undeliverable() }
        let recipient = try protection.sealer.open(sealed, context: ChatIntake.identifierContext(try conversation.requireID()))
        let text = try protection.sealer.open(message.body, context: ChatMessage.sealingContext(try message.requireID()))
        guard let channel = try await MessagingChannel.query(on: db)
            .filter(\.$helpline.$id == conversation.$helpline.id).filter(\.$channel == conversation.channel).first() else {
            throw NoMessagingChannel()
        }
        return (recipient, text, try channel.endpoint(opening: protection))
    }

    private func record(_ outcome: Outcome, for message: ChatMessage, at now: Date) async throws {
        let attempts = message.attempts + 1
        let (delivery, next): (ChatMessage.Delivery, Date?) = switch outcome {
        case .sent: (.sent, nil)
        case .undeliverable: (.failed, nil)
        case .retry where attempts >= Self.maximumAttempts: (.failed, nil)
        case .retry: (.pending, now.addingTimeInterval(Self.delay(after: attempts)))
        }
        try await ChatMessage.query(on: db).filter(\.$id == message.requireID())
            .set(\.$delivery, to: delivery).set(\.$attempts, to: attempts).set(\.$nextAttemptAt, to: next)
            .update()
    }

    static func delay(after attempts: Int) -> TimeInterval {
        retryDelays[min(max(attempts, 1), retryDelays.count) - 1]
    }

    /// What went wrong, by kind and status only.
    private static func describe(_ error: any Error) -> Logger.Metadata {
        switch error {
        case let refused as MessageNotAccepted: ["status": "\(refused.status)"]
        case let missing as MissingCredential: ["missing": "\(missing.name)"]
        default: ["error": "\(String(reflecting: type(of: error)))"]
        }
    }
}

/// The conversation no longer holds the child's number.
struct Undeliverable: Error {}

/// The helpline has no channel of the conversation's kind, perhaps not yet.
struct NoMessagingChannel: Error {}

extension Application {
    private struct OutboundDeliveryKey: StorageKey { typealias Value = OutboundDelivery }

    /// Set once by `configureContactCentre()`.
    var outboundDelivery: OutboundDelivery {
        get { storage[OutboundDeliveryKey.self]! }
        set { storage[OutboundDeliveryKey.self] = newValue }
    }
}

/// Sends due messages once a second outside tests (tests call `deliverDue(at:)` at the times they
/// choose). A pass that is sending when the server stops is waited for, so the database is still
/// open when it records what happened.
final class OutboundDeliveryLifecycle: LifecycleHandler, @unchecked Sendable {
    private let ticks: Bool
    private var task: Task<Void, Never>?

    init(ticks: Bool) { self.ticks = ticks }

    func didBootAsync(_ application: Application) async throws {
        guard ticks else { return }
        let (delivery, clock) = (application.outboundDelivery, application.clock)
        task = Task {
            while (try? await Task.sleep(for: .seconds(1))) != nil {
                await delivery.deliverDue(at: clock.now())
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task?.cancel()
        await task?.value
    }
}
