import Foundation
@testable import CoveCore

/// Helplines with real schedules in real zones. Names and numbers are made up (apart from
/// harmonised short codes), so nobody mistakes a fixture for directory data.
enum HelpFixture {
    /// An instant written in ISO 8601 with its offset, so each test shows the wall clock it means.
    static func time(_ text: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: text) else { preconditionFailure("not ISO 8601: \(text)") }
        return date
    }

    static func daily(_ zone: String, opens: String, closes: String, on days: [Weekday] = Weekday.allCases,
                      exceptions: [ScheduleException] = []) throws -> OpeningSchedule {
        try OpeningSchedule(timeZoneIdentifier: zone, weekly: WeeklyInterval.every(days, opens: opens, closes: closes),
                            exceptions: exceptions)
    }

    static func voice(_ number: String, free: Bool? = nil, harmonised: Bool = false,
                      schedule: OpeningSchedule? = nil) -> ContactPoint {
        ContactPoint(channel: .voice, address: number, isFree: free, isHarmonised: harmonised, schedule: schedule)
    }

    /// A national helpline with a single voice line, for ordering tests that need many of them.
    static func line(_ id: String, _ country: String, _ languages: [String], _ schedule: OpeningSchedule?,
                     status: HelplineListing.Status = .active, free: Bool? = nil, harmonised: Bool = false,
                     topics: [String] = [], ages: ClosedRange<Int>? = nil) -> HelplineListing {
        HelplineListing(id: id, name: id, countries: [country], scope: .national, status: status, languages: languages,
                        minimumAge: ages?.lowerBound, maximumAge: ages?.upperBound, topics: topics,
                        contactPoints: [voice("+00 \(id)", free: free, harmonised: harmonised)], schedule: schedule)
    }

    /// Kenya: round the clock in Africa/Nairobi, on harmonised 116 and a WhatsApp number.
    static func kenya() throws -> HelplineListing {
        HelplineListing(
            id: "ke-line", name: "Kenya Line", countries: ["KE"], scope: .national, languages: ["sw", "en"],
            contactPoints: [voice("116", free: true, harmonised: true),
                            ContactPoint(channel: .whatsApp, address: "+254 700 000 116")],
            schedule: try .alwaysOpen(timeZoneIdentifier: "Africa/Nairobi"))
    }

    /// France: phones 10:00–22:00 Europe/Paris, shut on 14 July; web chat 17:00–20:00 every day, holidays included.
    static func france() throws -> HelplineListing {
        let bastilleDay = try ScheduleException.closed(on: LocalDate("2026-07-14"), reason: "Fête nationale")
        let chat = ContactPoint(channel: .webChat, address: "https://chat.example.fr", isFree: true,
                                schedule: try daily("Europe/Paris", opens: "17:00", closes: "20:00"))
        return HelplineListing(
            id: "fr-line", name: "Écoute Ados", countries: ["FR"], scope: .national, languages: ["fr"],
            contactPoints: [voice("+33 1 00 00 00 00"), chat],
            schedule: try daily("Europe/Paris", opens: "10:00", closes: "22:00", exceptions: [bastilleDay]))
    }

    /// Japan: 16:00–21:00 Asia/Tokyo.
    static func japan() throws -> HelplineListing {
        HelplineListing(
            id: "jp-line", name: "Kodomo Line", countries: ["JP"], scope: .national, languages: ["ja"],
            contactPoints: [voice("+81 3 0000 0000", free: true)],
            schedule: try daily("Asia/Tokyo", opens: "16:00", closes: "21:00"))
    }

    static func answer(_ country: String, language: String? = nil, age: Int? = nil, topic: String? = nil, at: String,
                       _ listings: [HelplineListing], emergency: [String] = ["112"], nearby: [String] = []) -> HelpAnswer {
        let request = HelpRequest(country: country, language: language, age: age, topic: topic, at: time(at))
        return HelpNow.answer(for: request, listings: listings, emergencyNumbers: emergency, nearby: nearby)
    }
}

extension HelpAnswer {
    /// Entries other than emergency, as "id:reason", the shape most expectations compare.
    var summary: [String] {
        entries.filter { $0.reason != .emergency }.map { "\($0.listingID ?? "-"):\($0.reason.code)" }
    }

    func entry(_ id: String, _ reason: HelpReason) -> HelpEntry? {
        entries.first { $0.listingID == id && $0.reason == reason }
    }
}
