import CoveCore
import Vapor

/// Harmonised-number coverage per ITU-D region and country, for regulators and the statistics pages.
struct CoverageRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "coverage", use: api).access(.public)
        routes.get(":lang", "coverage", use: page).access(.public)
    }

    private func coverage(_ req: Request) async throws -> (HarmonisedCoverage, DirectoryCache.Snapshot) {
        let snapshot = try await req.application.directoryCache.snapshot(on: req.application.db, now: req.now)
        return (HarmonisedCoverage(records: snapshot.records, countryList: req.application.countries), snapshot)
    }

    @Sendable func api(req: Request) async throws -> CoverageResponse {
        CoverageResponse(try await coverage(req).0)
    }

    @Sendable func page(req: Request) async throws -> View {
        let (coverage, snapshot) = try await coverage(req)
        // A number nobody has checked for a year may be gone: the page says so beside it.
        let isStale = { (id: String) in snapshot.recordsByID[id]?.verification.isStale(asOf: req.now) ?? true }
        let locale = Locale(identifier: req.language.rawValue)
        let regions = coverage.regions.map { region in
            let countries = coverage.countries.filter { $0.region == region.region }.map { country in
                CoverageCountryRow(
                    code: country.code, name: req.countryName(country.code), level: country.level.rawValue,
                    levelText: req.t("coverage.level.\(country.level.rawValue)"),
                    numbers: country.numbers.map { "\($0.address) (\(req.t("coverage.harmonisation.\($0.harmonisation.rawValue)")))" }
                        .joined(separator: ", "),
                    stale: country.numbers.contains { isStale($0.helplineID) })
            }.sorted { $0.name.compare($1.name, locale: locale) == .orderedAscending }
            let name = req.t(region.region.catalogueKey)
            return CoverageRegionRow(
                key: region.region.rawValue, name: name, caption: req.t("coverage.countries_caption", ["region": name]),
                countries: region.countries, covered: region.covered,
                share: region.share.formatted(.percent.precision(.fractionLength(0)).locale(locale)), rows: countries)
        }
        return try await req.renderPage("coverage", titleKey: "coverage.title", body: CoverageBody(regions: regions))
    }

    struct CoverageBody: Encodable, Sendable { var regions: [CoverageRegionRow] }

    struct CoverageRegionRow: Encodable, Sendable {
        var key: String
        var name: String
        var caption: String
        var countries: Int
        var covered: Int
        var share: String
        var rows: [CoverageCountryRow]
    }

    struct CoverageCountryRow: Encodable, Sendable {
        var code: String
        var name: String
        var level: String
        var levelText: String
        var numbers: String
        var stale: Bool
    }
}

/// The coverage as JSON: regions with their share, then every country with its numbers.
struct CoverageResponse: Content {
    var regions: [Region]
    var countries: [Country]

    struct Region: Content {
        var region: String
        var countries: Int
        var covered: Int
        var share: Double
    }

    struct Country: Content {
        var country: String
        var region: String
        var level: String
        var numbers: [HarmonisedCoverage.Number]
    }

    init(_ coverage: HarmonisedCoverage) {
        regions = coverage.regions.map {
            Region(region: $0.region.rawValue, countries: $0.countries, covered: $0.covered, share: $0.share)
        }
        countries = coverage.countries.map {
            Country(country: $0.code, region: $0.region.rawValue, level: $0.level.rawValue, numbers: $0.numbers)
        }
    }
}
