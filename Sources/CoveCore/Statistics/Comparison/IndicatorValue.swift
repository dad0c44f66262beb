/// An indicator's value for one area and period, as the comparison pages show it.
public struct IndicatorValue: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        /// Computed from published figures.
        case published
        /// A figure it needs was suppressed by disclosure control, so it is not shown: a rate and a
        /// known population would give the hidden count straight back.
        case withheld
        /// Nothing was published for it, or the denominator is unknown.
        case missing
    }

    /// A country's alpha-2 code, an ITU-D region's code, or `world`.
    public let area: String
    public let period: TimePeriod
    public let status: Status
    public let value: Double?
    public let numerator: Double?
    public let denominator: Double?
    /// For a region or the world: how many countries' figures it adds up, and how many it has.
    public let countriesCounted: Int?
    public let countriesInArea: Int?

    public init(area: String, period: TimePeriod, status: Status, value: Double? = nil, numerator: Double? = nil,
                denominator: Double? = nil, countriesCounted: Int? = nil, countriesInArea: Int? = nil) {
        self.area = area
        self.period = period
        self.status = status
        self.value = status == .published ? value : nil
        self.numerator = status == .published ? numerator : nil
        self.denominator = status == .published ? denominator : nil
        self.countriesCounted = countriesCounted
        self.countriesInArea = countriesInArea
    }

    static func missing(_ area: String, _ period: TimePeriod) -> IndicatorValue {
        IndicatorValue(area: area, period: period, status: .missing)
    }
}
