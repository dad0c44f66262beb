import Foundation
import Testing
@testable import CoveCore

@Suite("Directory record")
struct DirectoryRecordTests {
    @Test func neverVerifiedIsStale() {
        #expect(Verification().isStale(asOf: instant("2026-06-10T12:00:00Z")))
        #expect(Verification(sourceURL: "https://example.org").isStale(asOf: instant("2000-01-01T00:00:00Z")))
    }

    @Test func factsStayFreshForTwelveMonthsFromMidnightUTC() throws {
        let verification = try Verification(verifiedOn: LocalDate("2025-11-29"))
        #expect(!verification.isStale(asOf: instant("2025-11-29T00:00:00Z")))
        #expect(!verification.isStale(asOf: instant("2026-11-28T23:59:00Z")))
        #expect(verification.isStale(asOf: instant("2026-11-29T00:00:00Z")))
        // The same instant written on another clock is judged the same way.
        #expect(verification.isStale(asOf: instant("2026-11-29T01:00:00+01:00")))
        #expect(!verification.isStale(asOf: instant("2026-11-28T23:59:00+00:00")))
        #expect(verification.isStale(asOf: instant("2027-06-01T00:00:00Z")))
    }

    @Test func verificationDatesStartAtMidnightUTC() throws {
        #expect(try LocalDate("2025-11-29").startOfDayUTC == instant("2025-11-29T00:00:00Z"))
    }

    @Test func theListingKeepsWhatHelpNowNeeds() throws {
        let hours = try OpeningSchedule.alwaysOpen(timeZoneIdentifier: "Europe/Paris")
        let chatHours = try OpeningSchedule(timeZoneIdentifier: "Europe/Paris",
                                            weekly: WeeklyInterval.every([.friday], opens: "17:00", closes: "20:00"))
        let record = try DirectoryRecord(
            id: "fr-line", name: "Écoute", countries: ["FR"], scope: .national, status: .temporarilyClosed,
            languages: ["fr"], minimumAge: 6, maximumAge: 21, topics: ["bullying"], timeZone: "Europe/Paris",
            schedule: hours,
            contactPoints: [
                DirectoryContactPoint(channel: .voice, address: "116 111", isFree: true, harmonisation: .europe116111),
                DirectoryContactPoint(channel: .voice, address: "01 00 00 00 00", e164: "+33100000000", isFree: false),
                DirectoryContactPoint(channel: .webChat, address: "https://chat.example.fr", schedule: chatHours),
            ],
            website: "https://example.fr",
            verification: Verification(sourceURL: "https://example.fr/contact", sourceSeen: "juin 2025",
                                       verifiedOn: LocalDate("2025-11-29"), verifiedBy: "Ada"))
        let listing = record.listing
        #expect(listing == HelplineListing(
            id: "fr-line", name: "Écoute", countries: ["FR"], scope: .national, status: .temporarilyClosed,
            languages: ["fr"], minimumAge: 6, maximumAge: 21, topics: ["bullying"],
            contactPoints: [
                ContactPoint(channel: .voice, address: "116 111", isFree: true, isHarmonised: true),
                ContactPoint(channel: .voice, address: "01 00 00 00 00", isFree: false, isHarmonised: false),
                ContactPoint(channel: .webChat, address: "https://chat.example.fr", schedule: chatHours),
            ],
            schedule: hours, verifiedAt: instant("2025-11-29T00:00:00Z"), source: "https://example.fr/contact"))
        #expect(listing.contactPoints.map(\.isHarmonised) == [true, false, false])
    }

    @Test(arguments: Harmonisation.allCases)
    func everyKindOfHarmonisedNumberIsHarmonisedInTheListing(kind: Harmonisation) {
        let point = DirectoryContactPoint(channel: .voice, address: "116", harmonisation: kind)
        #expect(point.contactPoint.isHarmonised)
        #expect(point.contactPoint.isFree == nil)
    }

    @Test func anUnverifiedRecordListsNoVerificationDate() {
        let record = DirectoryRecord(id: "x", name: "X", countries: ["KE"], timeZone: "Africa/Nairobi", contactPoints: [])
        #expect(record.listing.verifiedAt == nil)
        #expect(record.listing.source == nil)
        #expect(record.listing.schedule == nil)
    }

    @Test func recordsRoundTripThroughJSON() throws {
        let record = try DirectoryRecord(
            id: "ke-line", name: "Kenya Line", countries: ["KE"], scope: .regional, status: .defunct, timeZone: "Africa/Nairobi",
            schedule: .alwaysOpen(timeZoneIdentifier: "Africa/Nairobi"),
            contactPoints: [DirectoryContactPoint(channel: .whatsApp, address: "+254 700 000116", harmonisation: .regional)],
            verification: Verification(verifiedOn: LocalDate("2026-01-31")))
        let decoded = try JSONDecoder().decode(DirectoryRecord.self, from: JSONEncoder().encode(record))
        #expect(decoded == record)
    }
}

@Suite("Reaching a helpline from abroad")
struct CrossBorderListingTests {
    @Test func onlyInternationalNumbersAndOnlineChannelsCrossTheBorder() throws {
        let record = DirectoryRecord(
            id: "gb-line", name: "Line", countries: ["GB"], timeZone: "Europe/London",
            contactPoints: [
                DirectoryContactPoint(channel: .voice, address: "0800 1111", e164: "+448001111", isFree: true),
                DirectoryContactPoint(channel: .voice, address: "116 111", isFree: true, harmonisation: .europe116111),
                DirectoryContactPoint(channel: .sms, address: "85258"),
                DirectoryContactPoint(channel: .whatsApp, address: "07700 900000"),
                DirectoryContactPoint(channel: .webChat, address: "https://example.org/chat"),
            ])
        let abroad = record.crossBorderListing
        #expect(abroad.contactPoints.map(\.address) == ["+448001111", "https://example.org/chat"])
        #expect(abroad.contactPoints.allSatisfy { !$0.isHarmonised && $0.isFree == nil })
        #expect(record.listing.contactPoints.count == 5)
    }
}
