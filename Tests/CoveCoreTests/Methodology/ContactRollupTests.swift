import Foundation
import Testing
@testable import CoveCore

@Suite("Contact rollup")
struct ContactRollupTests {
    private let helpline = UUID()
    private let nairobi = TimeZone(identifier: "Africa/Nairobi")!

    private func form(_ classifications: [ContactForm.Classification]) -> ContactForm {
        ContactForm(contactType: "child-self", childAge: 14, gender: "girl", classifications: classifications,
                    summary: "s", taxonomyVersion: "1")
    }

    @Test func aContactCountsOnceInTheTotalAndOncePerClassification() {
        let contact = form([.init(category: "online-harm", subcategory: "cyberbullying", online: true),
                            .init(category: "mental-health", subcategory: "anxiety")])

        let keys = ContactRollup.keys(for: contact, helplineID: helpline, country: "KE", channel: "web-chat",
                                      startedAt: Date(timeIntervalSince1970: 1_790_000_000), timeZone: nairobi)

        #expect(keys.map(\.category) == ["all", "mental-health", "online-harm"])
        #expect(keys[0].online, "the contact has an online dimension")
        #expect(keys.map(\.online) == [true, false, true])
        #expect(Set(keys.map(\.ageBand)) == ["13-15"])
        #expect(Set(keys.map(\.gender)) == ["girl"])
    }

    @Test func theSameClassificationTwiceIsOneCell() {
        let twice = form([.init(category: "violence"), .init(category: "violence")])

        let keys = ContactRollup.keys(for: twice, helplineID: helpline, country: "KE", channel: "sms",
                                      startedAt: Date(), timeZone: nairobi)

        #expect(keys.count == 2)
    }

    @Test func theMonthIsTheHelplinesLocalMonth() {
        // 2026-11-30T22:30Z is already 1 December in Nairobi (UTC+3).
        let instant = ISO8601DateFormatter().date(from: "2026-11-30T22:30:00Z")!

        #expect(ContactRollup.month(of: instant, in: nairobi) == "2026-12")
        #expect(ContactRollup.month(of: instant, in: TimeZone(identifier: "UTC")!) == "2026-11")
    }

    @Test(arguments: [("2026-01", "2026-Q1"), ("2026-03", "2026-Q1"), ("2026-04", "2026-Q2"), ("2026-12", "2026-Q4")])
    func monthsFallInTheirQuarter(month: String, quarter: String) {
        #expect(ContactRollup.quarter(ofMonth: month) == quarter)
    }

    @Test func aMalformedMonthHasNoQuarter() {
        #expect(ContactRollup.quarter(ofMonth: "2026-13") == nil)
        #expect(ContactRollup.quarter(ofMonth: "2026") == nil)
    }
}
