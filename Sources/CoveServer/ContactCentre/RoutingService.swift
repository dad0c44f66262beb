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

    /// A database handle on any event loop, so chat traffic spreads over the pool's
    /// connections. Sessions can outlive a shutdown; they then get a handle whose pool is
    /// closed, and fail as a closed database, not as a missing application.
    private let database: @Sendable () -> any Database
    var db: any Database { database() }
    let hub: ChatHub
    let protection: DataProtection
    let clock: CoveClock
    let logger: Logger
    let gate = SerialGate()
    /// Where this process's writers to SQLite queue; see `Database.writeTransaction`.
    let writes = SerialGate()
    let messageWriter: MessageWriter
    let consoles = ConsoleRegistry()
    /// How long a counsellor may be without a console before they are set away.
    let consoleGrace: Duration
    /// A burst of changes asks for many passes; one pass after the burst sees them all.
    private let passes: Coalescer<Bool>
    private let passRequests = NIOLockedValueBox(0)
    /// Waiting children and consoles read these after a routing event: one read per change
    /// serves them all.
    let boards: Coalescer<Loaded>
    let keptRules = NIOLockedValueBox<[UUID: (rules: PriorityRules, at: Date)]>([:])
    let consoleSnapshots: Coalescer<ConsoleSnapshot>

    init(database: @escaping @Sendable () -> any Database, hub: ChatHub, protection: DataProtection, clock: CoveClock, logger: Logger,
         consoleGrace: Duration = .seconds(30)) {
        self.consoleGrace = consoleGrace
        self.database = database
        self.hub = hub
        self.protection = protection
        self.clock = clock
        self.logger = logger
        messageWriter = MessageWriter(writes: writes)
        let requests = passRequests
        passes = Coalescer(currentMark: { requests.withLockedValue { $0 } })
        boards = Coalescer(currentMark: { hub.routingGeneration })
        consoleSnapshots = Coalescer(currentMark: { hub.routingGeneration })
    }

    /// A conversation store on the same handle, at the current time.
    var store: ConversationStore { ConversationStore(db: db, protection: protection, now: now, writes: writes, writer: messageWriter) }

    var now: Date { clock.now() }

    struct Loaded: Sendable {
        var board: RoutingBoard
        var handlingTime: [UUID: TimeInterval]
        var at: Date
    }

    /// A routing pass that starts after this call; tells consoles and waiting children when
    /// anything moved. Calls made while a pass waits to start share it.
    func route() async {
        let request = passRequests.withLockedValue { count in
            count += 1
            return count
        }
        do {
            let changed = try await passes.value(atLeast: request) { try await self.pass() }
            if changed { await hub.publish(.routing) }
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
            return !lapsed.isEmpty || !made.isEmpty
        }
    }

    /// Runs `body` alone: in this process through the gate, across instances in one transaction
    /// holding PostgreSQL's advisory lock (on SQLite the transaction holds the one write lock).
    func exclusive<T: Sendable>(_ body: @escaping @Sendable (any Database, Date) async throws -> T) async throws -> T {
        let (db, clock, writes) = (self.db, self.clock, self.writes)
        return try await gate.run {
            try await db.writeTransaction(queueingAt: writes) { db in
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
        // By id, like every writer of conversation rows, so writers never wait on each other in a circle.
        for (id, conversation) in after.waiting.sorted(by: { $0.key.uuidString < $1.key.uuidString })
        where before.waiting[id]?.excludedCounsellors != conversation.excludedCounsellors {
            try await Conversation.query(on: db).filter(\.$id == id)
                .set(\.$passedOver, to: conversation.excludedCounsellors.sorted()).update()
        }
    }

    /// The routing board as of the latest routing event, read once for everyone who asks.
    func currentBoard() async throws -> Loaded {
        let (db, clock) = (self.db, self.clock)
        return try await boards.value(atLeast: hub.routingGeneration) { try await RoutingLoader(db: db).load(at: clock.now()) }
    }

    /// A waiting child's place in their queue and the wait to expect.
    func place(of conversationID: UUID) async throws -> (position: Int?, waitSeconds: Int?) {
        let loaded = try await currentBoard()
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
