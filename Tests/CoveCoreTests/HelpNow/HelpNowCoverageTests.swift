import Foundation
import Testing
@testable import CoveCore

/// The committed dialling plan, read from the repo (not the bundle) so these tests also run outside SwiftPM.
private let planURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/CoveCore/Resources/dialling-plan.json")

@Suite("Help now: beyond the national lines")
struct HelpNowCoverageTests {
    /// 20:00 in Nairobi on Wednesday 10 June 2026.
    private let eveningInNairobi = "2026-06-10T20:00:00+03:00"

    private func service(_ id: String, _ scope: HelplineListing.Scope, _ countries: [String], languages: [String] = [],
                         points: [ContactPoint], schedule: OpeningSchedule?) -> HelplineListing {
        HelplineListing(id: id, name: id, countries: countries, scope: scope, languages: languages,
                        contactPoints: points, schedule: schedule)
    }

    @Test func regionalThenInternationalComeAfterTheNationalLines() throws {
        let always = try OpeningSchedule.alwaysOpen(timeZoneIdentifier: "Africa/Nairobi")
        let officeHours = try HelpFixture.daily("Africa/Nairobi", opens: "09:00", closes: "17:00")
        let chat = ContactPoint(channel: .webChat, address: "https://chat.example.org")
        let answer = HelpFixture.answer("KE", language: "sw", at: eveningInNairobi, [
            service("a-intl-closed", .international, ["KE", "NG"], points: [HelpFixture.voice("+1 000")],
                    schedule: officeHours),
            service("world-chat", .international, [], points: [chat], schedule: always),
            service("west-africa", .regional, ["NG", "GH"], points: [HelpFixture.voice("+2 000")], schedule: always),
            service("b-intl-open", .international, ["ke"], points: [HelpFixture.voice("+3 000")], schedule: always),
            service("aa-intl-unknown", .international, ["KE"], points: [HelpFixture.voice("+5 000")], schedule: nil),
            service("east-africa", .regional, ["KE", "TZ", "UG"], points: [HelpFixture.voice("+4 000")], schedule: always),
            try HelpFixture.kenya(),
        ])
        #expect(answer.summary == ["ke-line:national-open-language-match", "east-africa:regional",
                                   "b-intl-open:international", "world-chat:international",
                                   "aa-intl-unknown:international", "a-intl-closed:international"])
        #expect(answer.entry("a-intl-closed", .international)?.status
                == .closedNow(nextOpening: HelpFixture.time("2026-06-11T09:00:00+03:00")))
    }

    @Test func aRegionalServiceWithOnlyItsChatOpenIsOpenWithTheChat() throws {
        let chat = ContactPoint(channel: .webChat, address: "https://chat.example.org",
                                schedule: try .alwaysOpen(timeZoneIdentifier: "Africa/Nairobi"))
        let phones = HelpFixture.voice("+4 000")
        let answer = HelpFixture.answer("KE", at: eveningInNairobi, [
            service("east-africa", .regional, ["KE", "UG"], points: [phones, chat],
                    schedule: try HelpFixture.daily("Africa/Nairobi", opens: "09:00", closes: "17:00")),
        ])
        #expect(answer.summary == ["east-africa:regional"])
        #expect(answer.entries[0].status == .openNow(until: nil))
        #expect(answer.entries[0].contactPoints == [chat])
    }

    @Test func aServiceWithSeveralOpenChannelsIsOpenUntilTheLastCloses() throws {
        let officeHours = try HelpFixture.daily("Africa/Nairobi", opens: "09:00", closes: "17:00")
        let lateChat = try HelpFixture.daily("Africa/Nairobi", opens: "09:00", closes: "21:00")
        func answer(chat: OpeningSchedule) -> HelpAnswer {
            let points = [HelpFixture.voice("+4 000"), ContactPoint(channel: .sms, address: "+4 001", schedule: chat)]
            return HelpFixture.answer("KE", at: "2026-06-10T12:00:00+03:00", [
                service("east-africa", .regional, ["KE"], points: points, schedule: officeHours),
            ])
        }
        #expect(answer(chat: lateChat).entries[0].status == .openNow(until: HelpFixture.time("2026-06-10T21:00:00+03:00")))
        let roundTheClock = try OpeningSchedule.alwaysOpen(timeZoneIdentifier: "Africa/Nairobi")
        #expect(answer(chat: roundTheClock).entries[0].status == .openNow(until: nil))
    }

    private func eastAfrica() throws -> [HelplineListing] {
        let always = try OpeningSchedule.alwaysOpen(timeZoneIdentifier: "Africa/Kampala")
        let officeHours = try HelpFixture.daily("Africa/Kampala", opens: "09:00", closes: "17:00")
        return [
            try HelpFixture.kenya(),
            HelpFixture.line("ug-line", "UG", ["en", "lg"], always),
            HelpFixture.line("ug-office", "UG", ["en"], officeHours),
            HelpFixture.line("ug-short-code-only", "UG", ["en"], always, harmonised: true),
            HelpFixture.line("tz-line", "TZ", ["sw", "en"], always),
        ]
    }

    @Test func aCountryWithNoHelplineGetsOpenLinesNearbyThenItsEmergencyNumber() throws {
        let answer = HelpFixture.answer("SS", language: "en", at: eveningInNairobi, try eastAfrica(),
                                        emergency: ["999"], nearby: ["UG", "KE", "SS"])
        #expect(!answer.hasNationalHelpline)
        #expect(answer.summary == ["ug-line:nearby-country", "ke-line:nearby-country"])
        // 116 only rings in Kenya; from South Sudan only the WhatsApp number reaches the Kenyan line.
        #expect(answer.entry("ke-line", .nearbyCountry)?.contactPoints.map(\.channel) == [.whatsApp])
        #expect(answer.entries.last == HelpEntry(listingID: nil, name: nil,
                                                 contactPoints: [ContactPoint(channel: .voice, address: "999")],
                                                 status: .openNow(until: nil), reason: .emergency))
        #expect(answer.emergencyNumbers == ["999"])
    }

    @Test func theChildsLanguageOutranksTheNeighboursOrder() throws {
        let answer = HelpFixture.answer("SS", language: "sw", at: eveningInNairobi, try eastAfrica(), nearby: ["UG", "KE"])
        #expect(answer.summary == ["ke-line:nearby-country", "ug-line:nearby-country"])
    }

    @Test func aCountryWithAHelplineGetsNoNeighbours() throws {
        let answer = HelpFixture.answer("UG", at: eveningInNairobi, try eastAfrica(), nearby: ["KE", "TZ"])
        #expect(answer.hasNationalHelpline)
        #expect(!answer.entries.contains { $0.reason == .nearbyCountry })
        // At home the short code works, and a harmonised number is the one children know.
        #expect(answer.summary == ["ug-short-code-only:national-open", "ug-line:national-open", "ug-office:national-closed"])
    }

    @Test func aTemporarilyClosedHelplineIsShownButTheNeighboursAreOfferedToo() throws {
        let paused = HelpFixture.line("ss-paused", "SS", ["en"], try .alwaysOpen(timeZoneIdentifier: "Africa/Juba"),
                                      status: .temporarilyClosed)
        let answer = HelpFixture.answer("SS", language: "en", at: eveningInNairobi, [paused] + (try eastAfrica()),
                                        nearby: ["UG"])
        #expect(!answer.hasNationalHelpline)
        #expect(answer.summary == ["ss-paused:national-closed", "ug-line:nearby-country"])
        #expect(answer.entries[0].status == .closedNow(nextOpening: nil))
    }

    @Test func theEmergencyEntryHoldsOnlyTheCountrysOwnNumbers() throws {
        let plan = try DiallingPlan(json: Data(contentsOf: planURL))
        let british = plan.emergencyNumbers(for: "GB")
        #expect(british == ["112", "999"])
        let irish = HelplineListing(
            id: "ie-line", name: "Irish Line", countries: ["IE"], scope: .national, languages: ["en", "ga"],
            contactPoints: [HelpFixture.voice("116111", harmonised: true),
                            ContactPoint(channel: .webChat, address: "https://chat.example.ie")],
            schedule: try .alwaysOpen(timeZoneIdentifier: "Europe/Dublin"))
        let answer = HelpFixture.answer("GB", language: "en", at: "2026-06-10T20:00:00+01:00",
                                        [irish, try HelpFixture.france()], emergency: british, nearby: ["IE", "FR"])
        #expect(answer.emergencyNumbers == british)
        let emergency = answer.entries.filter { $0.reason == .emergency }
        #expect(emergency.count == 1)
        #expect(emergency.first?.contactPoints.map(\.address) == british)
        #expect(answer.entries.last?.reason == .emergency)
        let foreign = Set(plan.regions.flatMap(plan.emergencyNumbers(for:))).subtracting(british)
        let offered = answer.entries.flatMap(\.contactPoints).map(\.address)
        #expect(offered.filter(foreign.contains).isEmpty, "another country's emergency number is offered")
    }

    @Test func unknownEmergencyNumbersLeaveNoEntryAndRepeatsAreDropped() throws {
        let none = HelpFixture.answer("GA", at: eveningInNairobi, [], emergency: [])
        #expect(none.entries.isEmpty)
        #expect(none.emergencyNumbers.isEmpty)
        let repeated = HelpFixture.answer("KE", at: eveningInNairobi, [], emergency: ["999", "112", "999"])
        #expect(repeated.emergencyNumbers == ["999", "112"])
        #expect(repeated.entries.map(\.contactPoints.count) == [2])
    }

    @Test func reasonCodesAreStable() {
        #expect(HelpReason.allCases.map(\.code) == [
            "national-open-language-match", "national-open", "national-hours-unknown", "national-closed",
            "other-channel-open", "regional", "international", "nearby-country", "emergency",
        ])
    }
}
