import Foundation

/// Turns the rollup cells of a helpline that works in Cove into a submission file for one country
/// and quarter, in the CSV template, so figures counted from contacts take the same road as any
/// uploaded file: validated, sent, approved by the regional office, protected, published.
///
/// HELPLINE_CONTACTS gets the contact margins: the total and the breakdowns by online mark, age
/// band, gender, channel, category and subcategory, for all contact types and for each, which is
/// what the indicators select.
public enum RollupSubmission {
    /// One month's operations figures for a channel.
    public struct Operations: Sendable, Hashable {
        public var month: String
        public var channel: String
        public var offered: Int
        public var answered: Int
        public var waitSeconds: Double

        public init(month: String, channel: String, offered: Int, answered: Int, waitSeconds: Double) {
            self.month = month
            self.channel = channel
            self.offered = offered
            self.answered = answered
            self.waitSeconds = waitSeconds
        }
    }

    static let total = IndicatorCatalogue.Codelist.total
    static let channels = ContactChannel.allCases.map(\.rawValue)

    /// The months of `quarter` ("2025-Q1") as rollups write them ("2025-01"…); nil for another period.
    public static func months(of quarter: TimePeriod) -> Set<String>? {
        guard quarter.frequency == .quarterly else { return nil }
        return Set(quarter.months.map(\.description))
    }

    /// HELPLINE_CONTACTS for `country` and `quarter` from the contact margins of its months: the
    /// total and every one-way breakdown, each for all contact types and for each type.
    public static func contactsFile(country: String, quarter: TimePeriod, margins: [ContactMargin: Int]) -> String {
        let months = months(of: quarter) ?? []
        let dimensions = ["CONTACT_TYPE", "CATEGORY", "SUBCATEGORY", "ONLINE", "AGE_BAND", "GENDER", "CHANNEL"]
        var rows: [[String]: Int] = [:]
        for (margin, count) in margins where margin.country == country && months.contains(margin.month) {
            let codes = ContactMargin.seriesCodes(contactType: margin.contactType, dimension: margin.dimension,
                                                  code: margin.code)
            rows[dimensions.map { codes[$0] ?? total }, default: 0] += count
        }
        return file(header: dimensions, country: country, quarter: quarter,
                    rows: rows.map { ($0.key, Double($0.value)) })
    }

    /// HELPLINE_OPERATIONS for `country` and `quarter`: offered, answered and wait per channel and in all.
    public static func operationsFile(country: String, quarter: TimePeriod, figures: [Operations]) -> String {
        file(header: ["CHANNEL", "MEASURE"], country: country, quarter: quarter,
             rows: operationsCells(quarter: quarter, figures: figures).map { ($0.key, $0.value) })
    }

    /// The quarter's operations figures by [CHANNEL, MEASURE], the channel also at its total.
    public static func operationsCells(quarter: TimePeriod, figures: [Operations]) -> [[String]: Double] {
        operationsCells(months: months(of: quarter) ?? [], figures: figures)
    }

    /// The operations figures of `months` added up, by [CHANNEL, MEASURE].
    public static func operationsCells(months: Set<String>, figures: [Operations]) -> [[String]: Double] {
        var rows: [[String]: Double] = [:]
        for figure in figures where months.contains(figure.month) {
            for code in [statisticalChannel(figure.channel), total] {
                rows[[code, "OFFERED"], default: 0] += Double(figure.offered)
                rows[[code, "ANSWERED"], default: 0] += Double(figure.answered)
                rows[[code, "WAIT_SECONDS"], default: 0] += figure.waitSeconds.rounded()
            }
        }
        return rows
    }

    /// A channel as the dataflows code it: anything else Cove counts is "other".
    public static func statisticalChannel(_ channel: String) -> String {
        channels.contains(channel) ? channel : ContactChannel.other.rawValue
    }

    private static func file(header: [String], country: String, quarter: TimePeriod, rows: [([String], Double)]) -> String {
        var text = CSVTable.line(["FREQ", "REF_AREA"] + header + ["TIME_PERIOD", "OBS_VALUE"])
        for (codes, value) in rows.sorted(by: { $0.0.lexicographicallyPrecedes($1.0) }) {
            text += CSVTable.line(["Q", country] + codes + [quarter.description, SDMXCSVWriter.numberText(value)])
        }
        return text
    }
}
