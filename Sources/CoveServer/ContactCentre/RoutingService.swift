import CoveCore
import Fluent
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Routes waiting conversations to counsellors. The database holds the truth (presence, queue,
/// offers); each pass rebuilds a `RoutingBoard` from it, lets the board decide, and writes the
/// result back. Passes and routing actions run one at a time in this process, and on PostgreSQL
/// under an advisory lock, so two instances never offer one conversation twice.
final class RoutingService: Sendable {
    static let offerTimeout: TimeInterval = 45
    /// How stale a queue position may be when a waiting child asks for it.
    static let placeFreshness: TimeInterval = 1

    /// One database handle, taken at start-up: routing never needs more than one connection,
    /// and sessions that outlive a shutdown then meet a closed pool, not a missing application.
    let db: any Database
    let hub: ChatHub
    let protection: DataProtection
    let clock: CoveClock
    let logger: Logger
    let gate = SerialGate()
    let consoles = ConsoleRegistry()
    /// How long a counsellor may be without a console before they are set away.
    let consoleGrace: Duration
    private let lastBoard = NIOLockedValueBox<Loaded?>(nil)

    init(db: any Database, hub: ChatHub, protection: DataProtection, clock: CoveClock, logger: Logger,
         consoleGrace: Duration = .seconds(30)) {
        self.consoleGrace = consoleGrace
        self.db = db
        self.hub = hub
        self.protection = protection
        self.clock = clock
        self.logger = logger
    }

    /// A conversation store on the same handle, at the current time.
    var store: ConversationStore { ConversationStore(db: db, protection: protection, now: now) }

    var now: Date { clock.now() }

    struct Loaded: Sendable {
        var board: RoutingBoard
        var handlingTime: [UUID: TimeInterval]
        var at: Date
    }

    /// One routing pass; tells consoles and waiting children when anything moved.
    func route() async {
        do {
            if try await pass() { await hub.publish(.routing) }
        } catch {
            logger.error("routing pass failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
        }
    }

    /// Expires lapsed offers and makes new ones. Returns whether anything changed.
    func pass() async throws -> Bool {
        try await exclusive { db, now in
            var loaded = try await RoutingLoader(db: db).load(at: now)
            let before = loaded.board
            let lapsed = loaded.board.expireOffers(at: now)
            let made = loaded.board.makeOffers(at: now, offerTimeout: Self.offerTimeout)
            try await Self.persist(lapsed: lapsed, made: made, before: before, after: loaded.board, on: db)
            self.lastBoard.withLockedValue { $0 = loaded }
            return !lapsed.isEmpty || !made.isEmpty
        }
    }

    /// Runs `body` alone: in this process through the gate, across instances in one transaction
    /// holding PostgreSQL's advisory lock (SQLite serialises writers by itself).
    func exclusive<T: Sendable>(_ body: @escaping @Sendable (any Database, Date) async throws -> T) async throws -> T {
        let (db, clock) = (self.db, self.clock)
        return try await gate.run {
            try await db.transaction { db in
                if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
                    try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: Self.advisoryLock))").run()
                }
                return try await body(db, clock.now())
            }
        }
    }

    private static let advisoryLock = 0x436F_7665

    private static func persist(lapsed: [RoutingBoard.Offer], made: [RoutingBoard.Offer], before: RoutingBoard,
                                after: RoutingBoard, on db: any Database) async throws {
        for offer in lapsed {
            try await RoutingOffer.query(on: db).filter(\.$conversation.$id == offer.conversationID).delete()
        }
        for offer in made {
            try await RoutingOffer(conversationID: offer.conversationID, counsellorID: offer.counsellorID,
                                   offeredAt: offer.offeredAt, expiresAt: offer.expiresAt).create(on: db)
        }
        for (id, conversation) in after.waiting where before.waiting[id]?.excludedCounsellors != conversation.excludedCounsellors {
            try await Conversation.query(on: db).filter(\.$id == id)
                .set(\.$passedOver, to: conversation.excludedCounsellors.sorted()).update()
        }
    }

    /// A waiting child's place in their queue and the wait to expect, from a board at most a
    /// second old, so many children waiting do not each rebuild it.
    func place(of conversationID: UUID) async throws -> (position: Int?, waitSeconds: Int?) {
        let cached = lastBoard.withLockedValue { $0 }
        let loaded: Loaded
        if let cached, now.timeIntervalSince(cached.at) < Self.placeFreshness {
            loaded = cached
        } else {
            loaded = try await RoutingLoader(db: db).load(at: now)
            lastBoard.withLockedValue { $0 = loaded }
        }
        let helpline = loaded.board.waiting[conversationID]?.helplineID
        let handling = helpline.flatMap { loaded.handlingTime[$0] } ?? 20 * 60
        let wait = loaded.board.estimatedWait(of: conversationID, averageHandlingTime: handling)
        return (loaded.board.queuePosition(of: conversationID), wait.map { Int($0.rounded(.up)) })
    }
}

extension Application {
    private struct RoutingKey: StorageKey { typealias Value = RoutingService }

    /// Set once by `configureContactCentre()`.
    var routing: RoutingService {
        get { storage[RoutingKey.self]! }
        set { storage[RoutingKey.self] = newValue }
    }
}
