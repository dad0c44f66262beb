import Foundation

extension HarmonisedCoverage {
    /// The HARMONISED_COVERAGE dataflow as the directory says it stands in `year`: per country, 1 for
    /// being a country and 1 or 0 for a free number of each type, so a region's indicator is the sum
    /// of its countries like any other. These figures are about countries, not children, and are
    /// computed rather than submitted.
    public func observations(in year: Int, dataflow: DataflowReference) -> [SDMXObservation] {
        guard let period = TimePeriod.year(year) else { return [] }
        let types = Harmonisation.allCases.map(\.rawValue)
        return countries.flatMap { country -> [SDMXObservation] in
            let free = Set(country.numbers.filter { $0.isFree == true }.map(\.harmonisation.rawValue))
            let rows: [(String, String, Double)] = [(IndicatorCatalogue.Codelist.total, "COUNTRIES", 1),
                                                    (IndicatorCatalogue.Codelist.total, "COUNTRIES_FREE", country.level == .free ? 1 : 0)]
                + types.map { ($0, "COUNTRIES_FREE", free.contains($0) ? 1 : 0) }
            return rows.map { type, measure, value in
                SDMXObservation(dataflow: dataflow, seriesKey: SeriesKey([
                    .init(dimension: "FREQ", code: "A"), .init(dimension: "REF_AREA", code: country.code),
                    .init(dimension: "NUMBER_TYPE", code: type), .init(dimension: "MEASURE", code: measure),
                ]), timePeriod: period, value: value, observationStatus: "A", confidentialityStatus: "F")
            }
        }
    }
}
