import Foundation

/// A reporting period as SDMX writes TIME_PERIOD: a year (`2025`), a quarter (`2025-Q1`) or a
/// month (`2025-03`).
///
/// Cove collects by month and quarter and publishes years too, so only these three frequencies
/// exist: half-years, weeks and days are refused with a message saying so, rather than accepted
/// and left impossible to add up with everything else. A period can only be built valid.
public struct TimePeriod: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The SDMX FREQ code of each kind of period.
    public enum Frequency: String, Sendable, Hashable, Codable, CaseIterable {
        case annual = "A", quarterly = "Q", monthly = "M"

        /// Months in one period of this frequency.
        public var monthCount: Int {
            switch self {
            case .annual: 12
            case .quarterly: 3
            case .monthly: 1
            }
        }

        /// The adjective for messages: "a quarterly period".
        public var name: String {
            switch self {
            case .annual: "annual"
            case .quarterly: "quarterly"
            case .monthly: "monthly"
            }
        }
    }

    /// Four-digit years only, so every period prints back as it was read.
    public static let years = 1000...9999

    public let year: Int
    public let frequency: Frequency
    /// 1 for a year, 1–4 for a quarter, 1–12 for a month.
    public let number: Int

    private init(year: Int, frequency: Frequency, number: Int) {
        self.year = year
        self.frequency = frequency
        self.number = number
    }

    public static func year(_ year: Int) -> TimePeriod? {
        years.contains(year) ? TimePeriod(year: year, frequency: .annual, number: 1) : nil
    }

    public static func quarter(_ quarter: Int, of year: Int) -> TimePeriod? {
        years.contains(year) && (1...4).contains(quarter) ? TimePeriod(year: year, frequency: .quarterly, number: quarter) : nil
    }

    public static func month(_ month: Int, of year: Int) -> TimePeriod? {
        years.contains(year) && (1...12).contains(month) ? TimePeriod(year: year, frequency: .monthly, number: month) : nil
    }

    /// Reads `2025`, `2025-Q1` and `2025-03`, and also SDMX's reporting-period spellings
    /// `2025-A1` and `2025-M03`, which mean the same year and month. Lower-case letters are accepted.
    public init(parsing text: String) throws(TimePeriodError) {
        self = try Self.parse(Array(text.unicodeScalars))
    }

    /// The first month of the period, 1–12.
    public var firstMonth: Int { (number - 1) * frequency.monthCount + 1 }

    /// The months the period spans, in order: three for a quarter, twelve for a year.
    public var months: [TimePeriod] {
        (firstMonth..<firstMonth + frequency.monthCount).map { TimePeriod(year: year, frequency: .monthly, number: $0) }
    }

    /// The quarter a month or quarter falls in; nil for a year, which spans four.
    public var quarter: TimePeriod? {
        frequency == .annual ? nil : TimePeriod(year: year, frequency: .quarterly, number: (firstMonth - 1) / 3 + 1)
    }

    /// Whether every month of `other` lies within this period.
    public func contains(_ other: TimePeriod) -> Bool {
        year == other.year && firstMonth <= other.firstMonth
            && other.firstMonth + other.frequency.monthCount <= firstMonth + frequency.monthCount
    }

    public var description: String {
        switch frequency {
        case .annual: "\(year)"
        case .quarterly: "\(year)-Q\(number)"
        case .monthly: number < 10 ? "\(year)-0\(number)" : "\(year)-\(number)"
        }
    }

    /// Chronological by first month; a longer period before the shorter ones it starts with
    /// (`2025`, `2025-Q1`, `2025-01`, `2025-02`, …), so a sorted table reads top-down.
    public static func < (lhs: TimePeriod, rhs: TimePeriod) -> Bool {
        (lhs.year, lhs.firstMonth, -lhs.frequency.monthCount) < (rhs.year, rhs.firstMonth, -rhs.frequency.monthCount)
    }

    private static func parse(_ scalars: [Unicode.Scalar]) throws(TimePeriodError) -> TimePeriod {
        guard !scalars.isEmpty else { throw .empty }
        guard scalars.count >= 4, scalars.count <= 10, let year = digits(scalars[0..<4]), years.contains(year)
        else { throw .malformed }
        guard scalars.count > 4 else { return TimePeriod(year: year, frequency: .annual, number: 1) }
        guard scalars[4] == "-", scalars.count > 5 else { throw .malformed }
        let rest = scalars[5...]
        if digits(rest) != nil || rest.contains("-") { return try parseMonth(rest, of: year) }
        let number = rest.dropFirst()
        switch rest.first.map({ Character($0).uppercased() }) ?? "" {
        case "Q":
            guard let quarter = digits(number), number.count == 1 else { throw .malformed }
            guard (1...4).contains(quarter) else { throw .quarterOutOfRange }
            return TimePeriod(year: year, frequency: .quarterly, number: quarter)
        case "M": return try parseMonth(number, of: year)
        case "A" where digits(number) == 1 && number.count == 1: return TimePeriod(year: year, frequency: .annual, number: 1)
        case "S": throw .unsupported("half-years")
        case "T": throw .unsupported("thirds of a year")
        case "W": throw .unsupported("weeks")
        case "D": throw .unsupported("days")
        default: throw .malformed
        }
    }

    /// `03` after `YYYY-` or `YYYY-M`; a day (`03-15`) is refused as unsupported, not as malformed.
    private static func parseMonth(_ scalars: ArraySlice<Unicode.Scalar>, of year: Int) throws(TimePeriodError) -> TimePeriod {
        if scalars.count == 5, scalars.dropFirst(2).first == "-", digits(scalars.prefix(2)) != nil,
           digits(scalars.suffix(2)) != nil {
            throw .unsupported("days")
        }
        guard scalars.count == 2, let month = digits(scalars) else { throw .malformed }
        guard (1...12).contains(month) else { throw .monthOutOfRange }
        return TimePeriod(year: year, frequency: .monthly, number: month)
    }

    /// The value of one to four ASCII digits; nil for anything else, so no sign or space slips in.
    private static func digits(_ scalars: ArraySlice<Unicode.Scalar>) -> Int? {
        guard (1...4).contains(scalars.count) else { return nil }
        var value = 0
        for scalar in scalars {
            guard (48...57).contains(scalar.value) else { return nil }
            value = value * 10 + Int(scalar.value - 48)
        }
        return value
    }
}

