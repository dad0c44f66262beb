import CoveCore
import Fluent
import Vapor

/// The child's chat page: what Cove keeps and for how long, a start form, and the chat itself once
/// started. The chat needs JavaScript; without it, or when the helpline takes no chat, the page
/// still says where else to get help. Public, and sets no cookie: the chat's secret lives in the tab.
struct ChatPageRoutes: RouteCollection {
    /// Days a transcript is kept when the helpline has not said.
    static let defaultRetentionDays = 90

    func boot(routes: any RoutesBuilder) throws {
        routes.get(":lang", "chat", ":slug", use: page).access(.public)
    }

    struct ChatPage: Encodable, Sendable {
        var slug: String
        var helplineName: String
        var languages: [LanguageOption]
        var retentionDays: Int
        /// "What you write is kept for 90 days, then deleted.", worded here since Leaf cannot fill placeholders.
        var retentionText: String
        var helpHref: String
        var emergencyNumbers: [String]
        /// Whether the helpline takes web chats at all; opening hours and queue length are told on start.
        var available: Bool
    }

    struct LanguageOption: Encodable, Sendable {
        var code: String
        var name: String
    }

    @Sendable func page(req: Request) async throws -> View {
        guard let slug = req.parameters.get("slug"),
              let helpline = try await Helpline.query(on: req.db).filter(\.$slug == slug).first() else {
            throw Abort(.notFound)
        }
        let id = try helpline.requireID()
        let settings = try await ContactCentreSettings.query(on: req.db).filter(\.$helpline.$id == id).first()
        let name = helpline.names[req.language.rawValue] ?? helpline.name
        let days = settings?.retentionDays ?? Self.defaultRetentionDays
        let country = helpline.countries.first.map { String($0.prefix(2)).uppercased() }
        let body = ChatPage(
            slug: helpline.slug, helplineName: name,
            languages: Self.languages(helpline.languages, pageLanguage: req.language.rawValue),
            retentionDays: days, retentionText: req.t("chat.privacy_kept", ["days": String(days)]),
            helpHref: country.map { req.localPath("help/\($0)") } ?? req.localPath("help"),
            emergencyNumbers: country.map { req.application.directoryReference.plan.emergencyNumbers(for: $0) } ?? [],
            available: settings?.chatEnabled == true)
        return try await req.renderPage("chat", title: req.t("chat.title", ["helpline": name]), body: body)
    }

    /// The helpline's languages, each named in the page's language and capitalised for a list
    /// ("Swahili" on an English page); the page's own language when the record names none.
    static func languages(_ codes: [String], pageLanguage: String) -> [LanguageOption] {
        let locale = Locale(identifier: pageLanguage)
        return (codes.isEmpty ? [pageLanguage] : codes).map { code in
            let name = locale.localizedString(forLanguageCode: code) ?? code
            return LanguageOption(code: code, name: name.prefix(1).uppercased() + String(name.dropFirst()))
        }
    }
}
