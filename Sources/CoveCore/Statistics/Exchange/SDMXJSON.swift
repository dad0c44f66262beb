import Foundation

/// One dataflow's observations as an SDMX-JSON 2.0 data message (SDMX 3.0), and such messages read
/// back (`decode`, in SDMXJSON+Reading.swift): the JSON counterpart of `SDMXCSVWriter` and
/// `SDMXCSVReader`.
///
/// The message `encode` writes, with field names as in the SDMX-JSON 2.0.0 schema:
/// - `meta`: `schema` (the 2.0.0 schema's URL), `id`, `prepared` (ISO 8601 in UTC) and `sender`.
/// - `data.structures[0]`: every coded dimension at series level in the dataflow's key order,
///   even one with a single value, so a series key such as `"0:2:1"` always holds one value index
///   per dimension; the time dimension at observation level; the measure OBS_VALUE; and
///   OBS_STATUS, CONF_STATUS and UNIT_MULT as observation-level attributes, each listed only when
///   some observation has it (the schema wants at least one value). Every value is `{id, name}`,
///   the name taken from `names` or else the id. A link names the dataflow by URN.
/// - `data.dataSets[0]`: action `Information`, the same link, and the series with their
///   observations, each `[OBS_VALUE, attribute indices…]` keyed by the period's index. A missing or
///   suppressed value is `null`, so is an attribute the observation lacks, and trailing nulls are
///   left off, as the SDMX-JSON field guide allows.
///
/// Value lists are sorted (codes by their text, periods chronologically, UNIT_MULT numerically)
/// and object keys are written sorted, so the same observations in any order give the same bytes.
public enum SDMXJSONMessage {
    public static let schema =
        "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/data-message/tools/schemas/2.0.0/sdmx-json-data-schema.json"

    /// The media type to serve a message with.
    public static let mediaType = "application/vnd.sdmx.data+json; version=2.0.0"

    /// The attributes an observation carries, in the order its array lists them.
    static let observationAttributes = [SDMXComponent.observationStatus, SDMXComponent.confidentialityStatus,
                                        SDMXComponent.unitMultiplier]

    /// The message for `observations`, all of which must belong to `structure`'s dataflow, have a
    /// code for each of its dimensions and differ in series key or period.
    ///
    /// - Parameters:
    ///   - names: labels by component id, then code, e.g. `["SEX": ["F": "Girls"]]`; a code without
    ///     one is its own name. Labels for TIME_PERIOD and the attributes are used too.
    ///   - id: the message id; SDMX wants letters, digits and `_ @ $ -` only.
    ///   - sender: the sending agency's id.
    /// - Throws: `SDMXJSONEncodingError` naming the first observation that cannot be written.
    public static func encode(_ observations: [SDMXObservation], structure: DataflowStructure,
                              names: [String: [String: String]] = [:], prepared: Date, id: String,
                              sender: String = "COVE") throws -> Data {
        let values = try SDMXJSONValues(observations, structure: structure)
        let link = dataflowLink(structure.reference)
        let meta: [String: HSDSValue] = [
            "schema": .string(schema), "id": .string(id),
            "prepared": .string(prepared.formatted(Date.ISO8601FormatStyle())),
            "sender": .object(["id": .string(sender)]),
        ]
        let dataSet: [String: HSDSValue] = [
            "structure": .int(0), "action": .string("Information"), "links": .array([link]),
            "series": series(observations, values: values),
        ]
        let data: [String: HSDSValue] = [
            "structures": .array([structureObject(structure, values: values, names: names, link: link)]),
            "dataSets": .array([.object(dataSet)]),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(HSDSValue.object(["meta": .object(meta), "data": .object(data)]))
    }

    /// `urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=ITU:COP_HELPLINE_CONTACTS(1.0)`.
    public static func urn(of dataflow: DataflowReference) -> String {
        "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=\(dataflow)"
    }

    private static func dataflowLink(_ dataflow: DataflowReference) -> HSDSValue {
        .object(["rel": .string("dataflow"), "urn": .string(urn(of: dataflow))])
    }

    private static func structureObject(_ structure: DataflowStructure, values: SDMXJSONValues,
                                        names: [String: [String: String]], link: HSDSValue) -> HSDSValue {
        var series: [HSDSValue] = []
        for (position, dimension) in structure.dimensions.enumerated() {
            series.append(.object(["id": .string(dimension.id), "keyPosition": .int(position),
                                   "values": valueList(values.codes[position], names: names[dimension.id])]))
        }
        let time = HSDSValue.object([
            "id": .string(structure.timeDimension), "keyPosition": .int(structure.dimensions.count),
            "roles": .array([.string(SDMXComponent.timePeriod)]),
            "values": valueList(values.periods.map(\.description), names: names[structure.timeDimension]),
        ])
        let attributes = values.attributes.map { attribute in
            HSDSValue.object(["id": .string(attribute.id), "relationship": .object(["observation": .object([:])]),
                              "values": valueList(attribute.values, names: names[attribute.id])])
        }
        let measure = HSDSValue.object(["id": .string(SDMXComponent.observationValue)])
        return .object([
            "links": .array([link]), "dataSets": .array([.int(0)]),
            "dimensions": .object(["dataSet": .array([]), "series": .array(series), "observation": .array([time])]),
            "measures": .object(["observation": .array([measure])]),
            "attributes": .object(["dataSet": .array([]), "series": .array([]), "observation": .array(attributes)]),
        ])
    }

    private static func valueList(_ ids: [String], names: [String: String]?) -> HSDSValue {
        .array(ids.map { id in HSDSValue.object(["id": .string(id), "name": .string(names?[id] ?? id)]) })
    }

    private static func series(_ observations: [SDMXObservation], values: SDMXJSONValues) -> HSDSValue {
        var series: [String: [String: HSDSValue]] = [:]
        for (observation, key) in zip(observations, values.keys) {
            var cells: [HSDSValue] = [observation.value.flatMap { $0.isFinite ? HSDSValue.number($0) : nil } ?? .null]
            for (position, attribute) in values.attributes.enumerated() {
                let index = attributeText(attribute.id, of: observation).flatMap { values.attributeIndex[position][$0] }
                cells.append(index.map(HSDSValue.int) ?? .null)
            }
            while cells.count > 1, cells.last == .null { cells.removeLast() }
            series[key.series, default: [:]][key.period] = .array(cells)
        }
        return .object(series.mapValues { observations in HSDSValue.object(["observations": .object(observations)]) })
    }

    /// The text of attribute `id` for `observation`, nil when it has none.
    static func attributeText(_ id: String, of observation: SDMXObservation) -> String? {
        switch id {
        case SDMXComponent.observationStatus: observation.observationStatus
        case SDMXComponent.confidentialityStatus: observation.confidentialityStatus
        case SDMXComponent.unitMultiplier: observation.unitMultiplier.map(String.init)
        default: nil
        }
    }
}

/// Why observations cannot be written as one message.
public enum SDMXJSONEncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An observation of another dataflow than the message's.
    case otherDataflow(DataflowReference, expected: DataflowReference)
    /// A series key without a code for one of the dataflow's dimensions.
    case missingCode(dimension: String, seriesKey: SeriesKey)
    /// A second observation for the same series key and period; a message holds each once.
    case repeatedObservation(seriesKey: SeriesKey, period: TimePeriod)