extension TimePeriod: Codable {
    /// Stored as its SDMX text, `"2025-Q1"`, the form people and other SDMX tools read.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try TimePeriod(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\": \(error.reason)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Why a text is not a period Cove collects.
public enum TimePeriodError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case malformed
    case quarterOutOfRange
    case monthOutOfRange
    /// A valid SDMX period of a frequency Cove does not collect, e.g. "half-years".
    case unsupported(String)

    /// What is wrong and how to write it instead.
    public var reason: String {
        switch self {
        case .empty: "no period given; write a year (2025), a quarter (2025-Q1) or a month (2025-03)"
        case .malformed: "write a year (2025), a quarter (2025-Q1) or a month with two digits (2025-03)"
        case .quarterOutOfRange: "quarters run from Q1 to Q4"
        case .monthOutOfRange: "months run from 01 to 12"
        case .unsupported(let kind): "\(kind) are not collected; use a year (2025), a quarter (2025-Q1) or a month (2025-03)"
        }
    }

    public var description: String { reason }
}

extension TimePeriod {
    /// The months the period covers, counted from year 0, so periods of any frequency compare:
    /// 2025-Q1 overlaps 2025-03 and lies inside 2025.
    public var monthSpan: ClosedRange<Int> {
        let first = year * 12 + firstMonth - 1
        return first...(first + frequency.monthCount - 1)
    }
}
