import Foundation
import Testing
@testable import CoveCore

/// Sample helplines and helpers shared by the HSDS export and import tests, in a namespace so
/// that nothing clashes with other test files' private helpers.
enum HSDSSample {
    static let knownCountries: Set<String> = ["GB", "KE", "UG", "FR", "DE"]

    private static func hours(_ zone: String, _ text: String, exceptions: [ScheduleException] = []) throws -> OpeningSchedule {
        try OpeningSchedule(timeZoneIdentifier: zone, weekly: WeeklyHoursText.intervals(from: text), exceptions: exceptions)
    }

    /// Hand-built helplines covering what HSDS must carry: split, overnight and channel hours shared by
    /// several addresses, exceptions, several countries, every status and scope, flags on voice and SMS,
    /// names and descriptions in several languages and scripts, one text holding "=".
    /// Names, numbers and addresses are made up.
    static func records(emptyDay: Bool = true) throws -> [DirectoryRecord] {
        let london = "Europe/London"
        let holidays = try [
            ScheduleException.closed(on: LocalDate("2026-12-25"), reason: "Christmas Day"),
            ScheduleException.open(on: LocalDate("2026-12-24"),
                                   hours: [DailyInterval(opens: "10:00", closes: "14:00"),
                                           DailyInterval(opens: "18:00", closes: "20:00")],
                                   reason: "Christmas Eve"),
        ] + (emptyDay ? [ScheduleException.open(on: LocalDate("2026-12-31"), hours: [], reason: "Staff training")] : [])
        let texts = try hours(london, "Sa,Su 10:00-14:00")
        let chat = try hours(london, "Mo-Fr 17:00-22:00; Sa 12:00-14:00,18:00-20:00",
                             exceptions: [ScheduleException.closed(on: LocalDate("2026-01-01"), reason: "New Year's Day")])
        let uk = try DirectoryRecord(
            id: "gb-line", name: "Line One, UK", names: ["cy": "Llinell Un"],
            descriptions: ["cy": "Cymorth am ddim i blant.", "en": ukDescription],
            countries: ["GB"], languages: ["en", "cy"], minimumAge: 5, maximumAge: 18,
            topics: ["bullying", "online-abuse"], timeZone: london,
            schedule: .alwaysOpen(timeZoneIdentifier: london, exceptions: holidays),
            contactPoints: [
                DirectoryContactPoint(channel: .voice, address: "0800 1111", e164: "+448001111", isFree: true,
                                      harmonisation: .nationalShortCode),
                DirectoryContactPoint(channel: .voice, address: "116 111", isFree: true, harmonisation: .europe116111),
                DirectoryContactPoint(channel: .sms, address: "88802", isFree: false, schedule: texts),
                DirectoryContactPoint(channel: .sms, address: "88803", schedule: texts),
                DirectoryContactPoint(channel: .webChat, address: "https://chat.example.org/uk", schedule: chat),
                DirectoryContactPoint(channel: .email, address: "help@example.org"),
                DirectoryContactPoint(channel: .email, address: "letters@example.org"),
            ],
            website: "https://example.org",
            verification: Verification(sourceURL: "https://example.org/about", sourceSeen: "Updated 3 March 2026",
                                       verifiedOn: LocalDate("2026-03-05"), verifiedBy: "Ada"))
        let kenya = try DirectoryRecord(
            id: "ke-line", name: "Kenya Line", names: ["sw": "Simu ya Watoto", "ar": "خط الأطفال"],
            descriptions: ["en": "Counsellors answer in Kiswahili and English.", "ar": arabicDescription],
            countries: ["KE", "UG"], scope: .regional, status: .temporarilyClosed,
            languages: ["sw", "en"], timeZone: "Africa/Nairobi",
            schedule: hours("Africa/Nairobi", "Mo-Fr 08:00-20:00; Sa 09:00-13:00"),
            contactPoints: [DirectoryContactPoint(channel: .voice, address: "116", isFree: true, harmonisation: .regional),
                            DirectoryContactPoint(channel: .whatsApp, address: "+254 700 000116"),
                            DirectoryContactPoint(channel: .app, address: "https://app.example.ke")],
            verification: Verification(verifiedOn: LocalDate("2025-11-29"), verifiedBy: "Child Helpline Kenya team"))
        let night = try DirectoryRecord(
            id: "fr-night", name: "Écoute Nuit", descriptions: ["en": "Night listening.", "fr": frenchDescription],
            countries: ["FR", "DE"], scope: .international, status: .defunct,
            languages: ["fr-CA"], minimumAge: 12, maximumAge: 25, timeZone: "Europe/Paris",
            schedule: hours("Europe/Paris", "Fr 22:00-06:00; Sa 22:00-00:00; Su 00:00-24:00"),
            contactPoints: [DirectoryContactPoint(channel: .webChat, address: "https://chat.example.fr")])
        // Nothing but what the plain CSV requires; it also requires a country, so HSDS does too.
        let bare = DirectoryRecord(id: "de-line", name: "Bare Line", countries: ["DE"], timeZone: "Europe/Berlin",
                                   contactPoints: [])
        return [uk, kenya, night, bare]
    }

