import Foundation

/// Every indicator Cove can compute from its own counts (contact margins and operations cells),
/// for every country and quarter, with the ITU-D regions and the world. It is what a statistician
/// checks before preparing submissions. The counts are not disclosure-controlled, so the table is
/// for those who hold the rollups; the public only ever sees published, protected figures.
public struct RollupIndicatorTable: Sendable {
    /// Contact margins added up over a country's helplines, per month.
    public struct MarginCount: Sendable, Hashable {
        public var country: String
        /// "2025-03"; or "2025-Q1" when the months were added up already.
        public var month: String
        public var contactType: String
        public var dimension: ContactMargin.Dimension
        public var code: String
        public var contacts: Int

        public init(country: String, month: String, contactType: String, dimension: ContactMargin.Dimension,
                    code: String, contacts: Int) {
            self.country = country
            self.month = month
            self.contactType = contactType
            self.dimension = dimension
            self.code = code
            self.contacts = contacts
        }
    }

    public struct Row: Sendable, Hashable {
        public let indicator: String
        public let value: IndicatorValue
    }

    public static let contactsFlow = "HELPLINE_CONTACTS"
    public static let operationsFlow = "HELPLINE_OPERATIONS"

    public let catalogue: IndicatorCatalogue
    public let countries: CountryList
    public let population: ChildPopulation

    public init(catalogue: IndicatorCatalogue, countries: CountryList, population: ChildPopulation) {
        self.catalogue = catalogue
        self.countries = countries
        self.population = population
    }

    /// The indicators computed from the helpline dataflows.
    public var indicators: [IndicatorCatalogue.Indicator] {
        catalogue.indicators.filter { indicator in
            indicator.numerator.dataflow.map { [Self.contactsFlow, Self.operationsFlow].contains($0) } ?? false
        }
    }

    /// The margins the indicators select, by dimension, besides contact type: the table reads only
    /// these, so it stays quick however many breakdowns are counted.
    public var selectedMargins: [ContactMargin.Dimension: Set<String>] {
        var selected: [ContactMargin.Dimension: Set<String>] = [.total: [ContactMargin.total]]
        let selections = indicators.flatMap { [$0.numerator] + ($0.denominator.map { [$0] } ?? []) }
            .filter { $0.dataflow == Self.contactsFlow }
        for selection in selections {
            let categories = selection.filter["CATEGORY"] ?? []
            if let subcategories = selection.filter["SUBCATEGORY"]?.filter({ $0 != ContactMargin.total }),
               !subcategories.isEmpty {
                for category in categories {
                    selected[.subcategory, default: []].formUnion(subcategories.map {
                        ContactMargin.subcategoryCode(category: category, subcategory: $0) })
                }
                continue
            }
            for (dimension, codes) in selection.filter {
                guard let margin = ContactMargin.Dimension(rawValue: dimension) else { continue }
                selected[margin, default: []].formUnion(codes.filter { $0 != ContactMargin.total })
            }
        }
        return selected.filter { !$0.value.isEmpty }
    }

    /// Each indicator's value per country and quarter, then per region and for the world.
    public func rows(margins: [MarginCount], operations: [String: [RollupSubmission.Operations]]) -> [Row] {
        let observations = contactObservations(margins) + operationsObservations(operations)
        return indicators.flatMap { indicator in
            let computation = IndicatorComputation(indicator: indicator, countries: countries, population: population)
            let values = computation.countryValues(from: observations)
            return (values + computation.aggregate(values, areas: computation.standardAreas()))
                .map { Row(indicator: indicator.id, value: $0) }
        }
    }

    /// The FREQ codes the indicators of `dataflow` are computed at: monthly, quarterly or both.
    public func frequencies(of dataflow: String) -> Set<String> {
        Set(indicators.filter { $0.numerator.dataflow == dataflow }.map(\.periodicity.frequencyCode))
            .intersection(["M", "Q"])
    }

    /// The period a month falls in at a frequency: "2025-03" itself, or "2025-Q1".
    static func period(of month: String, frequency: String) -> String? {
        if month.contains("-Q") { return frequency == "Q" ? month : nil }
        return frequency == "M" ? month : ContactRollup.quarter(ofMonth: month)
    }

