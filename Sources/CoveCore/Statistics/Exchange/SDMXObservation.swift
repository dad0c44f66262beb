import Foundation

/// The SDMX component ids Cove reads and writes, spelled once so the reader, the validator and
/// their messages cannot disagree about a column's name.
public enum SDMXComponent {
    public static let timePeriod = "TIME_PERIOD"
    public static let observationValue = "OBS_VALUE"
    public static let observationStatus = "OBS_STATUS"
    public static let confidentialityStatus = "CONF_STATUS"
    public static let unitMultiplier = "UNIT_MULT"
    /// The dimension whose code says how often a series is reported; TIME_PERIOD must agree with it.
    public static let frequency = "FREQ"
}

/// A dataflow named as SDMX names it, `AGENCY:ID(VERSION)` (e.g. `ITU:COP_HELPLINE_CONTACTS(1.0)`),
/// so a file made for one dataflow or version cannot be stored under another.
public struct DataflowReference: Sendable, Hashable, Codable, CustomStringConvertible {
    public var agency: String
    public var id: String
    public var version: String

    public init(agency: String, id: String, version: String) {
        self.agency = agency
        self.id = id
        self.version = version
    }

    /// Reads exactly `AGENCY:ID(VERSION)`; nil for anything else. Agencies may hold dots
    /// (`ITU.D`); no part may be empty or hold spaces, colons or brackets.
    public init?(parsing text: String) {
        guard let colon = text.firstIndex(of: ":"), text.hasSuffix(")"),
              let open = text[colon...].firstIndex(of: "(")
        else { return nil }
        let agency = String(text[..<colon])
        let id = String(text[text.index(after: colon)..<open])
        let version = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        guard [agency, id, version].allSatisfy(Self.isIdentifier) else { return nil }
        self.init(agency: agency, id: id, version: version)
    }

    public var description: String { "\(agency):\(id)(\(version))" }

    /// SDMX identifiers: ASCII letters, digits and `_ - @ $ .`, never empty.
    private static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            let value = scalar.value
            return (48...57).contains(value) || (65...90).contains(value) || (97...122).contains(value)
                || "_-@$.".unicodeScalars.contains(scalar)
        }
    }
}

/// The codes that place an observation in its series, one per dimension in the dataflow's
/// dimension order (TIME_PERIOD excluded), so two keys compare equal however a file ordered its
/// columns.
public struct SeriesKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public struct Component: Sendable, Hashable, Codable {
        public var dimension: String
        public var code: String

        public init(dimension: String, code: String) {
            self.dimension = dimension
            self.code = code
        }
    }

    public var components: [Component]

    public init(_ components: [Component]) {
        self.components = components
    }

    /// The code for `dimension`, or nil when the key has no such dimension.
    public subscript(dimension: String) -> String? {
        components.first { $0.dimension == dimension }?.code
    }

    /// Dot-separated codes, the way SDMX writes a series key in a URL: `Q.KE._T`.
    public var description: String { components.map(\.code).joined(separator: ".") }
}

/// One number submitted for one dataflow, series and period, with the SDMX attributes Cove keeps.
public struct SDMXObservation: Sendable, Equatable, Codable {
    public var dataflow: DataflowReference
    public var seriesKey: SeriesKey
    public var timePeriod: TimePeriod
    /// OBS_VALUE; nil when the file leaves it empty (a value that is missing, not zero).
    public var value: Double?
    /// OBS_STATUS, e.g. `A` (normal), `E` (estimated), `P` (provisional).
    public var observationStatus: String?
    /// CONF_STATUS, e.g. `F` (free), `C` (confidential).
    public var confidentialityStatus: String?
    /// UNIT_MULT: the value is `value × 10^unitMultiplier`.
    public var unitMultiplier: Int?

    public init(dataflow: DataflowReference, seriesKey: SeriesKey, timePeriod: TimePeriod, value: Double?,
                observationStatus: String? = nil, confidentialityStatus: String? = nil, unitMultiplier: Int? = nil) {
        self.dataflow = dataflow
        self.seriesKey = seriesKey
        self.timePeriod = timePeriod
        self.value = value
        self.observationStatus = observationStatus
        self.confidentialityStatus = confidentialityStatus
        self.unitMultiplier = unitMultiplier
    }

    /// The value with UNIT_MULT applied, so rows reported in thousands and in units add up.
    public var scaledValue: Double? {
        guard let value else { return nil }
        guard let unitMultiplier, unitMultiplier != 0 else { return value }
        return value * pow(10, Double(unitMultiplier))
    }
}
