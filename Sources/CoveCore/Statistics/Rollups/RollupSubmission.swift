import Foundation

/// Turns the rollup cells of a helpline that works in Cove into a submission file for one country
/// and quarter, in the CSV template, so figures counted from contacts take the same road as any
/// uploaded file: validated, sent, approved by the regional office, protected, published.
///
/// HELPLINE_CONTACTS gets the total by contact type, one-way breakdowns by online mark, age band,
/// gender and channel, and contacts per category and subcategory. Cells count a contact once per
/// distinct subcategory, so a category's own total is not derived here: adding its subcategories
/// would count a contact with two of them twice.
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

    /// HELPLINE_CONTACTS for `country` and `quarter` from the contact cells of its months.
    public static func contactsFile(country: String, quarter: TimePeriod, cells: [ContactRollup.Key: Int]) -> String {
        let months = months(of: quarter) ?? []
        let inQuarter = cells.filter { months.contains($0.key.month) }
        let base = inQuarter.filter { $0.key.category == ContactRollup.allCategories }
        var rows: [[String]: Int] = [:]
        func add(_ codes: [String: String], _ count: Int) {
            let dimensions = ["CONTACT_TYPE", "CATEGORY", "SUBCATEGORY", "ONLINE", "AGE_BAND", "GENDER", "CHANNEL"]
            rows[dimensions.map { codes[$0] ?? total }, default: 0] += count
        }
        for (key, count) in base {
            add([:], count)
            add(["CONTACT_TYPE": key.contactType], count)
            add(["ONLINE": key.online ? "Y" : "N"], count)
            add(["AGE_BAND": key.ageBand], count)
            add(["GENDER": key.gender], count)
            add(["CHANNEL": channels.contains(key.channel) ? key.channel : ContactChannel.other.rawValue], count)
        }
        for (key, count) in inQuarter where key.category != ContactRollup.allCategories && key.subcategory != ContactRollup.none {
            add(["CATEGORY": key.category, "SUBCATEGORY": key.subcategory], count)
        }
        return file(header: ["CONTACT_TYPE", "CATEGORY", "SUBCATEGORY", "ONLINE", "AGE_BAND", "GENDER", "CHANNEL"],
                    country: country, quarter: quarter, rows: rows.map { ($0.key, Double($0.value)) })
    }

    /// HELPLINE_OPERATIONS for `country` and `quarter`: offered, answered and wait per channel and in all.
    public static func operationsFile(country: String, quarter: TimePeriod, figures: [Operations]) -> String {
        let months = months(of: quarter) ?? []
        var rows: [[String]: Double] = [:]
        for figure in figures where months.contains(figure.month) {
            let channel = channels.contains(figure.channel) ? figure.channel : ContactChannel.other.rawValue
            for code in [channel, total] {
                rows[[code, "OFFERED"], default: 0] += Double(figure.offered)
                rows[[code, "ANSWERED"], default: 0] += Double(figure.answered)
                rows[[code, "WAIT_SECONDS"], default: 0] += figure.waitSeconds.rounded()
            }
        }
        return file(header: ["CHANNEL", "MEASURE"], country: country, quarter: quarter, rows: rows.map { ($0.key, $0.value) })
    }

    private static func file(header: [String], country: String, quarter: TimePeriod, rows: [([String], Double)]) -> String {
        var text = CSVTable.line(["FREQ", "REF_AREA"] + header + ["TIME_PERIOD", "OBS_VALUE"])
        for (codes, value) in rows.sorted(by: { $0.0.lexicographicallyPrecedes($1.0) }) {
            text += CSVTable.line(["Q", country] + codes + [quarter.description, SDMXCSVWriter.numberText(value)])
        }
        return text
    }
}
