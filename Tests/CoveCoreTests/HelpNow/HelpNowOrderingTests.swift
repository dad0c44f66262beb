import Foundation
import Testing
@testable import CoveCore

private func time(_ text: String) -> Date { HelpFixture.time(text) }

@Suite("Help now: national helplines")
struct HelpNowOrderingTests {
    /// Wednesday 10 June 2026, noon in Paris.
    private let noonInParis = "2026-06-10T12:00:00+02:00"

    private func paris(_ opens: String, _ closes: String, on days: [Weekday] = Weekday.allCases) throws -> OpeningSchedule {
        try HelpFixture.daily("Europe/Paris", opens: opens, closes: closes, on: days)
    }

    private func frenchLines() throws -> [HelplineListing] {
        [
            HelpFixture.line("g-paused", "FR", ["fr"], try .alwaysOpen(timeZoneIdentifier: "Europe/Paris"),
                             status: .temporarilyClosed),
            HelpFixture.line("e-weekend", "FR", ["fr"], try paris("10:00", "16:00", on: [.saturday, .sunday])),
            HelpFixture.line("f-unknown", "FR", ["fr"], nil),
            HelpFixture.line("d-evening", "FR", ["fr"], try paris("18:00", "23:00")),
            HelpFixture.line("b-english", "FR", ["en"], try paris("09:00", "18:00")),
            HelpFixture.line("c-daytime", "FR", ["FR-fr"], try paris("10:00", "22:00")),
            HelpFixture.line("a-allday", "FR", ["fr"], try .alwaysOpen(timeZoneIdentifier: "Europe/Paris")),
        ]
    }

