import CoveCore
import Vapor

/// What every page's layout needs, around the page's own `body` data.
struct Page<Body: Encodable & Sendable>: Encodable, Sendable {
    var lang: String
    var dir: String
    var title: String
    /// The language's catalogue, with dots in keys turned into underscores for Leaf paths.
    var t: [String: String]
    var languages: [LanguageLink]
    var viewer: Viewer?
    var csrf: String?
    var body: Body
}

struct LanguageLink: Encodable, Sendable {
    var code: String
    var name: String
    var href: String
    var isCurrent: Bool
}

/// The signed-in person as the layout shows them, with the menu entries they may open.
struct Viewer: Encodable, Sendable {
    var name: String
    var email: String
    var canManagePeople: Bool
    var canManageOrganisations: Bool
    var canReadAudit: Bool
    var canEditDirectory: Bool
    var canSupervise: Bool
    var canWorkCases: Bool
    var canWorkStatistics: Bool
}

struct EmptyBody: Encodable, Sendable {}

extension Request {
    /// Renders `template` inside the layout, in the request's language.
    func renderPage<Body: Encodable & Sendable>(_ template: String, titleKey: String, body: Body) async throws -> View {
        try await renderPage(template, title: t(titleKey), body: body)
    }

    /// For pages whose title names what they show ("Help now in Kenya"), so tabs and screen readers tell them apart.
    func renderPage<Body: Encodable & Sendable>(_ template: String, title: String, body: Body) async throws -> View {
        let page = Page(
            lang: language.tag, dir: language.direction, title: title,
            t: leafCatalogue, languages: languageLinks, viewer: viewer,
            csrf: signInState.person != nil ? csrfToken : nil, body: body)
        return try await view.render(template, page)
    }

    /// Renders a page that holds a form, so it needs a session for the form token.
    func renderForm<Body: Encodable & Sendable>(_ template: String, titleKey: String, body: Body) async throws -> View {
        try await renderForm(template, title: t(titleKey), body: body)
    }

    func renderForm<Body: Encodable & Sendable>(_ template: String, title: String, body: Body) async throws -> View {
        try await renderPage(template, title: title, body: FormBody(csrf: csrfToken, form: body))
    }

    private var leafCatalogue: [String: String] {
        Dictionary(uniqueKeysWithValues: catalogue.messages.map { ($0.key.replacingOccurrences(of: ".", with: "_"), $0.value) })
    }

    /// Links to this same page in the other languages.
    private var languageLinks: [LanguageLink] {
        let current = language
        var rest = url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if let first = rest.first, Language(rawValue: first) != nil { rest.removeFirst() }
        let suffix = rest.joined(separator: "/")
        return Language.allCases.map {
            LanguageLink(code: $0.rawValue, name: $0.nativeName, href: "/\($0.rawValue)/\(suffix)", isCurrent: $0 == current)
        }
    }

    private var viewer: Viewer? {
        guard case let .signedIn(person) = signInState else { return nil }
        let roles = Set(person.roleList)
        return Viewer(
            name: person.name, email: person.email,
            canManagePeople: !roles.isDisjoint(with: PeopleRoutes.managers.keys),
            canManageOrganisations: !roles.isDisjoint(with: OrganisationRoutes.readers.keys),
            canReadAudit: !roles.isDisjoint(with: AuditRoutes.readers.keys),
            canEditDirectory: !roles.isDisjoint(with: DirectoryAccess.editors.keys),
            canSupervise: roles.contains(.supervisor),
            canWorkCases: !roles.isDisjoint(with: CaseRoutes.workers.keys),
            canWorkStatistics: !roles.isDisjoint(with: SubmissionAccess.participants.keys))
    }
}

/// A form page's data with the session's form token beside it.
struct FormBody<Form: Encodable & Sendable>: Encodable, Sendable {
    var csrf: String
    var form: Form
}