    /// Descriptions the export must choose for HSDS's own `description`: the UK line's first language,
    /// the Kenyan line's first by tag (it has none in Kiswahili), the French line's by primary subtag.
    static let ukDescription = "Free, confidential help for anyone under 19."
    static let arabicDescription = "مساعدة مجانية وسرية للأطفال."
    static let frenchDescription = "Écoute gratuite = anonyme, la nuit."

    static func imported(_ data: Data) -> Result<[DirectoryRecord], DirectoryImportErrors> {
        DirectoryHSDS.records(from: data, knownCountries: knownCountries)
    }

    static func importErrors(_ data: Data) -> [DirectoryImportError] {
        if case .failure(let failure) = imported(data) { failure.errors } else { [] }
    }

    /// "line path" for each error, so a list of them compares in one expectation.
    static func places(_ errors: [DirectoryImportError]) -> [String] {
        errors.map { "\($0.line) \($0.field ?? "-")" }
    }

    static func document(_ data: Data) throws -> HSDSValue {
        try JSONDecoder().decode(HSDSValue.self, from: data)
    }

    static func encoded(_ value: HSDSValue) throws -> Data {
        try JSONEncoder().encode(value)
    }

    /// A page of the sample services with `edit` applied to the service at `index`.
    static func page(editing index: Int = 0, _ edit: (inout HSDSValue) throws -> Void) throws -> Data {
        var services = try records().map(DirectoryHSDS.service(for:))
        try edit(&services[index])
        return try encoded(.fields(["contents": .array(services)]))
    }

    /// The index in `attributes` of the Cove attribute with `code`.
    static func attribute(_ code: String, in object: HSDSValue) throws -> Int {
        let attributes = try #require(object[path: "attributes"]?.arrayValue)
        return try #require(attributes.firstIndex { $0[path: "taxonomy_term.code"]?.stringValue == code })
    }

    /// The values of the Cove attributes with `code`, in file order.
    static func values(_ code: String, in object: HSDSValue) -> [HSDSValue] {
        (object[path: "attributes"]?.arrayValue ?? [])
            .filter { $0[path: "taxonomy_term.taxonomy"] == "urn:cove:directory" && $0[path: "taxonomy_term.code"] == .string(code) }
            .compactMap { $0[path: "value"] }
    }
}

extension HSDSValue {
    /// The value at a dotted path such as "phones.0.number"; setting nil removes it.
    subscript(path path: String) -> HSDSValue? {
        get {
            path.split(separator: ".").reduce(Optional(self)) { value, step in
                guard let index = Int(step) else { return value?.objectValue?[String(step)] }
                return value?.arrayValue.flatMap { $0.indices.contains(index) ? $0[index] : nil }
            }
        }
        set { set(path.split(separator: ".").map(String.init)[...], to: newValue) }
    }

    private mutating func set(_ steps: ArraySlice<String>, to newValue: HSDSValue?) {
        guard let step = steps.first else {
            self = newValue ?? .null
            return
        }
        switch self {
        case .object(var fields):
            if steps.count == 1, newValue == nil { fields[step] = nil } else {
                var child = fields[step] ?? .null
                child.set(steps.dropFirst(), to: newValue)
                fields[step] = child
            }
            self = .object(fields)
        case .array(var items):
            let index = Int(step)!
            if steps.count == 1, newValue == nil {
                items.remove(at: index)
            } else {
                items[index].set(steps.dropFirst(), to: newValue)
            }
            self = .array(items)
        default:
            break
        }
    }

    /// Every value of an "id" key, outside the taxonomy terms shared between services.
    var identifiers: [String] {
        switch self {
        case .object(let fields):
            let own = fields["id"]?.stringValue.map { [$0] } ?? []
            return own + fields.filter { $0.key != "taxonomy_term" }.values.flatMap(\.identifiers)
        case .array(let items): return items.flatMap(\.identifiers)
        default: return []
        }
    }
}