    public var description: String {
        switch self {
        case .otherDataflow(let dataflow, let expected):
            "an observation of \(dataflow) cannot go in a message for \(expected)"
        case .missingCode(let dimension, let seriesKey):
            "the series key \(SubmissionValidator.text(for: seriesKey)) has no \(dimension) code"
        case .repeatedObservation(let seriesKey, let period):
            "\(SubmissionValidator.text(for: seriesKey)) for \(period) is given twice"
        }
    }
}

/// The values each component takes in a message, in the order they are listed, and each
/// observation's series key and period as the indices of its values.
struct SDMXJSONValues {
    struct Attribute {
        let id: String
        let values: [String]
    }

    /// Per dimension of the dataflow, in key order.
    let codes: [[String]]
    let periods: [TimePeriod]
    /// Only the attributes some observation has, in `SDMXJSONMessage.observationAttributes` order.
    let attributes: [Attribute]
    /// Per attribute, each value's index.
    let attributeIndex: [[String: Int]]
    /// Per observation, in the order given: `"0:2:1"` and `"3"`.
    let keys: [(series: String, period: String)]

    private struct ObservationKey: Hashable {
        let codes: [String]
        let period: TimePeriod
    }

    init(_ observations: [SDMXObservation], structure: DataflowStructure) throws(SDMXJSONEncodingError) {
        var rows: [[String]] = []
        var seen = Set<ObservationKey>()
        for observation in observations {
            guard observation.dataflow == structure.reference else {
                throw .otherDataflow(observation.dataflow, expected: structure.reference)
            }
            var row: [String] = []
            for dimension in structure.dimensions {
                guard let code = observation.seriesKey[dimension.id] else {
                    throw .missingCode(dimension: dimension.id, seriesKey: observation.seriesKey)
                }
                row.append(code)
            }
            guard seen.insert(ObservationKey(codes: row, period: observation.timePeriod)).inserted else {
                throw .repeatedObservation(seriesKey: observation.seriesKey, period: observation.timePeriod)
            }
            rows.append(row)
        }
        let codes = structure.dimensions.indices.map { position in Set(rows.map { $0[position] }).sorted() }
        let periods = Set(observations.map(\.timePeriod)).sorted()
        var attributes: [Attribute] = []
        for id in SDMXJSONMessage.observationAttributes {
            let used = Set(observations.compactMap { SDMXJSONMessage.attributeText(id, of: $0) })
            guard !used.isEmpty else { continue }
            let sorted = id == SDMXComponent.unitMultiplier
                ? used.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }
                : used.sorted()
            attributes.append(Attribute(id: id, values: sorted))
        }
        let codeIndex = codes.map { Self.positions($0) }
        let periodIndex = Self.positions(periods)
        var keys: [(series: String, period: String)] = []
        for (observation, row) in zip(observations, rows) {
            let series = row.enumerated().map { String(codeIndex[$0.offset][$0.element] ?? 0) }
            keys.append((series: series.joined(separator: ":"), period: String(periodIndex[observation.timePeriod] ?? 0)))
        }
        self.codes = codes
        self.periods = periods
        self.attributes = attributes
        self.attributeIndex = attributes.map { Self.positions($0.values) }
        self.keys = keys
    }

    private static func positions<Value: Hashable>(_ values: [Value]) -> [Value: Int] {
        Dictionary(uniqueKeysWithValues: values.enumerated().map { ($0.element, $0.offset) })
    }
}
