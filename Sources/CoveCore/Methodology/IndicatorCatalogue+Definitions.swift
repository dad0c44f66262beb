import Foundation

// The pieces of an indicator catalogue, as the file writes them. Texts for people use the
// taxonomy's `LocalizedText`, so a language outside the six is refused in the same way.

extension IndicatorCatalogue {
    /// What an indicator's value counts or measures: "contacts", "percent", "per-100000-children-0-17".
    public struct Unit: Hashable, Sendable, Decodable {
        public let code: String
        public let names: Taxonomy.LocalizedText

        public func name(in language: Language) -> String { names.text(in: language) }
    }

    /// The codes a dimension may take. Most are listed in the file; REF_AREA's come from the
    /// country list and the ITU-D regions (`external: "areas"`). A codelist that mirrors a taxonomy
    /// list says which, so the two can be held in step; codes starting with `_` (SDMX's `_T`
    /// total, `_U` unspecified) are the catalogue's own.
    public struct Codelist: Hashable, Sendable, Decodable {
        public let id: String
        /// For people reading the file or the methodology page; English only.
        public let description: String?
        public let codes: [String]?
        /// Where codes not listed here come from; only `areas` is known.
        public let external: String?
        /// The taxonomy list whose codes this codelist carries: `genders`, `subcategories`…
        public let taxonomyList: String?

        enum CodingKeys: String, CodingKey {
            case id, description, codes, external
            case taxonomyList = "taxonomy"
        }

        /// SDMX's code for a total over a dimension.
        public static let total = "_T"
        /// The REF_AREA code of the whole world; ITU-D regions use `ITURegion`'s raw values.
        public static let world = "world"
        public static let externalSources: Set<String> = ["areas"]
        public static let taxonomyLists: Set<String> = [
            "contactTypes", "categories", "subcategories", "ageBands", "genders", "channels",
        ]

        /// Whether `code` is listed; nil for a codelist whose codes come from elsewhere.
        public func contains(_ code: String) -> Bool? {
            codes.map { $0.contains(code) }
        }
    }

    /// An SDMX dataflow: the coded dimensions of its series keys in order, the time dimension,
    /// the arithmetic its observations must satisfy, and how its counts are protected.
    public struct Dataflow: Hashable, Sendable, Decodable {
        public struct Dimension: Hashable, Sendable, Decodable {
            public let id: String
            public let codelist: String
        }

        /// "Code `total` of `dimension` equals the sum of codes `parts`", for every combination
        /// of the other dimensions and period.
        public struct Rule: Hashable, Sendable, Decodable {
            public let dimension: String
            public let total: String
            public let parts: [String]
        }

        public let id: String
        public let agency: String
        public let version: String
        public let names: Taxonomy.LocalizedText
        public let timeDimension: String
        public let dimensions: [Dimension]
        public let rules: [Rule]
        public let disclosure: Disclosure

        enum CodingKeys: String, CodingKey {
            case id, agency, version, names, timeDimension, dimensions, rules, disclosure
        }

        /// TIME_PERIOD and no rules when the file leaves them out.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            agency = try container.decode(String.self, forKey: .agency)
            version = try container.decode(String.self, forKey: .version)
            names = try container.decode(Taxonomy.LocalizedText.self, forKey: .names)
            timeDimension = try container.decodeIfPresent(String.self, forKey: .timeDimension) ?? "TIME_PERIOD"
            dimensions = try container.decode([Dimension].self, forKey: .dimensions)
            rules = try container.decodeIfPresent([Rule].self, forKey: .rules) ?? []
            disclosure = try container.decode(Disclosure.self, forKey: .disclosure)
        }

        /// `COVE:HELPLINE_CONTACTS(1.0)`, as SDMX names a dataflow.
        public var reference: String { "\(agency):\(id)(\(version))" }

        public func dimension(_ id: String) -> Dimension? {
            dimensions.first { $0.id == id }
        }

