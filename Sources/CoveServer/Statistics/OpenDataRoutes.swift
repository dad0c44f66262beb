import CoveCore
import Vapor

/// Published statistics as open data, queried the SDMX REST way: `/sdmx/data/{flow}/{key}` with
/// `startPeriod` and `endPeriod`, answered as SDMX-CSV 2.0, SDMX-CSV 1.0, SDMX-JSON 2.0, plain JSON
/// or plain CSV by the Accept header (or `format=`). Only what disclosure control let through exists
/// here, so nothing needs hiding per request.
struct OpenDataRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("sdmx", "data", ":flow", use: data).access(.public)
        routes.get("sdmx", "data", ":flow", ":key", use: data).access(.public)
    }

    struct Query: Content {
        var startPeriod: String?
        var endPeriod: String?
        var format: String?
    }

    @Sendable func data(req: Request) async throws -> Response {
        let catalogue = try IndicatorCatalogue.bundled
        // SDMX 2.1 clients write the flow as `AGENCY,ID,VERSION`; Cove's ids are unique on their own.
        let flowText = req.parameters.get("flow") ?? ""
        let flowID = flowText.split(separator: ",").dropFirst(flowText.contains(",") ? 1 : 0).first.map(String.init) ?? flowText
        guard let structure = catalogue.structure(of: flowID, countries: req.application.countries) else {
            throw ExplainedError(.notFound, "no dataflow \(flowID); the dataflows are "
                + catalogue.dataflows.map(\.id).joined(separator: ", "))
        }
        let query = try req.query.decode(Query.self)
        let key: SDMXDataQuery
        do { key = try SDMXDataQuery(key: req.parameters.get("key"), structure: structure) } catch {
            throw ExplainedError(.badRequest, error.description)
        }
        let start = try period(query.startPeriod, named: "startPeriod")
        let end = try period(query.endPeriod, named: "endPeriod")
        let observations = try await req.application.publishedStatistics.observations(of: structure, on: req.db, now: req.now)
            .filter { observation in
                key.matches(observation.seriesKey) && PublishedObservationStore.overlaps(observation.timePeriod, from: start, to: end)
            }
        if let asked = query.format, OpenDataFormat(rawValue: asked.lowercased()) == nil {
            throw ExplainedError(.badRequest, "format must be one of "
                + OpenDataFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let format = OpenDataFormat(query: query.format, accept: req.headers[.accept].joined(separator: ","))
        return try format.response(observations, structure: structure, now: req.now)
    }

    private func period(_ text: String?, named name: String) throws -> TimePeriod? {
        guard let text, !text.isEmpty else { return nil }
        guard let period = try? TimePeriod(parsing: text) else {
            throw ExplainedError(.badRequest, "\(name) must be a period such as 2025, 2025-Q1 or 2025-03")
        }
        return period
    }
}
