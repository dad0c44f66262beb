import CoveCore
import Vapor

/// The child's pages: choose a country, then see who to contact now. Plain HTML that works with no
/// JavaScript on a cheap phone, sets no cookie, and prints on one sheet.
struct HelpPageRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("help", use: redirectToLanguage).access(.public)
        routes.get(":lang", "help", use: chooseCountry).access(.public)
        routes.get(":lang", "help", ":country", use: country).access(.public)
    }

    /// `/help` in the browser's language: the address printed on posters and cards.
    @Sendable func redirectToLanguage(req: Request) -> Response {
        let response = req.redirect(to: req.localPath("help"), redirectType: .normal)
        response.headers.replaceOrAdd(name: .vary, value: "Accept-Language")
        return response
    }

    @Sendable func chooseCountry(req: Request) async throws -> Response {
        if let chosen = req.query[String.self, at: "country"]?.uppercased(), !chosen.isEmpty {
            guard req.application.directoryReference.knownCountries.contains(chosen) else { throw Abort(.notFound) }
            return req.redirect(to: req.localPath("help/\(chosen)"))
        }
        let guess = Self.countryGuess(from: req.headers.first(name: .acceptLanguage),
                                      known: req.application.directoryReference.knownCountries)
        // Every place Cove can answer for, territories such as Puerto Rico or Hong Kong included.
        let options = req.application.directoryReference.knownCountries.map {
            CountryOption(code: $0, name: req.countryName($0), selected: $0 == guess)
        }
        let locale = Locale(identifier: req.language.rawValue)
        let body = ChooseBody(countries: options.sorted { $0.name.compare($1.name, locale: locale) == .orderedAscending })
        return try await req.renderPage("help-choose", titleKey: "help.choose_title", body: body).encodeResponse(for: req)
    }

    @Sendable func country(req: Request) async throws -> View {
        let code = req.parameters.get("country")?.uppercased() ?? ""
        guard code.count == 2, req.application.directoryReference.knownCountries.contains(code) else {
            throw Abort(.notFound)
        }
        let result = try await HelpService(request: req).answer(HelpRequest(country: code, language: req.language.rawValue,
                                                                            at: req.now))
        let body = HelpPage(result, request: req)
        return try await req.renderPage("help-country", title: body.heading, body: body)
    }

    /// The region of the browser's first language tag ("fr-CA" → CA): a guess from what the browser
    /// says, never from the visitor's address.
    static func countryGuess(from acceptLanguage: String?, known: Set<String>) -> String? {
        guard let first = acceptLanguage?.split(separator: ",").first?.split(separator: ";").first else { return nil }
        let region = first.split(separator: "-").dropFirst()
            .first { $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isLetter } }?.uppercased()
        return region.flatMap { known.contains($0) ? $0 : nil }
    }

    struct ChooseBody: Encodable, Sendable {
        var countries: [CountryOption]
    }

    struct CountryOption: Encodable, Sendable {
        var code: String
        var name: String
        var selected: Bool
    }
}
