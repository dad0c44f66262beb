import Fluent
import Vapor

/// The cases a person may see, one row each, with what a shift needs at a glance: whose each
/// case is, when someone must call back, and how many contacts it holds.
struct CaseListPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        var reference: String
        var href: String
        var status: String
        var statusLabel: String
        var assignee: String
        var followUpOn: String
        /// Spelled out on the page, not only coloured, so it reaches screen readers and print.
        var overdue: Bool
        var contacts: Int
    }

    struct Filter: Encodable, Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    var rows: [Row]
    var filters: [Filter]
    var isEmpty: Bool

    static func load(for person: Person, status: HelplineCase.Status?, on req: Request) async throws -> CaseListPage {
        let cases = try await CaseAccess.visibleCases(to: person, status: status, on: req.db)
        let filters = [Filter(value: "", label: req.t("cases.status_all"), selected: status == nil)]
            + HelplineCase.Status.allCases.map { Filter(value: $0.rawValue, label: req.t($0.labelKey), selected: $0 == status) }
        guard !cases.isEmpty else { return CaseListPage(rows: [], filters: filters, isEmpty: true) }
        let ids = try cases.map { try $0.requireID() }
        let links = try await CaseContact.query(on: req.db).filter(\.$helplineCase.$id ~~ ids).all()
        let counts = Dictionary(grouping: links, by: { $0.$helplineCase.id }).mapValues(\.count)
        let names = try await CasePage.names(of: cases.map { $0.$assignee.id }, on: req.db)
        let today = try await Self.todayByHelpline(Set(cases.map { $0.$helpline.id }), at: req.now, on: req.db)
        let rows = try cases.map { found in
            let id = try found.requireID()
            return Row(reference: found.reference, href: req.localPath("cases/\(id)"), status: found.status.rawValue,
                       statusLabel: req.t(found.status.labelKey),
                       assignee: found.$assignee.id.flatMap { names[$0] } ?? req.t("case.unassigned"),
                       followUpOn: found.followUpOn ?? "—",
                       overdue: found.isOverdue(today: today[found.$helpline.id] ?? req.now.dayText(inTimeZone: "UTC")),
                       contacts: counts[id] ?? 0)
        }
        return CaseListPage(rows: rows, filters: filters, isEmpty: false)
    }

    /// Each helpline's own today: an organisation may run lines in several time zones.
    private static func todayByHelpline(_ ids: Set<UUID>, at now: Date, on db: any Database) async throws -> [UUID: String] {
        let helplines = try await Helpline.query(on: db).filter(\.$id ~~ Array(ids)).all()
        let days = helplines.compactMap { helpline in helpline.id.map { ($0, now.dayText(inTimeZone: helpline.timeZone)) } }
        return Dictionary(days, uniquingKeysWith: { first, _ in first })
    }
}
