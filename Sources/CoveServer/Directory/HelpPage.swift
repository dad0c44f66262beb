import CoveCore
import Vapor

/// The help page's content with every word already in the child's language and every time on
/// the helpline's clock, so the template only lays it out.
struct HelpPage: Encodable, Sendable {
    var country: String
    var countryName: String
    var heading: String
    var hasNationalHelpline: Bool
    var entries: [Entry]
    var emergency: Entry?

    struct Entry: Encodable, Sendable {
        var reason: String
        var reasonText: String
        var name: String
        var description: String?
        var status: String
        var statusText: String
        var contacts: [Contact]
        var staleText: String?
    }

    struct Contact: Encodable, Sendable {
        var label: String
        var address: String
        var href: String?
        var free: Bool
    }

    init(_ result: HelpService.Result, request req: Request) {
        country = result.request.country
        countryName = req.countryName(country)
        heading = req.t("help.country_heading", ["country": countryName])
        hasNationalHelpline = result.answer.hasNationalHelpline
        let all = result.answer.entries.map { entry in
            Self.entry(entry, record: entry.listingID.flatMap { result.recordsByID[$0] }, request: req)
        }
        entries = all.filter { $0.reason != HelpReason.emergency.code }
        emergency = all.first { $0.reason == HelpReason.emergency.code }
    }

    private static func entry(_ entry: HelpEntry, record: DirectoryRecord?, request req: Request) -> Entry {
        let zone = record.flatMap { TimeZone(identifier: $0.timeZone) } ?? TimeZone(identifier: "UTC")!
        // A line in another country keeps another clock: its times then say whose.
        let (status, statusText) = Self.status(entry.status, zone: zone, namingZone: !entry.reason.isNational, request: req)
        let stale = record.map { record -> String? in
            guard record.verification.isStale(asOf: req.now) else { return nil }
            return record.verification.verifiedOn.map { req.t("help.stale_since", ["date": Self.day($0, request: req)]) }
                ?? req.t("help.never_verified")
        } ?? nil
        return Entry(
            reason: entry.reason.code, reasonText: req.t("help.reason.\(entry.reason.code)"),
            name: record?.name(in: req.language.rawValue) ?? entry.name ?? req.t("help.emergency_name"),
            description: record?.description(in: req.language.rawValue), status: status, statusText: statusText,
            contacts: entry.contactPoints.map { point in
                Contact(label: req.t("help.channel.\(point.channel.rawValue)", ["address": point.address]),
                        address: point.address, href: point.link, free: point.isFree == true)
            },
            staleText: stale)
    }

    private static func status(_ status: HelpEntry.Status, zone: TimeZone, namingZone: Bool,
                               request req: Request) -> (String, String) {
        switch status {
        case .openNow(let until?):
            return ("open", req.t("help.open_until", ["time": Self.clock(until, zone: zone, naming: namingZone, request: req)]))
        case .openNow(nil):
            return ("open", req.t("help.open_now"))
        case .closedNow(let next?):
            return ("closed", req.t("help.closed_opens", ["time": Self.clock(next, zone: zone, naming: namingZone, request: req)]))
        case .closedNow(nil):
            return ("closed", req.t("help.closed"))
        case .hoursUnknown:
            return ("unknown", req.t("help.hours_unknown"))
        }
    }

    /// "Monday 09:00" on the helpline's clock, in the page's language; the weekday is left out today.
    private static func clock(_ date: Date, zone: TimeZone, naming: Bool, request req: Request) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var style = Date.FormatStyle(date: .omitted, time: .shortened, locale: Locale(identifier: req.language.rawValue),
                                     calendar: calendar, timeZone: zone)
        if !calendar.isDate(date, inSameDayAs: req.now) { style = style.weekday(.wide) }
        if naming { style = style.timeZone(.genericLocation) }
        return date.formatted(style)
    }

    /// A verification date as the page's language writes dates ("18 September 2024").
    private static func day(_ date: LocalDate, request req: Request) -> String {
        date.startOfDayUTC.formatted(Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: req.language.rawValue),
                                                      timeZone: TimeZone(identifier: "UTC")!))
    }
}
