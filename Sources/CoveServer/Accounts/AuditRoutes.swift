import CoveCore
import Fluent
import Vapor

/// Reading the audit log, newest first, filtered by who, what, which record and when.
struct AuditRoutes: RouteCollection {
    static let readers: [Role: AccessScope] = [
        .systemAdministrator: .everything, .secretariat: .everything, .helplineAdministrator: .ownOrganisation,
    ]
    static let pageSize = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get(":lang", "admin", "audit", use: list).access(.roles(Self.readers))
        routes.get("api", "v1", "audit-events", use: listJSON).access(.roles(Self.readers))
    }

    struct Filter: Content {
        var actor: String?
        var action: String?
        var record: String?
        var from: String?
        var to: String?
        var page: Int?
    }

    struct Row: Content {
        var occurredAt: Date
        /// The same instant as text in UTC, for the page.
        var when: String
        var actor: String
        var action: String
        var recordType: String?
        var recordID: String?
        var detail: String?
    }

    struct ListView: Encodable, Sendable {
        var filter: Filter
        var rows: [Row]
        var isEmpty: Bool
        var newer: String?
        var older: String?
    }

    func fetch(_ req: Request) async throws -> (Filter, [Row], hasMore: Bool) {
        let filter = try req.query.decode(Filter.self)
        let page = max(filter.page ?? 1, 1)
        var query = AuditEvent.query(on: req.db).sort(\.$occurredAt, .descending)
        if req.accessScope != .everything {
            query = query.filter(\.$organisationID == (try req.requirePerson().$organisation.id))
        }
        if let actor = filter.actor?.nonEmpty { query = query.filter(\.$actorLabel == EmailAddress.normalised(actor)) }
        if let action = filter.action?.nonEmpty { query = query.filter(\.$action == action) }
        if let record = filter.record?.nonEmpty { query = query.filter(\.$recordID == record) }
        if let from = filter.from?.nonEmpty.flatMap(Self.day) { query = query.filter(\.$occurredAt >= from) }
        if let to = filter.to?.nonEmpty.flatMap(Self.day) { query = query.filter(\.$occurredAt < to.addingTimeInterval(86_400)) }
        let events = try await query.range(((page - 1) * Self.pageSize)..<(page * Self.pageSize + 1)).all()
        let rows = events.prefix(Self.pageSize).map {
            Row(occurredAt: $0.occurredAt, when: $0.occurredAt.pageText, actor: $0.actorLabel ?? "—", action: $0.action,
                recordType: $0.recordType, recordID: $0.recordID, detail: $0.detail)
        }
        return (filter, rows, events.count > Self.pageSize)
    }

    static func day(_ text: String) -> Date? {
        try? Date(text + "T00:00:00Z", strategy: .iso8601)
    }

    @Sendable func list(req: Request) async throws -> View {
        let (filter, rows, hasMore) = try await fetch(req)
        let page = max(filter.page ?? 1, 1)
        let view = ListView(filter: filter, rows: rows, isEmpty: rows.isEmpty,
                            newer: page > 1 ? link(req, filter, page: page - 1) : nil,
                            older: hasMore ? link(req, filter, page: page + 1) : nil)
        return try await req.renderPage("audit", titleKey: "audit.title", body: view)
    }

    private func link(_ req: Request, _ filter: Filter, page: Int) -> String {
        var components = URLComponents()
        components.queryItems = [("actor", filter.actor), ("action", filter.action), ("record", filter.record),
                                 ("from", filter.from), ("to", filter.to)]
            .compactMap { name, value in value?.nonEmpty.map { URLQueryItem(name: name, value: $0) } }
            + [URLQueryItem(name: "page", value: "\(page)")]
        return req.localPath("admin/audit") + "?" + (components.percentEncodedQuery ?? "")
    }

    @Sendable func listJSON(req: Request) async throws -> [Row] {
        try await fetch(req).1
    }
}

extension String {
    var nonEmpty: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
