import CoveCore
import Fluent
import SQLKit
import Vapor

/// Reads the routing board's facts from the database: every counsellor with a presence row,
/// the helplines their organisation runs, what they hold open, the queue and the offers out.
struct RoutingLoader: Sendable {
    let db: any Database

    func load(at now: Date) async throws -> RoutingService.Loaded {
        let counsellors = try await CounsellorRoster(db: db).counsellors()
        let openCounts = try await self.openCounts()
        let waitingRows = try await Conversation.query(on: db).filter(\.$state == .waiting).all()
        let waiting = try waitingRows.map {
            RoutingBoard.Conversation(id: try $0.requireID(), helplineID: $0.$helpline.id, language: $0.language,
                                      priority: ConversationPriority(rawValue: $0.priority) ?? .normal,
                                      waitingSince: $0.waitingSince)
        }
        let excluded = Dictionary(uniqueKeysWithValues: try waitingRows.map { (try $0.requireID(), Set($0.passedOver)) })
        let offers = try await RoutingOffer.query(on: db).all().map {
            RoutingBoard.Offer(conversationID: $0.$conversation.id, counsellorID: $0.$counsellor.id,
                               offeredAt: $0.offeredAt, expiresAt: $0.expiresAt)
        }
        let board = RoutingBoard(counsellors: counsellors, openCounts: openCounts, waiting: waiting,
                                 excluded: excluded, offers: offers)
        let settings = try await ContactCentreSettings.query(on: db).all()
        let handling = Dictionary(settings.map { ($0.$helpline.id, TimeInterval($0.averageHandlingSeconds)) },
                                  uniquingKeysWith: { first, _ in first })
        return RoutingService.Loaded(board: board, handlingTime: handling, at: now)
    }
}

extension RoutingLoader {
    /// How many chats each counsellor holds, counted by the database: a routing pass runs
    /// on every change, and reading every open chat to count them made it slower the more
    /// children were talking.
    func openCounts() async throws -> [UUID: Int] {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let rows = try await sql.select().column("counsellor_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "open")
            .from(Conversation.schema)
            .where("state", .equal, Conversation.State.active.rawValue).where("counsellor_id", .isNot, SQLLiteral.null)
            .groupBy("counsellor_id").all()
        return try Dictionary(rows.map { (try $0.decode(column: "counsellor_id", as: UUID.self), try $0.decode(column: "open", as: Int.self)) },
                              uniquingKeysWith: +)
    }
}

/// Counsellors as routing sees them: a person with a presence row, serving the helplines
/// linked to their organisation.
struct CounsellorRoster: Sendable {
    let db: any Database

    func counsellors() async throws -> [RoutingBoard.Counsellor] {
        let presence = try await CounsellorPresence.query(on: db).with(\.$person).all()
        let organisations = Set(presence.map { $0.person.$organisation.id })
        let helplines = try await Helpline.query(on: db).filter(\.$organisation.$id ~~ Array(organisations)).all()
        let byOrganisation = Dictionary(grouping: helplines.compactMap { helpline in
            helpline.$organisation.id.map { ($0, helpline.id!) }
        }, by: \.0).mapValues { Set($0.map(\.1)) }
        return presence.compactMap { row in
            let roles = Set(row.person.roleList)
            guard !roles.isDisjoint(with: [.counsellor, .supervisor]) else { return nil }
            return RoutingBoard.Counsellor(
                id: row.$person.id, helplineIDs: byOrganisation[row.person.$organisation.id] ?? [],
                languages: Set(row.languages), capacity: row.capacity,
                status: row.status == .available ? .available : .away, idleSince: row.idleSince,
                isSupervisor: roles.contains(.supervisor))
        }
    }

    /// Counsellors on duty for `helpline` now: nobody on duty means the chat is closed. Asked at
    /// every chat start, so it reads only the available counsellors of the helpline's organisation.
    func availableCount(for helpline: Helpline) async throws -> Int {
        guard let organisationID = helpline.$organisation.id else { return 0 }
        let available = try await CounsellorPresence.query(on: db).filter(\.$status == .available)
            .join(Person.self, on: \CounsellorPresence.$person.$id == \Person.$id)
            .filter(Person.self, \.$organisation.$id == organisationID).all()
        return try available.count { row in
            !Set(try row.joined(Person.self).roleList).isDisjoint(with: [.counsellor, .supervisor])
        }
    }
}
