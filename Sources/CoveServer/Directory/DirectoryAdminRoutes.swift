import CoveCore
import Fluent
import Vapor

/// Staff pages to keep the directory right: the list of helplines one may edit, an edit form whose
/// fields are the plain CSV's columns, and each helpline's history.
struct DirectoryAdminRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let directory = routes.grouped(":lang", "admin", "directory")
        directory.get(use: list).access(.roles(DirectoryAccess.editors))
        directory.get("new", use: newForm).access(.roles(DirectoryAccess.editors))
        directory.post("new", use: create).access(.roles(DirectoryAccess.editors))
        directory.get(":slug", use: editForm).access(.roles(DirectoryAccess.editors))
        directory.post(":slug", use: update).access(.roles(DirectoryAccess.editors))
        directory.get(":slug", "history", use: history).access(.roles(DirectoryAccess.editors))
    }

    struct Row: Encodable, Sendable {
        var slug: String
        var name: String
        var countries: String
        var status: String
        var verifiedOn: String
        var stale: Bool
    }

    struct ListBody: Encodable, Sendable {
        var rows: [Row]
        var mayImport: Bool
    }

    @Sendable func list(req: Request) async throws -> View {
        let helplines = try await Helpline.query(on: req.db).sort(\.$slug).all()
            .filter { DirectoryAccess.mayEdit($0, request: req) }
        let rows = helplines.map { helpline in
            let verification = Verification(verifiedOn: helpline.verifiedOn.flatMap { try? LocalDate($0) })
            return Row(slug: helpline.slug, name: helpline.name, countries: helpline.countries.joined(separator: ", "),
                       status: req.t("directory.status.\(helpline.status.rawValue)"),
                       verifiedOn: helpline.verifiedOn ?? "", stale: verification.isStale(asOf: req.now))
        }
        let mayImport = DirectoryAccess.importers.keys.contains { req.signInState.person?.roleList.contains($0) == true }
        return try await req.renderPage("directory-list", titleKey: "directory.title", body: ListBody(rows: rows, mayImport: mayImport))
    }

    @Sendable func newForm(req: Request) async throws -> View {
        try await HelplineForm.render(req, slug: nil, values: ["scope": "national", "status": "active"], version: nil,
                                      organisationID: nil, problems: [])
    }

    @Sendable func editForm(req: Request) async throws -> View {
        let helpline = try await editable(req)
        let record = helpline.record()
        let values = Dictionary(uniqueKeysWithValues: zip(DirectoryCSV.columns, DirectoryCSV.fields(of: record)))
        // An HSDS import can hold what the form's fields cannot (a second phone number, hours that
        // differ between two chat addresses); saving here would drop it, so the page says so first.
        let known = req.application.directoryReference.knownCountries
        let shown = try? DirectoryCSV.records(from: DirectoryCSV.text(for: [record]), knownCountries: known).get().first
        return try await HelplineForm.render(req, slug: helpline.slug, values: values, version: helpline.version,
                                             organisationID: helpline.$organisation.id, problems: [],
                                             warnings: shown == record ? [] : [req.t("directory.form_lossy")])
    }

    @Sendable func create(req: Request) async throws -> Response {
        try await save(req, existing: nil)
    }

    @Sendable func update(req: Request) async throws -> Response {
        try await save(req, existing: try await editable(req))
    }

    @Sendable func history(req: Request) async throws -> View {
        let helpline = try await editable(req)
        let stored = try await req.helplineDirectory.history(slug: helpline.slug)
        let values = stored.map { $0.decodedRecord.map { DirectoryCSV.fields(of: $0) } ?? [] }
        let revisions = stored.enumerated().map { index, revision in
            // Newest first, so the version before this one is the next in the list.
            let before = index + 1 < values.count ? values[index + 1] : []
            let fields = zip(DirectoryCSV.columns, values[index]).enumerated().compactMap { column, pair in
                let changed = before.isEmpty ? false : before[column] != pair.1
                return pair.1.isEmpty && !changed ? nil
                    : HistoryField(name: pair.0, label: req.t("directory.field.\(pair.0)"), value: pair.1, changed: changed)
            }
            return HistoryRow(version: revision.version, recordedAt: revision.recordedAt.pageText,
                              change: req.t("directory.change.\(revision.change.rawValue)"), actor: revision.actorLabel,
                              fields: fields)
        }
        try await req.audit.record(.init(action: "directory.history.read", recordType: "helpline", recordID: helpline.slug))
        return try await req.renderPage("directory-history", titleKey: "directory.history_title",
                                        body: HistoryBody(slug: helpline.slug, name: helpline.name,
                                                          revisions: revisions))
    }

    struct HistoryBody: Encodable, Sendable {
        var slug: String
        var name: String
        var revisions: [HistoryRow]
    }

    struct HistoryRow: Encodable, Sendable {
        var version: Int
        var recordedAt: String
        var change: String
        var actor: String
        var fields: [HistoryField]
    }

    struct HistoryField: Encodable, Sendable {
        var name: String
        var label: String
        var value: String
        var changed: Bool
    }

    // MARK: - Saving

    private func editable(_ req: Request) async throws -> Helpline {
        guard let slug = req.parameters.get("slug"), let helpline = try await req.helplineDirectory.helpline(slug: slug) else {
            throw Abort(.notFound)
        }
        guard DirectoryAccess.mayEdit(helpline, request: req) else { throw Abort(.forbidden) }
        return helpline
    }

    private func save(_ req: Request, existing: Helpline?) async throws -> Response {
        var values = try req.content.decode([String: String].self).filter { DirectoryCSV.columns.contains($0.key) }
        if let existing { values["id"] = existing.slug }
        let version = try? req.content.get(Int.self, at: "version")
        if existing != nil, version == nil { throw Abort(.badRequest) }
        var reader = DirectoryFields(values: values, line: 1, knownCountries: req.application.directoryReference.knownCountries)
        let record = reader.record()
        let link = try await OrganisationLink.chosen(in: req, existing: existing)
        var problems = reader.problems + (link.problem.map { [$0] } ?? [])
        if let record { problems += try await reachProblems(record, existing: existing, organisationID: link.id, req) }
        guard let record, problems.isEmpty else {
            return try await refuse(req, existing: existing, values: values, version: version, problems: problems,
                                    status: .unprocessableEntity)
        }
        let person = req.signInState.person
        do {
            try await req.helplineDirectory.save(
                record, as: existing == nil ? .creating(organisationID: link.id) : .updating(expectedVersion: version ?? 0),
                by: .init(id: person?.id, label: person?.email ?? "unknown"))
            if existing != nil, link.id != existing?.$organisation.id {
                try await req.helplineDirectory.link(slug: record.id, to: link.id)
                try await req.audit.record(.init(action: "directory.helpline.linked", recordType: "helpline",
                                                 recordID: record.id, detail: link.id.map { "organisation=\($0)" } ?? "organisation=none"))
            }
        } catch is DirectoryStore.EditConflict {
            let key = existing == nil ? "directory.error_id_taken" : "directory.error_conflict"
            let conflict = DirectoryImportError(line: 1, field: existing == nil ? "id" : nil, message: req.t(key))
            return try await refuse(req, existing: existing, values: values, version: version, problems: [conflict],
                                    status: .conflict)
        }
        try await req.audit.record(.init(action: existing == nil ? "directory.helpline.created" : "directory.helpline.edited",
                                         recordType: "helpline", recordID: record.id))
        return req.redirect(to: req.localPath("admin/directory/\(record.id)?saved=1"))
    }

    /// Whether the person may save `record`: the slug must be free for a new helpline, and the
    /// countries it would serve must be within their reach.
    private func reachProblems(_ record: DirectoryRecord, existing: Helpline?, organisationID: UUID?,
                               _ req: Request) async throws -> [DirectoryImportError] {
        var problems: [DirectoryImportError] = []
        if existing == nil, try await req.helplineDirectory.helpline(slug: record.id) != nil {
            problems.append(.init(line: 1, field: "id", message: req.t("directory.error_id_taken")))
        }
        if !DirectoryAccess.mayEdit(countries: record.countries, organisationID: organisationID, request: req) {
            problems.append(.init(line: 1, field: "country", message: req.t("directory.error_out_of_reach")))
        }
        return problems
    }

    /// The form again, with what was typed and why it was not saved.
    private func refuse(_ req: Request, existing: Helpline?, values: [String: String], version: Int?,
                        problems: [DirectoryImportError], status: HTTPResponseStatus) async throws -> Response {
        let organisationID = (try? req.content.get(String.self, at: "organisation")).flatMap(UUID.init(uuidString:))
            ?? existing?.$organisation.id
        let view = try await HelplineForm.render(req, slug: existing?.slug, values: values, version: version,
                                                 organisationID: organisationID, problems: problems)
        let response = try await view.encodeResponse(for: req)
        response.status = status
        return response
    }
}
