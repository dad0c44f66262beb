import Foundation

/// Reads one helpline from named text fields: a row of the plain CSV, or the admin page's form,
/// which uses the same names and syntax. Each bad field adds a problem naming it; `record()` returns
/// nil when there is any.
public struct DirectoryFields {
    public private(set) var problems: [DirectoryImportError] = []
    private let values: [String: String]
    private let line: Int
    private let knownCountries: Set<String>

    public init(values: [String: String], line: Int, knownCountries: Set<String>) {
        self.values = values.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        self.line = line
        self.knownCountries = knownCountries
    }

    public mutating func record() -> DirectoryRecord? {
        let id = slug()
        let name = required("name").flatMap { plainText($0, field: "name") }
        let names = languageTexts("names"), descriptions = languageTexts("descriptions")
        let countries = countryCodes()
        let scope = choice("scope", default: HelplineListing.Scope.national)
        let status = choice("status", default: HelplineListing.Status.active)
        let languages = list("languages").filter { isLanguageTag($0, field: "languages") }
        let minimumAge = age("min_age"), maximumAge = age("max_age")
        if let minimumAge, let maximumAge, minimumAge > maximumAge {
            problem("max_age", "\(maximumAge) is below min_age \(minimumAge)")
        }
        let topics = list("topics").filter { isCode($0, field: "topics") }
        let timeZone = zone()
        // Holidays and closures concern the whole helpline, so every schedule in the row gets them.
        let exceptions = exceptions()
        let schedule = hours(values["opening_hours", default: ""], field: "opening_hours", zone: timeZone,
                             exceptions: exceptions)
        let contactPoints = self.contactPoints(zone: timeZone, exceptions: exceptions)
        let website = url("website")
        let verification = Verification(
            sourceURL: url("source_url"), sourceSeen: optional("source_seen").flatMap { plainText($0, field: "source_seen") }, verifiedOn: date("verified_on"),
            verifiedBy: verifier())
        guard problems.isEmpty, let id, let name, let scope, let status, let timeZone else { return nil }
        return DirectoryRecord(
            id: id, name: name, names: names, descriptions: descriptions, countries: countries, scope: scope, status: status, languages: languages,
            minimumAge: minimumAge, maximumAge: maximumAge, topics: topics, timeZone: timeZone, schedule: schedule,
            contactPoints: contactPoints, website: website, verification: verification)
    }

    // MARK: - Fields

