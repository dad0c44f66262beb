import CoveCore
import Vapor

/// The forms open data is served in, chosen by `format=` or else by the Accept header.
enum OpenDataFormat: String, CaseIterable {
    case sdmxCSV2 = "sdmx-csv"
    case sdmxCSV1 = "sdmx-csv-1"
    case sdmxJSON = "sdmx-json"
    case json
    case csv

    var mediaType: String {
        switch self {
        case .sdmxCSV2: "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8"
        case .sdmxCSV1: "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8"
        case .sdmxJSON: SDMXJSONMessage.mediaType
        case .json: "application/json; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        }
    }

    init(query: String?, accept: String) {
        if let query, let chosen = Self(rawValue: query.lowercased()) {
            self = chosen
            return
        }
        self = Self.fromAccept(accept.lowercased()) ?? .sdmxCSV2
    }

    /// The most preferred media range Cove serves: by `q`, then in the client's order; `q=0` means never.
    private static func fromAccept(_ accept: String) -> Self? {
        let ranges = accept.split(separator: ",").enumerated().compactMap { index, range -> (Double, Int, Self)? in
            let text = range.replacingOccurrences(of: " ", with: "")
            guard let format = format(of: text) else { return nil }
            let quality = text.split(separator: ";").first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0 ? (quality, index, format) : nil
        }
        return ranges.sorted { ($0.0, -$0.1) > ($1.0, -$1.1) }.first?.2
    }

    private static func format(of range: String) -> Self? {
        if range.hasPrefix("application/vnd.sdmx.data+csv") { return range.contains("version=1") ? .sdmxCSV1 : .sdmxCSV2 }
        if range.hasPrefix("application/vnd.sdmx.data+json") { return .sdmxJSON }
        if range.hasPrefix("application/json") { return .json }
        if range.hasPrefix("text/csv") { return .csv }
        return nil
    }

    func response(_ observations: [SDMXObservation], structure: DataflowStructure, now: Date) throws -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: mediaType)
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        headers.replaceOrAdd(name: .vary, value: "Accept")
        return Response(status: .ok, headers: headers, body: .init(data: try body(observations, structure, now: now)))
    }

    private func body(_ observations: [SDMXObservation], _ structure: DataflowStructure, now: Date) throws -> Data {
        switch self {
        case .sdmxCSV2: SDMXCSVWriter(structure: structure, format: .sdmxCSV2).data(for: observations)
        case .sdmxCSV1: SDMXCSVWriter(structure: structure, format: .sdmxCSV1).data(for: observations)
        case .csv: SDMXCSVWriter(structure: structure, format: .template).data(for: observations)
        case .sdmxJSON:
            try SDMXJSONMessage.encode(observations, structure: structure, prepared: now,
                                       id: "COVE-\(structure.id)-\(Int(now.timeIntervalSince1970))")
        case .json: try PlainJSON(observations, structure: structure).encoded()
        }
    }
}

/// Open data as plain JSON, for those who do not speak SDMX: one object per observation.
struct PlainJSON: Encodable {
    struct Row: Encodable {
        var key: [String: String]
        var period: String
        var value: Double?
        var status: String?
        var confidentiality: String?
        var unitMultiplier: Int?
    }

    var dataflow: String
    var dimensions: [String]
    var observations: [Row]

    init(_ observations: [SDMXObservation], structure: DataflowStructure) {
        dataflow = structure.reference.description
        dimensions = structure.dimensions.map(\.id)
        self.observations = observations.map { observation in
            Row(key: Dictionary(uniqueKeysWithValues: observation.seriesKey.components.map { ($0.dimension, $0.code) }),
                period: observation.timePeriod.description, value: observation.value,
                status: observation.observationStatus, confidentiality: observation.confidentialityStatus,
                unitMultiplier: observation.unitMultiplier)
        }
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }
}
