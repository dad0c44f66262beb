import Foundation

/// Computes an indicator's headline value per country and period from published observations, and
/// adds countries up into ITU-D regions and the world, as the catalogue defines it: numerator ÷
/// denominator × multiplier, each a sum over the selection's codes, every other dimension at its total.
public struct IndicatorComputation: Sendable {
    public let indicator: IndicatorCatalogue.Indicator
    public let countries: CountryList
    public let population: ChildPopulation

    public init(indicator: IndicatorCatalogue.Indicator, countries: CountryList, population: ChildPopulation) {
        self.indicator = indicator
        self.countries = countries
        self.population = population
    }

    /// Dimensions that place a headline value rather than select what it adds up.
    static let placing: Set<String> = ["REF_AREA", "FREQ"]

    /// Values per country and period. `observations` are the published observations of the
    /// numerator's dataflow and, when it differs, the denominator's.
    public func countryValues(from observations: [SDMXObservation]) -> [IndicatorValue] {
        let numerators = sums(of: indicator.numerator, in: observations)
        let denominators = indicator.denominator.map { sums(of: $0, in: observations) }
        return numerators.keys.sorted { ($0.area, $0.period) < ($1.area, $1.period) }.map { place in
            value(at: place, numerator: numerators[place] ?? .missing, denominators: denominators)
        }
    }

    private func value(at place: Place, numerator: Sum, denominators: [Place: Sum]?) -> IndicatorValue {
        guard case .known(let top) = numerator else {
            return IndicatorValue(area: place.area, period: place.period, status: numerator == .withheld ? .withheld : .missing)
        }
        guard let denominator = indicator.denominator else {
            return IndicatorValue(area: place.area, period: place.period, status: .published, value: top, numerator: top)
        }
        let bottom: Sum = denominator.reference == IndicatorCatalogue.Selection.childPopulation
            ? children(in: place, filter: denominator.filter) : denominators?[place] ?? .missing
        guard case .known(let below) = bottom, below > 0 else {
            return IndicatorValue(area: place.area, period: place.period, status: bottom == .withheld ? .withheld : .missing)
        }
        return IndicatorValue(area: place.area, period: place.period, status: .published,
                              value: top / below * Double(indicator.multiplier ?? 1), numerator: top, denominator: below)
    }

    /// Adds up the countries of each area: a region's rate is the sum of its published numerators over
    /// the sum of the same countries' denominators, and says how many countries it counts.
    public func aggregate(_ values: [IndicatorValue], areas: [String: Set<String>]) -> [IndicatorValue] {
        // Countries' percentages or mean waits do not add up; without the counts behind them a
        // region's figure would be made up.
        guard isAdditive else { return [] }
        let byPeriod = Dictionary(grouping: values.filter { $0.status == .published }, by: \.period)
        return areas.keys.sorted().flatMap { area in
            byPeriod.keys.sorted().map { period in
                let members = areas[area] ?? []
                let counted = byPeriod[period, default: []].filter { members.contains($0.area) }
                return combined(counted, area: area, period: period, members: members.count)
            }
        }
    }

    private func combined(_ values: [IndicatorValue], area: String, period: TimePeriod, members: Int) -> IndicatorValue {
        guard !values.isEmpty else {
            return IndicatorValue(area: area, period: period, status: .missing, countriesCounted: 0, countriesInArea: members)
        }
        let top = values.compactMap(\.numerator).reduce(0, +)
        guard indicator.denominator != nil else {
            return IndicatorValue(area: area, period: period, status: .published, value: top, numerator: top,
                                  countriesCounted: values.count, countriesInArea: members)
        }
        let below = values.compactMap(\.denominator).reduce(0, +)
        return IndicatorValue(area: area, period: period, status: below > 0 ? .published : .missing,
                              value: below > 0 ? top / below * Double(indicator.multiplier ?? 1) : nil,
                              numerator: top, denominator: below, countriesCounted: values.count, countriesInArea: members)
    }

    /// Whether countries' values can be added into a region's: ratios (from their sums) and counts.
    public var isAdditive: Bool {
        indicator.denominator != nil || Self.countUnits.contains(indicator.unit)
    }

    static let countUnits: Set<String> = ["contacts", "countries"]

    /// The six ITU-D regions and the world, each with its member countries.
    public func standardAreas() -> [String: Set<String>] {
        var areas = Dictionary(grouping: countries.all, by: \.region.rawValue).mapValues { Set($0.map(\.code)) }
        areas[IndicatorCatalogue.Codelist.world] = Set(countries.all.map(\.code))
        return areas
    }
}

extension IndicatorComputation {
    struct Place: Hashable {
        var area: String
        var period: TimePeriod
    }

    enum Sum: Equatable {
        case known(Double)
        case withheld
        case missing
    }

    /// Per country and period, the selection's sum; withheld as soon as one of its parts is suppressed.
    func sums(of selection: IndicatorCatalogue.Selection, in observations: [SDMXObservation]) -> [Place: Sum] {
        guard let dataflow = selection.dataflow else { return [:] }
        var sums: [Place: Sum] = [:]
        var found: [Place: Int] = [:]
        let frequency = indicator.periodicity.frequencyCode
        for observation in observations where observation.dataflow.id == dataflow
            && observation.seriesKey["FREQ"].map({ $0 == frequency }) ?? true && matches(observation.seriesKey, selection) {
            guard let area = observation.seriesKey["REF_AREA"] else { continue }
            let place = Place(area: area, period: observation.timePeriod)
            found[place, default: 0] += 1
            switch (sums[place] ?? .known(0), observation.scaledValue) {
            case (.known(let total), .some(let value)): sums[place] = .known(total + value)
            case (_, .none) where observation.observationStatus == "Q": sums[place] = .withheld
            case (.withheld, _): sums[place] = .withheld
            default: sums[place] = .missing
            }
        }
        // A selection of several codes adds all of them: with one not reported the sum is not the
        // indicator's, however close.
        let expected = expectedCells(of: selection, in: observations)
        for (place, sum) in sums where sum != .withheld && found[place, default: 0] < expected { sums[place] = .missing }
        return sums
    }

    /// How many observations a complete sum adds: one per combination of the filtered codes.
    private func expectedCells(of selection: IndicatorCatalogue.Selection, in observations: [SDMXObservation]) -> Int {
        guard let example = observations.first(where: { $0.dataflow.id == selection.dataflow }) else { return 1 }
        let present = Set(example.seriesKey.components.map(\.dimension))
        return selection.filter.filter { present.contains($0.key) }.values.reduce(1) { $0 * max(1, $1.count) }
    }

    /// Filtered dimensions take the listed codes; every other dimension its total.
    private func matches(_ key: SeriesKey, _ selection: IndicatorCatalogue.Selection) -> Bool {
        key.components.allSatisfy { component in
            if Self.placing.contains(component.dimension) { return true }
            if let codes = selection.filter[component.dimension] { return codes.contains(component.code) }
            return component.code == IndicatorCatalogue.Codelist.total
        }
    }

    private func children(in place: Place, filter: [String: [String]]) -> Sum {
        let sexes = (filter["SEX"] ?? ["_T"]).compactMap(ChildPopulation.Sex.init(rawValue:))
        let figures = sexes.map { population.underEighteen(country: place.area, year: place.period.year, sex: $0,
                                                            countries: countries) }
        guard !figures.isEmpty, figures.allSatisfy({ $0 != nil }) else { return .missing }
        return .known(Double(figures.compactMap { $0?.persons }.reduce(0, +)))
    }
}