    private mutating func slug() -> String? {
        guard let id = required("id") else { return nil }
        guard id.count <= 64, id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            problem("id", "\"\(id)\" is not a slug: use at most 64 lower-case letters, digits and hyphens, such as gb-childline")
            return nil
        }
        return id
    }

    private mutating func countryCodes() -> [String] {
        let codes = list("country").map { $0.uppercased() }
        if codes.isEmpty { problem("country", "required; give one or more ISO 3166-1 alpha-2 codes separated by ;") }
        for code in codes where !Self.isCountryOrSubdivision(code, known: knownCountries) {
            problem("country", "\"\(code)\" is not a known ISO 3166-1 alpha-2 country code, nor an ISO 3166-2 code such as AR-R")
        }
        return codes
    }

    /// "KE", or an ISO 3166-2 subdivision of a known country: its code, a hyphen and one to three
    /// letters or digits ("AR-R", "GB-SCT"). Whether the subdivision exists is not checked here.
    static func isCountryOrSubdivision(_ code: String, known: Set<String>) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard known.contains(String(parts[0])) else { return false }
        return parts.count == 1
            || (parts.count == 2 && (1...3).contains(parts[1].count) && parts[1].allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) })
    }

    private mutating func zone() -> String? {
        guard let zone = required("time_zone") else { return nil }
        guard OpeningSchedule.isIANATimeZone(zone) else {
            problem("time_zone", ScheduleError.unknownTimeZone(zone).description)
            return nil
        }
        return zone
    }

    /// nil for a blank field (hours unknown) and after a problem, which is recorded.
    mutating func hours(_ text: String, field: String, zone: String?, exceptions: [ScheduleException] = []) -> OpeningSchedule? {
        guard !text.isEmpty else { return nil }
        do {
            let weekly = try WeeklyHoursText.intervals(from: text)
            // A bad zone is reported on its own field.
            guard let zone else { return nil }
            return try OpeningSchedule(timeZoneIdentifier: zone, weekly: weekly, exceptions: exceptions)
        } catch let error as ScheduleError {
            // Only exceptions can make a schedule from valid hours fail (two on one day).
            problem("exceptions", error.description)
            return nil
        } catch {
            problem(field, "\(error)")
            return nil
        }
    }

    private mutating func exceptions() -> [ScheduleException] {
        guard let text = optional("exceptions") else { return [] }
        guard optional("opening_hours") != nil || optional("channel_hours") != nil else {
            problem("exceptions", "exceptions change the opening hours, so give opening_hours or channel_hours too")
            return []
        }
        do {
            let exceptions = try ScheduleExceptionText.exceptions(from: text)
            // Two years of public holidays is some thirty; far more is a mistake or an attack.
            guard exceptions.count <= Self.maximumExceptions else {
                problem("exceptions", "\(exceptions.count) exceptions; at most \(Self.maximumExceptions) are kept, so drop past ones")
                return []
            }
            return exceptions
        } catch {
            problem("exceptions", error.description)
            return []
        }
    }

    static let maximumExceptions = 400

    /// Text a spreadsheet would run as a formula when someone opens the export ("=HYPERLINK(…)")
    /// is refused where it is typed, so every export opens safely and imports unchanged.
    mutating func plainText(_ text: String, field: String) -> String? {
        guard let first = text.first, "=+@".contains(first) else { return text }
        problem(field, "\"\(text.prefix(20))\" starts with \(first), which spreadsheets run as a formula; rephrase it")
        return nil
    }

    /// The directory is public, so who verified a helpline is a team or an organisation, never a
    /// person's email address.
    private mutating func verifier() -> String? {
        guard let text = optional("verified_by") else { return nil }
        guard !EmailAddress.isPlausible(text) else {
            problem("verified_by", "name a team or organisation, not an email address: the directory is public")
            return nil
        }
        return text
    }

    private mutating func languageTexts(_ field: String) -> [String: String] {
        guard let text = optional(field) else { return [:] }
        do {
            let texts = try LanguageTexts.texts(from: text)
            guard texts.values.allSatisfy({ plainText($0, field: field) != nil }) else { return [:] }
            for tag in texts.keys where (try? HelpRequest.validLanguage(tag)) == nil {
                problem(field, "\"\(tag)\" is not a BCP 47 language tag, such as fr or pt-BR")
            }
            return texts
        } catch {
            problem(field, error.description)
            return [:]
        }
    }

    private mutating func age(_ field: String) -> Int? {
        guard let text = optional(field) else { return nil }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let age = Int(text), (0...120).contains(age) else {
            problem(field, "\"\(text)\" is not an age in whole years from 0 to 120")
            return nil
        }
        return age
    }

    private mutating func date(_ field: String) -> LocalDate? {
        guard let text = optional(field) else { return nil }
        guard let date = try? LocalDate(text) else {
            problem(field, ScheduleError.invalidDate(text).description)
            return nil
        }
        return date
    }

    mutating func url(_ field: String, _ text: String? = nil) -> String? {
        guard let text = text ?? optional(field) else { return nil }
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            problem(field, "\"\(text)\" is not a web address starting with http:// or https://")
            return nil
        }
        return text
    }

    private mutating func choice<Value: RawRepresentable & CaseIterable>(_ field: String, default fallback: Value) -> Value?
        where Value.RawValue == String {
        guard let text = optional(field) else { return fallback }
        guard let value = Value(rawValue: text) else {
            problem(field, "\"\(text)\" is not one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }

    // MARK: - Helpers

    func optional(_ field: String) -> String? {
        values[field].flatMap { $0.isEmpty ? nil : $0 }
    }

    private mutating func required(_ field: String) -> String? {
        guard let value = optional(field) else {
            problem(field, "required")
            return nil
        }
        return value
    }

    func list(_ field: String) -> [String] {
        values[field, default: ""].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private mutating func isLanguageTag(_ tag: String, field: String) -> Bool {
        guard (try? HelpRequest.validLanguage(tag)) != nil else {
            problem(field, "\"\(tag)\" is not a BCP 47 language tag, such as en or pt-BR")
            return false
        }
        return true
    }

    private mutating func isCode(_ code: String, field: String) -> Bool {
        guard (try? HelpRequest.validTopic(code)) != nil else {
            problem(field, "\"\(code)\" is not a code of letters, digits, hyphens and underscores")
            return false
        }
        return true
    }

    mutating func problem(_ field: String, _ message: String) {
        problems.append(DirectoryImportError(line: line, field: field, message: message))
    }
}