        public func name(in language: Language) -> String { names.text(in: language) }
    }

    /// How published figures are protected, written `{"method":"suppression","threshold":5}`,
    /// `{"method":"rounding","base":3}` or, for figures about countries rather than people,
    /// `{"method":"none"}`. Kept as written so the consistency check can name a bad value.
    public struct Disclosure: Hashable, Sendable, Decodable {
        public enum Method: String, Hashable, Sendable, Decodable {
            case suppression, rounding
            /// Written `none`: not spelled so here, where `.none` would read as an absent optional.
            case uncontrolled = "none"
        }

        public let method: Method
        public let threshold: Int?
        public let base: Int?

        public static let roundingBases: Set<Int> = [3, 5]

        /// Why the rule cannot be applied as written; nil when it can.
        public var problem: String? {
            switch method {
            case .suppression:
                guard let threshold else { return "suppression needs a threshold" }
                if threshold < 2 { return "threshold \(threshold) is below 2, so no count would be suppressed" }
                if base != nil { return "suppression takes a threshold, not a base" }
            case .rounding:
                guard let base else { return "rounding needs a base of 3 or 5" }
                if !Self.roundingBases.contains(base) { return "rounding base \(base) is not 3 or 5" }
                if threshold != nil { return "rounding takes a base, not a threshold" }
            case .uncontrolled:
                if threshold != nil || base != nil { return "method none takes no threshold or base" }
            }
            return nil
        }
    }

    /// How often an indicator is computed; periods are written `2025-03`, `2025-Q1` and `2025`.
    public enum Periodicity: String, Hashable, Sendable, Codable, CaseIterable {
        case monthly, quarterly, annual

        /// The SDMX FREQ code.
        public var frequencyCode: String {
            switch self {
            case .monthly: "M"
            case .quarterly: "Q"
            case .annual: "A"
            }
        }
    }

    /// Where an indicator's figures come from.
    public enum Source: String, Hashable, Sendable, Codable, CaseIterable {
        /// Counts rolled up from finalised contacts.
        case helplineContacts = "helpline-contacts-rollup"
        /// Offered, answered and waiting figures from the contact centre.
        case helplineOperations = "helpline-operations"
        /// Figures a country submits from its own survey.
        case nationalSurvey = "national-survey"
        /// Harmonised-number coverage computed from the helpline directory.
        case directoryCoverage = "directory-coverage"
    }

    /// The observations a numerator or denominator adds up: those of a dataflow (or of a reference
    /// table such as the child population) whose codes are among `filter`'s, per dimension.
    ///
    /// A dimension of the dataflow that is neither filtered nor among the indicator's own
    /// dimensions is taken at its total `_T`; one among the indicator's dimensions follows the
    /// breakdown, so a rate by channel divides each channel by the same channel.
    public struct Selection: Hashable, Sendable, Decodable {
        public let dataflow: String?
        public let reference: String?
        /// Per dimension, the codes whose observations are summed.
        public let filter: [String: [String]]

        /// The population under 18 by country, year and sex (`reference/child-population.csv`).
        public static let childPopulation = "child-population"
        /// The dimensions, with their codelists, of each reference table a selection may name.
        public static let referenceDimensions: [String: [String: String]] = [childPopulation: ["SEX": "CL_SEX"]]

        enum CodingKeys: String, CodingKey {
            case dataflow, reference, filter
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            dataflow = try container.decodeIfPresent(String.self, forKey: .dataflow)
            reference = try container.decodeIfPresent(String.self, forKey: .reference)
            filter = try container.decodeIfPresent([String: [String]].self, forKey: .filter) ?? [:]
        }
    }

    /// One indicator: what it counts, in which unit, broken down how, from where, how often, and
    /// how it is protected. A ratio is numerator ÷ denominator × multiplier.
    public struct Indicator: Hashable, Sendable, Decodable {
        public let id: String
        public let version: String
        public let names: Taxonomy.LocalizedText
        public let definitions: Taxonomy.LocalizedText
        /// A unit code of the catalogue.
        public let unit: String
        public let numerator: Selection
        /// Nil for a count, or for a percentage submitted as such.
        public let denominator: Selection?
        /// 100 for a percentage, 100 000 for a rate per 100,000; nil without a denominator.
        public let multiplier: Int?
        /// The computation in words, for the methodology page (English).
        public let formula: String
        /// What the indicator is broken down by: dimension ids of its dataflow, and its time dimension.
        public let dimensions: [String]
        public let source: Source
        public let periodicity: Periodicity
        public let dataflow: String
        public let disclosure: Disclosure

        enum CodingKeys: String, CodingKey {
            case id, version, names, unit, numerator, denominator, multiplier, formula, dimensions, source,
                 periodicity, dataflow, disclosure
            case definitions = "definition"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            version = try container.decode(String.self, forKey: .version)
            names = try container.decode(Taxonomy.LocalizedText.self, forKey: .names)
            definitions = try container.decode(Taxonomy.LocalizedText.self, forKey: .definitions)
            unit = try container.decode(String.self, forKey: .unit)
            numerator = try container.decode(Selection.self, forKey: .numerator)
            denominator = try container.decodeIfPresent(Selection.self, forKey: .denominator)
            multiplier = try container.decodeIfPresent(Int.self, forKey: .multiplier)
            formula = try container.decodeIfPresent(String.self, forKey: .formula) ?? ""
            dimensions = try container.decode([String].self, forKey: .dimensions)
            source = try container.decode(Source.self, forKey: .source)
            periodicity = try container.decode(Periodicity.self, forKey: .periodicity)
            dataflow = try container.decode(String.self, forKey: .dataflow)
            disclosure = try container.decode(Disclosure.self, forKey: .disclosure)
        }

        /// The name in `language`, or in English where that translation is missing.
        public func name(in language: Language) -> String { names.text(in: language) }

        /// The definition in `language`, or in English where that translation is missing.
        public func definition(in language: Language) -> String { definitions.text(in: language) }

        /// Whether the value is a ratio of two sums rather than a sum.
        public var isRatio: Bool { denominator != nil }
    }
}
