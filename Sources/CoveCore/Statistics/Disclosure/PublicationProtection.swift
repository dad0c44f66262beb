import Foundation

/// Disclosure control for an approved submission's observations, applied as they are published.
///
/// A submission is not a full cross-classified table: it holds whatever cells its sender gave, such as
/// totals by gender, totals by channel and a few crosses. What a reader can use against a hidden cell
/// is the sums the dataflow's rules declare, period by period, so those are what suppression protects
/// (see `SubmissionCells`). Published counts keep their value exactly; hidden ones lose it and say why
/// in OBS_STATUS and CONF_STATUS. Figures that are not counts go with the count they describe.
public struct PublicationProtection: Sendable {
    /// Codes of one dimension that are not counts of children but figures about a count: a total
    /// wait in seconds, a weighted percentage. Their own value is not small or large in any way that
    /// names a child, but it is about as telling as the count behind it, so each is withheld
    /// whenever that count is (a mean wait over two contacts is a child's wait).
    public struct NonCountMeasures: Sendable, Hashable {
        /// The dimension holding the measure codes, MEASURE in Cove's dataflows.
        public var dimension: String
        /// Each non-count code with the count code it describes, in the same series and period.
        public var bases: [String: String]

        public init(dimension: String, bases: [String: String]) {
            self.dimension = dimension
            self.bases = bases
        }

        /// Cove's catalogue: helpline waits are of answered contacts, survey percentages of their
        /// unweighted respondents.
        public static let cove = NonCountMeasures(
            dimension: "MEASURE", bases: ["WAIT_SECONDS": "ANSWERED", "PC": "RESPONDENTS"])
    }

    /// A sum rule with its dimension's place in a series key.
    struct PlacedSum: Sendable {
        let axis: Int
        let total: String
        let parts: [String]
    }

    public let structure: DataflowStructure
    /// Nil for a dataflow without disclosure control (`none`).
    public let rule: DisclosureRule?
    public let nonCountMeasures: NonCountMeasures
    /// The rules a reader can add up with, each placed in the key.
    let sums: [PlacedSum]
    /// Where `nonCountMeasures.dimension` sits in a series key; nil when the dataflow has no such
    /// dimension, and then every observation is a count.
    let measureAxis: Int?

    /// Throws when a sum rule names a dimension the dataflow does not have, or when `rule` is one the
    /// catalogue would refuse: a typo must not quietly publish small counts.
    public init(structure: DataflowStructure, rule: DisclosureRule?,
                nonCountMeasures: NonCountMeasures = .cove) throws {
        if let rule, !Self.isAccepted(rule) {
            throw PublicationProtectionError.unsafeRule(rule)
        }
        let dimensions = structure.dimensions.map(\.id)
        self.structure = structure
        self.rule = rule
        self.nonCountMeasures = nonCountMeasures
        sums = try structure.rules.compactMap { try Self.place($0, among: dimensions, nonCount: nonCountMeasures) }
        measureAxis = dimensions.firstIndex(of: nonCountMeasures.dimension)
    }

    /// Throws what `protect` would refuse (a count that is not whole, a repeated or misshapen key)
    /// without protecting anything, so a file can be refused when it arrives rather than when it is
    /// published.
    public func check(_ observations: [SDMXObservation]) throws {
        guard rule != nil else { return }
        _ = try SubmissionCells(observations, for: self)
    }

    /// The observations as they may be published, in the same order. Without a rule they come back
    /// as they are, absent flags filled in. Counts must be whole and non-negative once UNIT_MULT is applied; figures in
    /// `nonCountMeasures` may be anything. Suppression is deterministic; rounding draws from
    /// `generator`, so store what it publishes rather than protecting again per request: fresh draws
    /// of the same count average back to it.
    public func protect(_ observations: [SDMXObservation],
                        using generator: inout some RandomNumberGenerator) throws -> [SDMXObservation] {
        guard let rule else { return observations.map(Self.flagged) }
        let cells = try SubmissionCells(observations, for: self)
        switch rule {
        case .suppress(let threshold):
            let hidden = DisclosureControl.suppressions(in: cells.linked, threshold: threshold)
            return zip(observations, cells.roles).map { observation, role in
                Self.suppressing(observation, as: role, hidden: hidden, counts: cells.linked)
            }
        case .randomRounding(let base):
            var rounded: [SDMXObservation] = []
            rounded.reserveCapacity(observations.count)
            for (observation, role) in zip(observations, cells.roles) {
                rounded.append(Self.rounding(observation, as: role, base: base, using: &generator))
            }
            return rounded
        }
    }

    /// As `protect(_:using:)`, rounding with the system's generator.
    public func protect(_ observations: [SDMXObservation]) throws -> [SDMXObservation] {
        var generator = SystemRandomNumberGenerator()
        return try protect(observations, using: &generator)
    }

    /// The same limits as the catalogue's JSON: a threshold of at least 2, a base of 3 or 5.
    private static func isAccepted(_ rule: DisclosureRule) -> Bool {
        switch rule {
        case .suppress(let threshold): threshold >= 2
        case .randomRounding(let base): DisclosureRule.roundingBases.contains(base)
        }
    }

