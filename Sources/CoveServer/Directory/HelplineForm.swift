import CoveCore
import Vapor

/// The helpline edit form: one labelled field per plain-CSV column, with that field's problems
/// beside it, so what is learnt on the page also holds for the import file.
enum HelplineForm {
    /// Fields whose text can run long get a text area.
    static let multiline: Set<String> = ["descriptions", "opening_hours", "exceptions", "channel_hours", "web_chat", "app", "source_url"]

    struct Field: Encodable, Sendable {
        var name: String
        var label: String
        var hint: String
        var value: String
        var multiline: Bool
        var errors: [String]
        var readOnly: Bool
    }

    struct Body: Encodable, Sendable {
        var slug: String?
        var action: String
        var version: Int?
        var fields: [Field]
        var errorCount: Int
        /// Problems that belong to no single field, such as an edit made meanwhile by someone else.
        var generalErrors: [String]
        var saved: Bool
        /// Things to know before saving that are not mistakes.
        var warnings: [String]
        /// The organisation choice, for those who may link one; nil hides it.
        var organisation: OrganisationField?
    }

    struct OrganisationField: Encodable, Sendable {
        var options: [Option]
        var errors: [String]
    }

    struct Option: Encodable, Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    static func render(_ req: Request, slug: String?, values: [String: String], version: Int?,
                       organisationID: UUID?, problems: [DirectoryImportError], warnings: [String] = []) async throws -> View {
        let fields = DirectoryCSV.columns.map { name in
            Field(name: name, label: req.t("directory.field.\(name)"), hint: req.t("directory.hint.\(name)"),
                  value: values[name] ?? "", multiline: multiline.contains(name),
                  errors: problems.filter { $0.field == name }.map(\.message), readOnly: name == "id" && slug != nil)
        }
        let action = req.localPath("admin/directory/\(slug ?? "new")")
        let body = Body(slug: slug, action: action, version: version, fields: fields, errorCount: problems.count,
                        generalErrors: problems.filter { $0.field == nil }.map(\.message),
                        saved: req.query[String.self, at: "saved"] == "1", warnings: warnings,
                        organisation: try await organisationField(req, chosen: organisationID, problems: problems))
        return try await req.renderForm("directory-edit", titleKey: slug == nil ? "directory.new_title" : "directory.edit_title",
                                        body: body)
    }

    private static func organisationField(_ req: Request, chosen: UUID?, problems: [DirectoryImportError]) async throws
        -> OrganisationField? {
        guard DirectoryAccess.mayLinkOrganisation(request: req) else { return nil }
        let none = Option(value: "", label: req.t("directory.organisation_none"), selected: chosen == nil)
        let options = try await OrganisationLink.options(for: req).map {
            Option(value: $0.id?.uuidString ?? "", label: $0.name, selected: $0.id == chosen)
        }
        return OrganisationField(options: [none] + options,
                                 errors: problems.filter { $0.field == "organisation" }.map(\.message))
    }
}
