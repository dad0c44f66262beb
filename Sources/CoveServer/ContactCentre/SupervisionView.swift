import CoveCore
import Fluent
import Vapor

/// The supervisor's floor: the organisation's queues, its counsellors' load and the chats under
/// way. Every label is already in the page's language, so the page script that refreshes the
/// tables only copies text and never needs words of its own.
struct SupervisionFloor: Content {
    struct Queue: Content {
        var helpline: String
        var waiting: Int
        var longestWaitMinutes: Int
        var highestPriority: String
        var priorityLevel: Int
        var availableCounsellors: Int
    }

    struct Counsellor: Content {
        var name: String
        var status: String
        var statusLabel: String
        var active: Int
        var capacity: Int
        var offered: Int
    }

    struct Live: Content {
        var conversation: UUID
        var shortID: String
        var counsellor: String
        var language: String
        var channel: String
        var priorityLevel: Int
        var priority: String
        var alert: String?
        var startedAt: String
        var monitor: String
    }

    var queues: [Queue]
    var counsellors: [Counsellor]
    var conversations: [Live]
    var updatedAt: String
}

extension SupervisionFloor {
    /// Reads the whole routing board, as routing itself does, then keeps only what belongs to
    /// the supervisor's organisation: the board is shared by every helpline on this server.
    static func load(for supervisor: Person, on req: Request) async throws -> SupervisionFloor {
        let (routing, now) = (req.application.routing, req.application.routing.now)
        let organisationID = supervisor.$organisation.id
        let helplines = try await Helpline.query(on: routing.db).filter(\.$organisation.$id == organisationID).sort(\.$name).all()
        let view = try await RoutingLoader(db: routing.db).load(at: now).board.supervisorView(at: now)
        let onBoard = view.counsellors.map(\.counsellorID)
        let staff = try await Person.query(on: routing.db).filter(\.$organisation.$id == organisationID)
            .filter(\.$id ~~ onBoard).all()
        let queues = try helplines.map { try queueRow(of: $0, in: view, on: req) }
        let live = try await liveRows(in: helplines, on: req)
        return SupervisionFloor(queues: queues, counsellors: counsellorRows(staff, in: view, on: req), conversations: live,
                                updatedAt: now.pageText)
    }

    /// A helpline nobody serves and nobody waits for is missing from the board; it still gets
    /// a row of zeros, so the supervisor sees it is unstaffed.
    private static func queueRow(of helpline: Helpline, in view: SupervisorView, on req: Request) throws -> Queue {
        let id = try helpline.requireID()
        let queue = view.queues.first { $0.helplineID == id }
        let level = queue?.highestPriority?.rawValue
        return Queue(
            helpline: helpline.names[req.language.rawValue] ?? helpline.name, waiting: queue?.waitingCount ?? 0,
            longestWaitMinutes: Int((queue?.longestWait ?? 0) / 60), highestPriority: level.map(req.priorityLabel) ?? "—",
            priorityLevel: level ?? 0, availableCounsellors: queue?.availableCounsellors ?? 0)
    }

    private static func counsellorRows(_ staff: [Person], in view: SupervisorView, on req: Request) -> [Counsellor] {
        let names = Self.names(of: staff)
        return view.counsellors.compactMap { load -> Counsellor? in
            guard let name = names[load.counsellorID] else { return nil }
            let status = load.status == .available ? "available" : "away"
            return Counsellor(name: name, status: status, statusLabel: req.t("supervision.status_\(status)"),
                              active: load.activeCount, capacity: load.capacity, offered: load.offeredCount)
        }.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
    }

    private static func names(of people: [Person]) -> [UUID: String] {
        Dictionary(people.compactMap { person in person.id.map { ($0, person.name) } }, uniquingKeysWith: { first, _ in first })
    }