    @Test func openInTheChildsLanguageThenOpenThenUnknownThenClosedBySoonestOpening() throws {
        let answer = HelpFixture.answer("FR", language: "fr-CA", at: noonInParis, try frenchLines())
        #expect(answer.summary == [
            "a-allday:national-open-language-match", "c-daytime:national-open-language-match",
            "b-english:national-open", "f-unknown:national-hours-unknown",
            "d-evening:national-closed", "e-weekend:national-closed", "g-paused:national-closed",
        ])
        #expect(answer.entry("a-allday", .nationalOpenLanguageMatch)?.status == .openNow(until: nil))
        #expect(answer.entry("c-daytime", .nationalOpenLanguageMatch)?.status
                == .openNow(until: time("2026-06-10T22:00:00+02:00")))
        #expect(answer.entry("d-evening", .nationalClosed)?.status
                == .closedNow(nextOpening: time("2026-06-10T18:00:00+02:00")))
        #expect(answer.entry("e-weekend", .nationalClosed)?.status
                == .closedNow(nextOpening: time("2026-06-13T10:00:00+02:00")))
        #expect(answer.entry("g-paused", .nationalClosed)?.status == .closedNow(nextOpening: nil))
        #expect(answer.entry("f-unknown", .nationalHoursUnknown)?.status == .hoursUnknown)
        #expect(answer.hasNationalHelpline)
        #expect(answer.entries.last?.reason == .emergency)
    }

    @Test func withoutALanguageNoLineClaimsALanguageMatch() throws {
        let answer = HelpFixture.answer("FR", at: noonInParis, try frenchLines())
        #expect(Array(answer.summary.prefix(3))
                == ["a-allday:national-open", "b-english:national-open", "c-daytime:national-open"])
        #expect(!answer.entries.contains { $0.reason == .nationalOpenLanguageMatch })
    }

    @Test func tiesGoToFreeThenHarmonisedThenName() throws {
        let always = try OpeningSchedule.alwaysOpen(timeZoneIdentifier: "Africa/Nairobi")
        let answer = HelpFixture.answer("KE", at: "2026-06-10T12:00:00+03:00", [
            HelpFixture.line("aardvark", "KE", ["sw"], always),
            HelpFixture.line("alpha", "KE", ["sw"], always, harmonised: true),
            HelpFixture.line("beta", "KE", ["sw"], always, free: true),
            HelpFixture.line("gamma", "KE", ["sw"], always, free: true, harmonised: true),
            HelpFixture.line("Able", "KE", ["sw"], always),
        ])
        #expect(answer.entries.compactMap(\.listingID) == ["gamma", "beta", "alpha", "aardvark", "Able"])
    }

    @Test func aClosedLineSaysWhenItNextOpensOnItsOwnClock() throws {
        // 21:00 in Tokyo: the line has just closed and opens again at 16:00 tomorrow, Tokyo time.
        let closed = HelpFixture.answer("JP", language: "ja", at: "2026-06-10T12:00:00Z", [try HelpFixture.japan()])
        #expect(closed.summary == ["jp-line:national-closed"])
        #expect(closed.entries[0].status == .closedNow(nextOpening: time("2026-06-11T16:00:00+09:00")))

        let open = HelpFixture.answer("JP", language: "ja", at: "2026-06-10T08:00:00Z", [try HelpFixture.japan()])
        #expect(open.summary == ["jp-line:national-open-language-match"])
        #expect(open.entries[0].status == .openNow(until: time("2026-06-10T21:00:00+09:00")))
    }

    @Test func lateAtNightBothChannelsAreClosedAndNothingElseIsOffered() throws {
        let france = try HelpFixture.france()
        let answer = HelpFixture.answer("FR", language: "fr", at: "2026-06-10T23:00:00+02:00", [france])
        #expect(answer.summary == ["fr-line:national-closed"])
        #expect(answer.entries[0].status == .closedNow(nextOpening: time("2026-06-11T10:00:00+02:00")))
        #expect(answer.entries[0].contactPoints == france.contactPoints)
    }

    @Test func theChatStaysOpenWhenThePhonesAreShutForAHoliday() throws {
        let france = try HelpFixture.france()
        let answer = HelpFixture.answer("FR", language: "fr", at: "2026-07-14T18:00:00+02:00", [france])
        #expect(answer.summary == ["fr-line:national-closed", "fr-line:other-channel-open"])
        let phones = try #require(answer.entry("fr-line", .nationalClosed))
        #expect(phones.status == .closedNow(nextOpening: time("2026-07-15T10:00:00+02:00")))
        #expect(phones.contactPoints.map(\.channel) == [.voice])
        let chat = try #require(answer.entry("fr-line", .otherChannelOpen))
        #expect(chat.status == .openNow(until: time("2026-07-14T20:00:00+02:00")))
        #expect(chat.contactPoints.map(\.channel) == [.webChat])
    }

    @Test func anOpenHelplineListsItsOpenChatOnceInItsOwnEntry() throws {
        let answer = HelpFixture.answer("FR", language: "fr", at: "2026-06-10T18:00:00+02:00", [try HelpFixture.france()])
        #expect(answer.summary == ["fr-line:national-open-language-match"])
        #expect(answer.entries[0].contactPoints.map(\.channel) == [.voice, .webChat])
        #expect(answer.entries[0].status == .openNow(until: time("2026-06-10T22:00:00+02:00")))
    }

    @Test func atNoonTheOpenLineListsItsPhonesButNotItsEveningChat() throws {
        let answer = HelpFixture.answer("FR", language: "fr", at: "2026-06-10T12:00:00+02:00", [try HelpFixture.france()])
        #expect(answer.summary == ["fr-line:national-open-language-match"])
        #expect(answer.entries[0].contactPoints.map(\.channel) == [.voice])
    }

    @Test func anEmailAddressIsNoOneToTalkToWhileThePhonesAreShut() throws {
        let phones = HelpFixture.voice("+33 1 00 00 00 01", schedule: try paris("10:00", "22:00"))
        let email = ContactPoint(channel: .email, address: "ecoute@example.fr")
        let listing = HelplineListing(id: "fr-mail", name: "Écrire", countries: ["FR"], scope: .national,
                                      contactPoints: [phones, email],
                                      schedule: try .alwaysOpen(timeZoneIdentifier: "Europe/Paris"))
        let answer = HelpFixture.answer("FR", at: "2026-06-10T23:00:00+02:00", [listing])
        #expect(answer.summary == ["fr-mail:national-closed"])
        #expect(answer.entries[0].contactPoints == [phones, email])
    }

    @Test func aListingWithNothingToDialOrOpenIsNoHelpline() throws {
        let always = try OpeningSchedule.alwaysOpen(timeZoneIdentifier: "Africa/Nairobi")
        let empty = HelplineListing(id: "empty", name: "Empty", countries: ["KE"], scope: .national,
                                    contactPoints: [], schedule: always)
        let answer = HelpFixture.answer("KE", at: "2026-06-10T12:00:00+03:00", [empty])
        #expect(answer.summary.isEmpty)
        #expect(!answer.hasNationalHelpline)
    }

    @Test func defunctListingsAreNeverOffered() throws {
        let always = try OpeningSchedule.alwaysOpen(timeZoneIdentifier: "Africa/Nairobi")
        let gone = HelpFixture.line("gone", "KE", ["sw"], always, status: .defunct)
        let answer = HelpFixture.answer("KE", at: "2026-06-10T12:00:00+03:00", [gone, try HelpFixture.kenya()])
        #expect(answer.summary == ["ke-line:national-open"])

        let onlyGone = HelpFixture.answer("KE", at: "2026-06-10T12:00:00+03:00", [gone])
        #expect(onlyGone.summary.isEmpty)
        #expect(!onlyGone.hasNationalHelpline)
    }

    @Test(arguments: [
        (15, ["any", "teens"]), (8, ["any", "young"]), (19, ["any"]), (13, ["any", "teens"]), (12, ["any", "young"]),
        (nil, ["any", "teens", "young"]),
    ] as [(Int?, [String])])
    func ageRangesThatExcludeTheChildDropTheListing(age: Int?, expected: [String]) throws {
        let always = try OpeningSchedule.alwaysOpen(timeZoneIdentifier: "Africa/Nairobi")
        let answer = HelpFixture.answer("KE", age: age, at: "2026-06-10T12:00:00+03:00", [
            HelpFixture.line("teens", "KE", [], always, ages: 13...17),
            HelpFixture.line("young", "KE", [], always, ages: 0...12),
            HelpFixture.line("any", "KE", [], always),
        ])
        #expect(answer.entries.compactMap(\.listingID) == expected)
    }

    @Test func aTopicMovesMatchingLinesUpWithinTheirGroupAndHidesNothing() throws {
        let always = try OpeningSchedule.alwaysOpen(timeZoneIdentifier: "Africa/Nairobi")
        let evenings = try HelpFixture.daily("Africa/Nairobi", opens: "18:00", closes: "22:00")
        let mornings = try HelpFixture.daily("Africa/Nairobi", opens: "08:00", closes: "11:00")
        let listings = [
            HelpFixture.line("zz-online", "KE", [], always, topics: ["online-abuse"]),
            HelpFixture.line("aa-general", "KE", [], always),
            HelpFixture.line("yy-online-morning", "KE", [], mornings, topics: ["Online-Abuse"]),
            HelpFixture.line("bb-general-evening", "KE", [], evenings),
        ]
        // 12:00 in Nairobi: the evening line opens at 18:00 today, the morning line only at 08:00 tomorrow.
        let plain = HelpFixture.answer("KE", at: "2026-06-10T12:00:00+03:00", listings)
        #expect(plain.summary == ["aa-general:national-open", "zz-online:national-open",
                                  "bb-general-evening:national-closed", "yy-online-morning:national-closed"])
        let onTopic = HelpFixture.answer("KE", topic: "online-abuse", at: "2026-06-10T12:00:00+03:00", listings)
        #expect(onTopic.summary == ["zz-online:national-open", "aa-general:national-open",
                                    "yy-online-morning:national-closed", "bb-general-evening:national-closed"])
    }
}
