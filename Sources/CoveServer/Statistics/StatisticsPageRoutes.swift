import CoveCore
import Vapor

/// The public statistics: the indicators, each compared across countries, ITU-D regions and the
/// world, with charts, tables and CSV downloads, in the six languages.
struct StatisticsPageRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(":lang", "statistics", use: index).access(.public)
        routes.get(":lang", "statistics", "methodology", use: methodology).access(.public)
        routes.get(":lang", "statistics", "indicators", ":id", use: page).access(.public)
        routes.get(":lang", "statistics", "indicators", ":id", "data.csv", use: csv).access(.public)
    }

    struct IndexBody: Encodable, Sendable {
        struct Entry: Encodable, Sendable {
            var id: String
            var name: String
            var definition: String
        }

        var indicators: [Entry]
        var methodologyVersion: String
    }

    @Sendable func index(req: Request) async throws -> View {
        let catalogue = try IndicatorCatalogue.bundled
        let entries = catalogue.indicators.map {
            IndexBody.Entry(id: $0.id, name: $0.name(in: req.language), definition: $0.definition(in: req.language))
        }
        return try await req.renderPage("statistics-index", titleKey: "statistics.title",
                                        body: IndexBody(indicators: entries, methodologyVersion: catalogue.version))
    }

    @Sendable func methodology(req: Request) async throws -> View {
        let body = MethodologyPage(catalogue: try IndicatorCatalogue.bundled, req: req)
        return try await req.renderPage("statistics-methodology", titleKey: "statistics.methodology_title", body: body)
    }

    private func report(_ req: Request) async throws -> (IndicatorReport, IndicatorCatalogue, String) {
        let catalogue = try IndicatorCatalogue.bundled
        guard let indicator = req.parameters.get("id").flatMap(catalogue.indicator(id:)) else { throw Abort(.notFound) }
        let area = (try? req.query.get(String.self, at: "area")) ?? IndicatorCatalogue.Codelist.world
        let countries = req.application.countries
        guard area == IndicatorCatalogue.Codelist.world || ITURegion(rawValue: area) != nil || countries.contains(area) else {
            throw Abort(.notFound, reason: "no area \(area)")
        }
        var coverage: HarmonisedCoverage?
        if indicator.numerator.dataflow == IndicatorReport.coverageFlow {
            let snapshot = try await req.application.directoryCache.snapshot(on: req.application.db, now: req.now)
            coverage = HarmonisedCoverage(records: snapshot.records, countryList: countries)
        }
        let report = try await IndicatorReport.load(indicator, catalogue: catalogue, countries: countries,
                                                    cache: req.application.publishedStatistics, coverage: coverage,
                                                    on: req.db, now: req.now)
        return (report, catalogue, area)
    }

    @Sendable func page(req: Request) async throws -> View {
        let (report, catalogue, area) = try await report(req)
        let body = IndicatorPageBuilder(req: req, report: report, catalogue: catalogue, area: area).build()
        return try await req.renderPage("statistics-indicator", title: "\(body.name) · \(body.areaName)", body: body)
    }

    /// Every value behind the page as CSV: the area and, for a region or the world, its countries.
    @Sendable func csv(req: Request) async throws -> Response {
        let (report, _, area) = try await report(req)
        let members: (String) -> Bool = { code in
            area == IndicatorCatalogue.Codelist.world || code == area
                || report.countries.country(code)?.region.rawValue == area
        }
        let values = (report.areaValues + report.countryValues).filter { members($0.area) }
            .sorted { ($0.area, $0.period) < ($1.area, $1.period) }
        var text = CSVTable.line(["indicator", "area", "period", "value", "status", "numerator", "denominator",
                                  "countries_counted", "countries_in_area"])
        for value in values {
            text += CSVTable.line([report.indicator.id, value.area, value.period.description,
                                   value.value.map(SDMXCSVWriter.numberText) ?? "", value.status.rawValue,
                                   value.numerator.map(SDMXCSVWriter.numberText) ?? "",
                                   value.denominator.map(SDMXCSVWriter.numberText) ?? "",
                                   value.countriesCounted.map(String.init) ?? "", value.countriesInArea.map(String.init) ?? ""])
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition,
                             value: "attachment; filename=\"cove-\(report.indicator.id.lowercased())-\(area).csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
