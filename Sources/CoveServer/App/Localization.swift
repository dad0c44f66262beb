import CoveCore
import Foundation
import Vapor

/// The six message catalogues, loaded once at start-up from the bundle.
struct Localizer: Sendable {
    let catalogues: [Language: MessageCatalogue]

    static func load() throws -> Localizer {
        var catalogues: [Language: MessageCatalogue] = [:]
        for language in Language.allCases {
            let file = "\(language.rawValue).json"
            let data = try CoveResources.data("Localization", file)
            catalogues[language] = try MessageCatalogue(json: data, expected: language, fileName: file)
        }
        return Localizer(catalogues: catalogues)
    }

    func catalogue(for language: Language) -> MessageCatalogue {
        catalogues[language] ?? catalogues[.default]!
    }
}

extension Application {
    private struct LocalizerKey: StorageKey { typealias Value = Localizer }

    var localizer: Localizer {
        get { storage[LocalizerKey.self]! }
        set { storage[LocalizerKey.self] = newValue }
    }

    func configureLocalization() throws {
        localizer = try Localizer.load()
    }
}

extension Request {
    /// The page language: the URL prefix when there is one, else the browser's preference.
    var language: Language {
        if let prefix = url.path.split(separator: "/").first, let language = Language(rawValue: String(prefix)) {
            return language
        }
        return AcceptLanguage.preferred(from: headers.first(name: .acceptLanguage))
    }

    var catalogue: MessageCatalogue { application.localizer.catalogue(for: language) }

    func t(_ key: String, _ arguments: [String: String] = [:]) -> String {
        catalogue.format(key, arguments)
    }

    /// A path in the current language, e.g. `localPath("account")` → `/fr/account`.
    func localPath(_ rest: String = "") -> String {
        "/\(language.rawValue)/\(rest)"
    }
}

/// Routes under `/:lang/` exist only for the six languages; anything else is not found.
struct LanguagePrefixMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let first = request.route?.path.first, case .parameter("lang") = first {
            guard let prefix = request.parameters.get("lang"), Language(rawValue: prefix) != nil else {
                throw Abort(.notFound)
            }
        }
        return try await next.respond(to: request)
    }
}