    /// Nil for a rule adding up non-count measures: seconds or percentages are not counts, and are
    /// withheld with their base count rather than protected through sums of their own.
    private static func place(_ sum: DataflowStructure.SumRule, among dimensions: [String],
                              nonCount: NonCountMeasures) throws -> PlacedSum? {
        guard let axis = dimensions.firstIndex(of: sum.dimension) else {
            throw PublicationProtectionError.unknownDimension(sum.dimension)
        }
        let codes = [sum.total] + sum.parts
        if sum.dimension == nonCount.dimension, codes.contains(where: { nonCount.bases[$0] != nil }) {
            return nil
        }
        return PlacedSum(axis: axis, total: sum.total, parts: sum.parts)
    }
}

// What happens to each observation.
extension PublicationProtection {
    /// Hidden counts lose their value; a non-count figure goes with its base count. A base that was
    /// left out or left empty may be small, and nothing shows it is safe, so its figure is withheld
    /// as confidential.
    ///
    /// Nor does a withheld figure come back through sums of figures (total waits add up over channels,
    /// as answered contacts do): those sums have the same shape as the counts', figures are withheld
    /// wherever their count is unknown to readers (hidden, left out or empty), and making more cells
    /// unknown never lets a reader solve for more.
    private static func suppressing(_ observation: SDMXObservation, as role: SubmissionCells.Role,
                                    hidden: [CellKey: SuppressionReason], counts: LinkedCells) -> SDMXObservation {
        switch role {
        case .count(let key, _):
            guard let reason = hidden[key] else { return published(observation) }
            return withheld(observation, as: reason)
        case .missing:
            return published(observation)
        case .nonCount(let base):
            guard counts[base] != nil else { return withheld(observation, as: .primary) }
            guard let reason = hidden[base] else { return published(observation) }
            return withheld(observation, as: reason)
        }
    }

    /// Every count rounded, whether or not it changed, and published as free; other figures as they
    /// are. Rounded counts no longer add up exactly, which is the point: nothing can be subtracted.
    private static func rounding(_ observation: SDMXObservation, as role: SubmissionCells.Role, base: Int,
                                 using generator: inout some RandomNumberGenerator) -> SDMXObservation {
        var result = published(observation)
        guard case .count(_, let count) = role else { return result }
        result.value = Double(DisclosureControl.randomlyRound(count, base: base, using: &generator))
        // The rounded count is in units; a multiplier other than 0 would scale it a second time.
        if result.unitMultiplier != nil {
            result.unitMultiplier = 0
        }
        return result
    }

    /// No value, OBS_STATUS Q, and CONF_STATUS C for a primary cell or D for a secondary one.
    private static func withheld(_ observation: SDMXObservation, as reason: SuppressionReason) -> SDMXObservation {
        let cell = ProtectedCell(value: .suppressed(reason))
        var result = observation
        result.value = nil
        result.observationStatus = cell.observationStatus
        result.confidentialityStatus = cell.confidentialityStatus
        return result
    }

    /// Passed by disclosure control, so free (CONF_STATUS F) whatever the file said.
    private static func published(_ observation: SDMXObservation) -> SDMXObservation {
        var result = flagged(observation)
        result.confidentialityStatus = "F"
        return result
    }

    /// Absent flags filled in: OBS_STATUS A for a value and O (missing) for a value left empty,
    /// CONF_STATUS F. A status the submitter gave, such as E for an estimate, is kept.
    private static func flagged(_ observation: SDMXObservation) -> SDMXObservation {
        var result = observation
        result.observationStatus = observation.observationStatus ?? (observation.value == nil ? "O" : "A")
        result.confidentialityStatus = observation.confidentialityStatus ?? "F"
        return result
    }
}

/// Why observations cannot be protected; each names what to fix.
public enum PublicationProtectionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A sum rule names a dimension the dataflow does not have.
    case unknownDimension(String)
    /// A threshold below 2 or a rounding base other than 3 or 5.
    case unsafeRule(DisclosureRule)
    /// A count that is fractional, negative or too large once UNIT_MULT is applied (`value`).
    case notACount(series: SeriesKey, period: TimePeriod, value: Double)
    /// A series key whose dimensions are not the dataflow's, in its order.
    case wrongDimensions(series: SeriesKey, period: TimePeriod)
    /// The same series and period twice: which value holds is for the submitter to say.
    case duplicate(series: SeriesKey, period: TimePeriod)

    public var description: String {
        switch self {
        case .unknownDimension(let dimension):
            "a sum rule names dimension \(dimension), which the dataflow does not have"
        case .unsafeRule(let rule):
            "disclosure rule \(rule) is refused: thresholds must be at least 2 and rounding bases 3 or 5"
        case .notACount(let series, let period, let value):
            "\(Self.text(series, period)) is \(SubmissionProblem.text(for: value)), not a whole count of 0 or more"
        case .wrongDimensions(let series, let period):
            "\(Self.text(series, period)) does not have the dataflow's dimensions in its order"
        case .duplicate(let series, let period):
            "\(Self.text(series, period)) appears twice"
        }
    }

    /// `FREQ=Q, REF_AREA=KE, SEX=F in 2025-Q1`: where to look in the file.
    private static func text(_ series: SeriesKey, _ period: TimePeriod) -> String {
        "\(SubmissionValidator.text(for: series)) in \(period)"
    }
}