    /// The most pressing first, then the longest running.
    private static func liveRows(in helplines: [Helpline], on req: Request) async throws -> [Live] {
        let db = req.application.routing.db
        let conversations = try await Conversation.query(on: db).filter(\.$state == .active)
            .filter(\.$helpline.$id ~~ helplines.compactMap(\.id))
            .sort(\.$priority, .descending).sort(\.$startedAt).all()
        let holders = try await Person.query(on: db).filter(\.$id ~~ conversations.compactMap { $0.$counsellor.id }).all()
        let names = Self.names(of: holders)
        return try conversations.map { conversation in
            let id = try conversation.requireID()
            return Live(
                conversation: id, shortID: id.shortText, counsellor: conversation.$counsellor.id.flatMap { names[$0] } ?? "—",
                language: conversation.language, channel: conversation.channel, priorityLevel: conversation.priority,
                priority: req.priorityLabel(conversation.priority), alert: req.alertLabel(conversation.alertCode),
                startedAt: conversation.startedAt.pageText, monitor: req.localPath("supervision/conversations/\(id)"))
        }
    }
}

/// A read-only transcript for monitoring. The JSON variant carries only the lines after the
/// ones the page already shows, so a poll stays small however long the chat runs.
struct SupervisionTranscript: Content {
    struct Line: Content {
        var sequence: Int
        var sender: String
        /// The chat log's class: the counsellor's lines sit on the far side, as in the console.
        var style: String
        var who: String
        var text: String
        var sentAt: String
    }

    var conversation: UUID
    var shortID: String
    var helpline: String
    var counsellor: String
    var channel: String
    var language: String
    var priority: String
    var alert: String?
    var state: String
    var stateLabel: String
    var startedAt: String
    var lines: [Line]
    /// The last sequence shown; the page's poll asks for what comes after it.
    var last: Int

    static func load(_ conversation: Conversation, after sequence: Int, on req: Request) async throws -> SupervisionTranscript {
        let routing = req.application.routing
        let id = try conversation.requireID()
        let lines = try await routing.store.lines(of: id, after: sequence)
        let helpline = try await Helpline.find(conversation.$helpline.id, on: routing.db)
        let holder = try await conversation.$counsellor.id.asyncMap { try await Person.find($0, on: routing.db) } ?? nil
        return SupervisionTranscript(
            conversation: id, shortID: id.shortText,
            helpline: helpline.map { $0.names[req.language.rawValue] ?? $0.name } ?? "—", counsellor: holder?.name ?? "—",
            channel: conversation.channel, language: conversation.language, priority: req.priorityLabel(conversation.priority),
            alert: req.alertLabel(conversation.alertCode), state: conversation.state.rawValue,
            stateLabel: req.t("supervision.state_\(conversation.state.rawValue)"), startedAt: conversation.startedAt.pageText,
            lines: lines.map { Line($0, on: req) }, last: lines.last?.sequence ?? sequence)
    }
}

extension SupervisionTranscript.Line {
    init(_ line: ConversationStore.Line, on req: Request) {
        sequence = line.sequence
        sender = line.sender.rawValue
        style = line.sender == .counsellor ? "mine" : line.sender.rawValue
        who = req.t("console.\(line.sender.rawValue)")
        text = line.text
        sentAt = line.sentAt.pageText
    }
}

extension Request {
    func priorityLabel(_ level: Int) -> String {
        let key = "console.priority_\(level)"
        return catalogue.messages[key] == nil ? String(level) : t(key)
    }

    /// The rule's own wording when the catalogue has one (`imminent-danger`), else its code.
    func alertLabel(_ code: String?) -> String? {
        guard let code else { return nil }
        let key = "console.alert_" + code.replacingOccurrences(of: "-", with: "_")
        return catalogue.messages[key] == nil ? t("console.alert", ["alert": code]) : t(key)
    }
}

extension UUID {
    /// Enough of the id to tell conversations apart on one floor and to find one in the audit log.
    var shortText: String { String(uuidString.prefix(8)).lowercased() }
}
