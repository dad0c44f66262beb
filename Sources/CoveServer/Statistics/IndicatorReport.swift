import CoveCore
import Fluent
import Vapor

/// One indicator computed from what is published: every country's value per period, and the six
/// ITU-D regions and the world added up from them. Pages, charts and CSV downloads all read this.
struct IndicatorReport: Sendable {
    let indicator: IndicatorCatalogue.Indicator
    let countryValues: [IndicatorValue]
    let areaValues: [IndicatorValue]
    let periods: [TimePeriod]
    let countries: CountryList

    /// Coverage is computed from the helpline directory, as it stands, rather than submitted.
    static let coverageFlow = "HARMONISED_COVERAGE"

    static func load(_ indicator: IndicatorCatalogue.Indicator, catalogue: IndicatorCatalogue, countries: CountryList,
                     cache: PublishedStatisticsCache, coverage: HarmonisedCoverage?, on db: any Database,
                     now: Date) async throws -> IndicatorReport {
        let flows = Set([indicator.numerator.dataflow, indicator.denominator?.dataflow].compactMap { $0 })
        var observations: [SDMXObservation] = []
        for flow in flows.sorted() {
            guard let structure = catalogue.structure(of: flow, countries: countries) else { continue }
            if flow == Self.coverageFlow, let coverage {
                observations += coverage.observations(in: Calendar(identifier: .gregorian).component(.year, from: now),
                                                      dataflow: structure.reference)
            } else {
                observations += try await cache.observations(of: structure, on: db, now: now)
            }
        }
        let computation = IndicatorComputation(indicator: indicator, countries: countries,
                                               population: try ChildPopulation.bundled)
        let values = computation.countryValues(from: observations)
        let aggregates = computation.aggregate(values, areas: computation.standardAreas())
        return IndicatorReport(indicator: indicator, countryValues: values, areaValues: aggregates,
                               periods: Set(values.map(\.period)).sorted(), countries: countries)
    }

    /// An area's values by period: a country's own, or a region's or the world's sums.
    func series(of area: String) -> [TimePeriod: IndicatorValue] {
        let source = countries.contains(area) ? countryValues : areaValues
        return Dictionary(source.filter { $0.area == area }.map { ($0.period, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The countries of `area` at `period`, highest value first, then those without a value.
    func ranking(in area: String, at period: TimePeriod) -> [IndicatorValue] {
        let members = Set(countries.all.filter { area == IndicatorCatalogue.Codelist.world || $0.region.rawValue == area }
            .map(\.code))
        let values = countryValues.filter { $0.period == period && members.contains($0.area) }
        return values.sorted { lhs, rhs in
            switch (lhs.value, rhs.value) {
            case let (left?, right?): left != right ? left > right : lhs.area < rhs.area
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): lhs.area < rhs.area
            }
        }
    }

    /// The latest period in which `area` (or, for a region, any of its countries) has a value.
    func latestPeriod(for area: String) -> TimePeriod? {
        series(of: area).values.filter { $0.status != .missing }.map(\.period).max()
    }
}
