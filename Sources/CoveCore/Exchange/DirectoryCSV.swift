import Foundation

/// The whole directory as one plain CSV, one helpline per row: what a regional officer opens in a
/// spreadsheet, and the form Cove's seed data ships in.
///
/// Lists inside a field are separated by `;`. One voice number per row, described by the `voice_*`
/// columns; other channels may list several addresses. `opening_hours` and `channel_hours` use
/// `WeeklyHoursText`; `channel_hours` holds `channel=hours` pairs separated by ` | `; `exceptions`
/// (holidays, closures) uses `ScheduleExceptionText` and applies to `opening_hours`. `names` and
/// `descriptions` hold `language=text` pairs separated by ` | `.
public enum DirectoryCSV {
    public static let columns = [
        "id", "country", "name", "names", "descriptions", "scope", "status", "languages", "min_age", "max_age", "topics",
        "time_zone", "opening_hours", "exceptions", "channel_hours", "voice", "voice_e164", "voice_free", "voice_harmonised",
        "sms", "web_chat", "whatsapp", "email", "app", "website",
        "source_url", "source_seen", "verified_on", "verified_by",
    ]
    static let required: Set<String> = ["id", "country", "name", "time_zone"]
    /// Channels written as plain address lists; voice has columns of its own.
    static let listedChannels: [(column: String, channel: ContactPoint.Channel)] = [
        ("sms", .sms), ("web_chat", .webChat), ("whatsapp", .whatsApp), ("email", .email), ("app", .app),
    ]

    /// Reads every row, collecting every problem rather than stopping at the first, so one round of
    /// fixes is enough. Returns records only when there is no problem at all.
    public static func records(from text: String, knownCountries: Set<String>) -> Result<[DirectoryRecord], DirectoryImportErrors> {
        let table: CSVTable
        do {
            table = try CSVTable(parsing: text)
        } catch {
            return .failure(DirectoryImportErrors([DirectoryImportError(line: error.line, field: nil, message: error.reason)]))
        }
        var problems = headerProblems(table.header)
        guard problems.isEmpty else { return .failure(DirectoryImportErrors(problems)) }
        var records: [DirectoryRecord] = []
        var seen: [String: Int] = [:]
        for row in table.records {
            let values = Dictionary(uniqueKeysWithValues: zip(table.header, row.fields))
            var reader = DirectoryFields(values: values, line: row.line, knownCountries: knownCountries)
            let record = reader.record()
            problems += reader.problems
            guard let record else { continue }
            if let first = seen[record.id] {
                problems.append(.init(line: row.line, field: "id", message: "\"\(record.id)\" is already used on line \(first)"))
            }
            seen[record.id] = seen[record.id] ?? row.line
            records.append(record)
        }
        return problems.isEmpty ? .success(records) : .failure(DirectoryImportErrors(problems))
    }

    static func headerProblems(_ header: [String]) -> [DirectoryImportError] {
        var problems: [DirectoryImportError] = []
        for name in header where !columns.contains(name) {
            problems.append(.init(line: 1, field: name, message: "unknown column; the columns are \(columns.joined(separator: ", "))"))
        }
        for name in columns where required.contains(name) && !header.contains(name) {
            problems.append(.init(line: 1, field: name, message: "required column missing from the header"))
        }
        var seen = Set<String>()
        for name in header where !seen.insert(name).inserted {
            problems.append(.init(line: 1, field: name, message: "column appears twice"))
        }
        return problems
    }

    /// The directory as CSV text, rows in the order given, every column present.
    public static func text(for records: [DirectoryRecord]) -> String {
        CSVTable.line(columns) + records.map { CSVTable.line(fields(of: $0)) }.joined()
    }

    public static func fields(of record: DirectoryRecord) -> [String] {
        let voice = record.contactPoints.first { $0.channel == .voice }
        let addresses = { (channel: ContactPoint.Channel) in
            record.contactPoints.filter { $0.channel == channel }.map(\.address).joined(separator: ";")
        }
        // One entry per channel: the import gives every address of a channel the same hours.
        var seen = Set<ContactPoint.Channel>()
        let channelHours = record.contactPoints.compactMap { point -> String? in
            guard let schedule = point.schedule, seen.insert(point.channel).inserted else { return nil }
            return "\(point.channel.rawValue)=\(WeeklyHoursText.text(for: schedule.weekly))"
        }
        let values: [String: String] = [
            "id": record.id, "country": record.countries.joined(separator: ";"), "name": record.name,
            "names": LanguageTexts.text(for: record.names), "descriptions": LanguageTexts.text(for: record.descriptions),
            "scope": record.scope.rawValue, "status": record.status.rawValue,
            "languages": record.languages.joined(separator: ";"),
            "min_age": record.minimumAge.map(String.init) ?? "", "max_age": record.maximumAge.map(String.init) ?? "",
            "topics": record.topics.joined(separator: ";"), "time_zone": record.timeZone,
            "opening_hours": record.schedule.map { WeeklyHoursText.text(for: $0.weekly) } ?? "",
            // The import gives every schedule in a row the same exceptions, so any schedule holds them.
            "exceptions": ScheduleExceptionText.text(for: (record.schedule ?? record.contactPoints.compactMap(\.schedule).first)?.exceptions ?? []),
            "channel_hours": channelHours.joined(separator: " | "),
            "voice": voice?.address ?? "", "voice_e164": voice?.e164 ?? "",
            "voice_free": voice?.isFree.map { $0 ? "yes" : "no" } ?? "",
            "voice_harmonised": voice?.harmonisation?.rawValue ?? "",
            "website": record.website ?? "", "source_url": record.verification.sourceURL ?? "",
            "source_seen": record.verification.sourceSeen ?? "",
            "verified_on": record.verification.verifiedOn?.description ?? "",
            "verified_by": record.verification.verifiedBy ?? "",
        ]
        let listed = Dictionary(uniqueKeysWithValues: listedChannels.map { ($0.column, addresses($0.channel)) })
        return columns.map { values[$0] ?? listed[$0] ?? "" }
    }
}

/// One problem in an import, at a line and, when it concerns one, a column.
public struct DirectoryImportError: Error, Hashable, Sendable, CustomStringConvertible {
    public let line: Int
    public let field: String?
    public let message: String

    public init(line: Int, field: String?, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        field.map { "line \(line), \($0): \(message)" } ?? "line \(line): \(message)"
    }
}

/// Every problem found in one import; nothing from it is stored while there is one.
public struct DirectoryImportErrors: Error, Hashable, Sendable, CustomStringConvertible {
    public let errors: [DirectoryImportError]

    public init(_ errors: [DirectoryImportError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
