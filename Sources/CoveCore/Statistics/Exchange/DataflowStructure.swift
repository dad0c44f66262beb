import Foundation

/// What a submission for one dataflow must look like: its coded dimensions in key order, the time
/// dimension, the coded attributes, and the arithmetic its numbers must satisfy.
///
/// It is deliberately smaller than an SDMX data structure definition: just enough to refuse a file
/// before anything from it is stored, with every reason at once. Reads from JSON such as
/// `{"agency":"ITU","id":"COP_HELPLINE_CONTACTS","version":"1.0","dimensions":[{"id":"SEX",
/// "codelist":"CL_SEX","codes":["F","M","U","_T"]}],"rules":[{"dimension":"SEX","total":"_T",
/// "parts":["F","M","U"]}]}`; `timeDimension`, `attributes` and `rules` may be left out.
public struct DataflowStructure: Sendable, Hashable {
    /// A dimension or attribute whose values come from a codelist.
    public struct CodedComponent: Sendable, Hashable, Codable {
        public var id: String
        /// The codelist's id, named in messages so a submitter knows where to look: `CL_SEX`.
        public var codelist: String
        public var codes: Set<String>

        public init(id: String, codelist: String, codes: Set<String>) {
            self.id = id
            self.codelist = codelist
            self.codes = codes
        }
    }

    /// "Code `total` of `dimension` equals the sum of codes `parts`", for every combination of the
    /// other dimensions and period: a total must add up, as DHIS2 validation rules demand.
    public struct SumRule: Sendable, Hashable, Codable {
        public var dimension: String
        public var total: String
        public var parts: [String]

        public init(dimension: String, total: String, parts: [String]) {
            self.dimension = dimension
            self.total = total
            self.parts = parts
        }
    }

    public var agency: String
    public var id: String
    public var version: String
    /// The coded dimensions in key order; the time dimension is not among them.
    public var dimensions: [CodedComponent]
    /// The column holding the period, TIME_PERIOD in every SDMX dataflow.
    public var timeDimension: String
    /// Coded attributes checked against their codelists; OBS_STATUS and CONF_STATUS by default.
    public var attributes: [CodedComponent]
    public var rules: [SumRule]

    public init(agency: String, id: String, version: String, dimensions: [CodedComponent],
                timeDimension: String = SDMXComponent.timePeriod,
                attributes: [CodedComponent] = DataflowStructure.standardAttributes, rules: [SumRule] = []) {
        self.agency = agency
        self.id = id
        self.version = version
        self.dimensions = dimensions
        self.timeDimension = timeDimension
        self.attributes = attributes
        self.rules = rules
    }

    public var reference: DataflowReference { DataflowReference(agency: agency, id: id, version: version) }

    public func dimension(_ id: String) -> CodedComponent? {
        dimensions.first { $0.id == id }
    }

    public func attribute(_ id: String) -> CodedComponent? {
        attributes.first { $0.id == id }
    }

    /// The SDMX cross-domain codelists for observation status and confidentiality, as far as a
    /// helpline or national statistics office uses them; a dataflow may replace them.
    public static let standardAttributes: [CodedComponent] = [
        CodedComponent(id: SDMXComponent.observationStatus, codelist: "CL_OBS_STATUS",
                       codes: ["A", "B", "D", "E", "F", "G", "I", "K", "L", "M", "N", "O", "P", "Q", "S", "U", "V"]),
        CodedComponent(id: SDMXComponent.confidentialityStatus, codelist: "CL_CONF_STATUS",
                       codes: ["F", "N", "C", "D", "S", "A"]),
    ]
}

extension DataflowStructure: Codable {
    private enum CodingKeys: String, CodingKey {
        case agency, id, version, dimensions, timeDimension, attributes, rules
    }

    /// Fills in TIME_PERIOD, the standard attributes and no rules when a resource file leaves them
    /// out, so most dataflow files list only what is their own.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            agency: container.decode(String.self, forKey: .agency),
            id: container.decode(String.self, forKey: .id),
            version: container.decode(String.self, forKey: .version),
            dimensions: container.decode([CodedComponent].self, forKey: .dimensions),
            timeDimension: container.decodeIfPresent(String.self, forKey: .timeDimension) ?? SDMXComponent.timePeriod,
            attributes: container.decodeIfPresent([CodedComponent].self, forKey: .attributes) ?? Self.standardAttributes,
            rules: container.decodeIfPresent([SumRule].self, forKey: .rules) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(agency, forKey: .agency)
        try container.encode(id, forKey: .id)
        try container.encode(version, forKey: .version)
        try container.encode(dimensions, forKey: .dimensions)
        try container.encode(timeDimension, forKey: .timeDimension)
        try container.encode(attributes, forKey: .attributes)
        try container.encode(rules, forKey: .rules)
    }
}

extension DataflowStructure {
    /// A series key written with dots (`Q.KE._T`) read back against the dimensions; nil when the
    /// number of codes does not match.
    public func seriesKey(dotted text: String) -> SeriesKey? {
        let codes = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard codes.count == dimensions.count else { return nil }
        return SeriesKey(zip(dimensions, codes).map { .init(dimension: $0.id, code: $1) })
    }

    /// A stored observation back in the exchange form; nil if the key or period does not fit.
    public func observation(seriesKey text: String, timePeriod period: String, value: Double?,
                            observationStatus: String?, confidentialityStatus: String?,
                            unitMultiplier: Int?) -> SDMXObservation? {
        guard let key = seriesKey(dotted: text), let period = try? TimePeriod(parsing: period) else { return nil }
        return SDMXObservation(dataflow: reference, seriesKey: key, timePeriod: period, value: value,
                               observationStatus: observationStatus, confidentialityStatus: confidentialityStatus,
                               unitMultiplier: unitMultiplier)
    }
}
