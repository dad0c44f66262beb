import CoveCore
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

@Suite("Open data: /sdmx/data")
struct OpenDataTests {
    private typealias Fixture = SubmissionWorkflowTests

    private func structure(_ app: Application) throws -> DataflowStructure {
        try #require(try IndicatorCatalogue.bundled.structure(of: "HELPLINE_OPERATIONS", countries: app.countries))
    }

    @Test func onlyPublishedFiguresAreServedWithSmallCountsSuppressed() async throws {
        try await withCove { app, _ in
            _ = try await StatisticsImport(db: app.db, countries: app.countries, now: app.clock.now())
                .run(Data(Fixture.operations.utf8), dataflow: "HELPLINE_OPERATIONS", submittedBy: .init(label: "draft"),
                     dryRun: false)
            let beforePublishing = try await app.testing().sendRequest(.GET, "/sdmx/data/HELPLINE_OPERATIONS/all",
                                                                      headers: ["Accept": "text/csv"])
            try await PublishedStatistics.publish(Fixture.operations, dataflow: "HELPLINE_OPERATIONS", on: app)

            let response = try await app.testing().sendRequest(
                .GET, "/sdmx/data/HELPLINE_OPERATIONS/Q.KE..ANSWERED",
                headers: ["Accept": "application/vnd.sdmx.data+csv; version=2.0.0"])

            #expect(beforePublishing.body.string.split(whereSeparator: \.isNewline).count == 1, "a draft is not open data")
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.description.hasPrefix("application/vnd.sdmx.data+csv") == true)
            let observations = try SDMXCSVReader(structure: try structure(app)).observations(from: response.body.string).get()
            #expect(observations.count == 6)
            let sms = try #require(observations.first { $0.seriesKey["CHANNEL"] == "sms" })
            #expect(sms.value == nil && sms.observationStatus == "Q" && sms.confidentialityStatus == "C")
        }
    }

    @Test func sdmxJSONAndSDMXCSVCarryTheSameObservations() async throws {
        try await withCove { app, _ in
            try await PublishedStatistics.publish(Fixture.operations, dataflow: "HELPLINE_OPERATIONS", on: app)

            let csv = try await app.testing().sendRequest(.GET, "/sdmx/data/HELPLINE_OPERATIONS/all?format=sdmx-csv")
            let json = try await app.testing().sendRequest(.GET, "/sdmx/data/HELPLINE_OPERATIONS/all",
                                                           headers: ["Accept": "application/vnd.sdmx.data+json"])
            let plain = try await app.testing().sendRequest(.GET, "/sdmx/data/HELPLINE_OPERATIONS",
                                                            headers: ["Accept": "application/json"])

            let structure = try structure(app)
            let fromCSV = try SDMXCSVReader(structure: structure).observations(from: csv.body.string).get()
            let fromJSON = try SDMXJSONMessage.decode(Data(json.body.readableBytesView), structure: structure).get()
            let key = { (observation: SDMXObservation) in "\(observation.seriesKey) \(observation.timePeriod)" }
            #expect(fromCSV.count == 12)
            #expect(fromCSV.sorted { key($0) < key($1) } == fromJSON.sorted { key($0) < key($1) })
            let rows = try JSONDecoder().decode(PlainJSON.Decoded.self, from: Data(plain.body.readableBytesView))
            #expect(rows.observations.count == 12 && rows.dataflow == "COVE:HELPLINE_OPERATIONS(1.0)")
        }
    }

    @Test func periodsFilterByOverlap() async throws {
        try await withCove { app, _ in
            try await PublishedStatistics.publish(Fixture.operations, dataflow: "HELPLINE_OPERATIONS", on: app)

            let inside = try await app.testing().sendRequest(.GET, "/sdmx/data/HELPLINE_OPERATIONS/all?format=csv&startPeriod=2025-02&endPeriod=2025")
            let after = try await app.testing().sendRequest(.GET, "/sdmx/data/HELPLINE_OPERATIONS/all?format=csv&startPeriod=2025-Q2")

            #expect(inside.body.string.split(whereSeparator: \.isNewline).count == 13)
            #expect(after.body.string.split(whereSeparator: \.isNewline).count == 1)
        }
    }

    @Test func aBadQueryIsToldWhatIsWrong() async throws {
        try await withCove { app, _ in
            let shortKey = try await app.testing().sendRequest(.GET, "/sdmx/data/HELPLINE_OPERATIONS/Q.KE")
            let badPeriod = try await app.testing().sendRequest(.GET, "/sdmx/data/HELPLINE_OPERATIONS/all?startPeriod=spring")
            let unknown = try await app.testing().sendRequest(.GET, "/sdmx/data/NO_SUCH_FLOW/all")

            #expect(shortKey.status == .badRequest)
            #expect(shortKey.body.string.contains("FREQ.REF_AREA.CHANNEL.MEASURE"))
            #expect(badPeriod.status == .badRequest && badPeriod.body.string.contains("startPeriod"))
            #expect(unknown.status == .notFound && unknown.body.string.contains("HELPLINE_CONTACTS"))
        }
    }
}

extension PlainJSON {
    struct Decoded: Decodable {
        var dataflow: String
        var observations: [[String: JSONValue]]
    }

    enum JSONValue: Decodable {
        case text(String), number(Double), object([String: String]), null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let number = try? container.decode(Double.self) { self = .number(number) }
            else if let text = try? container.decode(String.self) { self = .text(text) }
            else { self = .object(try container.decode([String: String].self)) }
        }
    }
}

extension OpenDataTests {
    @Test func theAcceptHeadersPreferenceDecidesTheFormat() {
        #expect(OpenDataFormat(query: nil, accept: "text/csv;q=0.5, application/json") == .json)
        #expect(OpenDataFormat(query: nil, accept: "application/json;q=0, text/csv") == .csv)
        #expect(OpenDataFormat(query: nil, accept: "application/vnd.sdmx.data+csv;version=1.0.0") == .sdmxCSV1)
        #expect(OpenDataFormat(query: nil, accept: "text/html, */*") == .sdmxCSV2)
        #expect(OpenDataFormat(query: "json", accept: "text/csv") == .json)
    }
}
