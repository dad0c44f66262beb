import CoveCore
import Vapor

/// The front door: a language-neutral root that picks a language, and the home page.
struct HomeRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: chooseLanguage).access(.public)
        routes.get(":lang", use: home).access(.public)
    }

    /// First visit: the browser's preferred language, never anything stored about the visitor.
    @Sendable func chooseLanguage(req: Request) -> Response {
        let response = req.redirect(to: "/\(req.language.rawValue)/", redirectType: .normal)
        response.headers.replaceOrAdd(name: .vary, value: "Accept-Language")
        return response
    }

    @Sendable func home(req: Request) async throws -> View {
        guard let prefix = req.parameters.get("lang"), Language(rawValue: prefix) != nil else { throw Abort(.notFound) }
        return try await req.renderPage("home", titleKey: "home.title", body: EmptyBody())
    }
}