    /// The margins as HELPLINE_CONTACTS observations: each at its own code, every other dimension
    /// at its total.
    func contactObservations(_ margins: [MarginCount]) -> [SDMXObservation] {
        guard let structure = catalogue.structure(of: Self.contactsFlow, countries: countries) else { return [] }
        return frequencies(of: Self.contactsFlow).flatMap { frequency in
            var sums: [[String]: Int] = [:]
            for margin in margins {
                guard let period = Self.period(of: margin.month, frequency: frequency) else { continue }
                sums[[margin.country, period, margin.contactType, margin.dimension.rawValue, margin.code], default: 0]
                    += margin.contacts
            }
            addZeros(to: &sums, structure: structure)
            return sums.compactMap { parts, count -> SDMXObservation? in
                guard let dimension = ContactMargin.Dimension(rawValue: parts[3]) else { return nil }
                let codes = ContactMargin.seriesCodes(contactType: parts[2], dimension: dimension, code: parts[4])
                    .merging(["FREQ": frequency, "REF_AREA": parts[0]]) { $1 }
                return observation(structure, codes: codes, period: parts[1], value: Double(count))
            }
        }
    }

    /// Rollups count everything that happened, so a code with no margin had no contacts: its zero is
    /// a fact, and without it a rate adding several codes would look unreported.
    private func addZeros(to sums: inout [[String]: Int], structure: DataflowStructure) {
        let types = structure.dimension("CONTACT_TYPE")?.codes ?? [ContactMargin.total]
        let codes = selectedMargins.flatMap { dimension, codes in codes.map { (dimension.rawValue, $0) } }
        for place in Set(sums.keys.map { [$0[0], $0[1]] }) {
            for type in types {
                for (dimension, code) in codes where sums[place + [type, dimension, code]] == nil {
                    sums[place + [type, dimension, code]] = 0
                }
            }
        }
    }

    /// Operations cells per country as HELPLINE_OPERATIONS observations.
    func operationsObservations(_ operations: [String: [RollupSubmission.Operations]]) -> [SDMXObservation] {
        guard let structure = catalogue.structure(of: Self.operationsFlow, countries: countries) else { return [] }
        return frequencies(of: Self.operationsFlow).flatMap { frequency in
            operations.flatMap { country, figures in
                Dictionary(grouping: figures.map(\.month)) { Self.period(of: $0, frequency: frequency) ?? "" }
                    .filter { !$0.key.isEmpty }
                    .flatMap { period, months in
                        RollupSubmission.operationsCells(months: Set(months), figures: figures).compactMap { codes, value in
                            observation(structure, codes: ["FREQ": frequency, "REF_AREA": country, "CHANNEL": codes[0],
                                                           "MEASURE": codes[1]], period: period, value: value)
                        }
                    }
            }
        }
    }

    private func observation(_ structure: DataflowStructure, codes: [String: String], period: String,
                             value: Double) -> SDMXObservation? {
        guard let time = try? TimePeriod(parsing: period) else { return nil }
        let key = SeriesKey(structure.dimensions.map { .init(dimension: $0.id, code: codes[$0.id] ?? ContactMargin.total) })
        return SDMXObservation(dataflow: structure.reference, seriesKey: key, timePeriod: time, value: value,
                               observationStatus: nil, confidentialityStatus: nil, unitMultiplier: nil)
    }
}

extension RollupIndicatorTable {
    public static let csvHeader = ["INDICATOR", "REF_AREA", "TIME_PERIOD", "STATUS", "OBS_VALUE", "NUMERATOR",
                                   "DENOMINATOR", "COUNTRIES_COUNTED", "COUNTRIES_IN_AREA"]

    /// The table as CSV, one row per indicator, area and quarter, in that order.
    public static func csv(_ rows: [Row]) -> String {
        let sorted = rows.sorted { ($0.indicator, $0.value.area, $0.value.period) < ($1.indicator, $1.value.area, $1.value.period) }
        return sorted.reduce(into: CSVTable.line(csvHeader)) { text, row in
            let value = row.value
            text += CSVTable.line([row.indicator, value.area, value.period.description, value.status.rawValue,
                                   number(value.value), number(value.numerator), number(value.denominator),
                                   value.countriesCounted.map { String($0) } ?? "", value.countriesInArea.map { String($0) } ?? ""])
        }
    }

    private static func number(_ value: Double?) -> String {
        value.map { SDMXCSVWriter.numberText(($0 * 1e6).rounded() / 1e6) } ?? ""
    }
}
