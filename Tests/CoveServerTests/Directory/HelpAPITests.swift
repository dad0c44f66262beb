import CoveCore
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

@Suite("Help-now API")
struct HelpAPITests {
    struct Answer: Decodable {
        var country: String
        var hasNationalHelpline: Bool
        var emergencyNumbers: [String]
        var entries: [Entry]
    }

    struct Entry: Decodable {
        var reason: String
        var helplineId: String?
        var status: String
        var nextOpeningLocal: String?
        var contactPoints: [Contact]
    }

    struct Contact: Decodable {
        var channel: String
        var address: String
        var link: String?
    }

    struct Refusal: Decodable {
        var parameter: String
        var reason: String
        var message: String
    }

    private func answer(_ app: Application, _ query: String) async throws -> Answer {
        let response = try await app.testing().sendRequest(.GET, "/api/v1/help?\(query)")
        #expect(response.status == .ok, "\(query): \(response.body.string)")
        return try response.content.decode(Answer.self)
    }

    @Test func aCountryWithASeededHelplineGetsItFirstAndItsOwnEmergencyNumbersLast() async throws {
        try await withCove { app, _ in
            let kenya = try await answer(app, "country=ke")
            #expect(kenya.country == "KE")
            #expect(kenya.hasNationalHelpline)
            #expect(kenya.entries.first?.helplineId == "ke-child-helpline-116" || kenya.entries.first?.reason.hasPrefix("national") == true)
            #expect(kenya.entries.first?.contactPoints.contains { $0.link == "tel:116" } == true)
            let last = try #require(kenya.entries.last)
            #expect(last.reason == "emergency")
            #expect(Set(last.contactPoints.map(\.address)) == Set(kenya.emergencyNumbers))
            #expect(kenya.emergencyNumbers.contains("999"))
        }
    }

    @Test func aCountryWithoutAHelplineIsToldPlainlyAndGetsOnlyItsOwnEmergencyNumber() async throws {
        try await withCove { app, _ in
            // Thailand has no row in the seed data; 191 is its police number in libphonenumber.
            let thailand = try await answer(app, "country=TH")
            #expect(!thailand.hasNationalHelpline)
            #expect(thailand.emergencyNumbers.contains("191"))
            let emergency = try #require(thailand.entries.last)
            #expect(emergency.reason == "emergency")
            #expect(thailand.entries.dropLast().allSatisfy { $0.reason == "nearby-country" || $0.reason == "regional" || $0.reason == "international" })
            // Neighbours' short codes only work inside their own country, so none is offered.
            let offered = thailand.entries.dropLast().flatMap(\.contactPoints)
            #expect(!offered.isEmpty)
            #expect(!offered.map(\.address).contains("1098"))
            // A number is offered across a border only in its international form.
            #expect(offered.filter { $0.channel == "voice" || $0.channel == "sms" }.allSatisfy { $0.address.hasPrefix("+") })
        }
    }

    @Test func aClosedHelplineSaysWhenItOpensOnItsOwnClock() async throws {
        // Sunday 29 November 2026, 23:00 in Berlin: Nummer gegen Kummer's phones open Monday 10:00.
        try await withCove { app, _ in
            let germany = try await answer(app, "country=DE&at=2026-11-29T23:00:00%2B01:00")
            let line = try #require(germany.entries.first { $0.helplineId?.hasPrefix("de-") == true })
            #expect(line.status == "closed")
            #expect(line.nextOpeningLocal == "2026-11-30T10:00:00+01:00")
        }
    }

    @Test func aKeptAnswerIsNotServedPastTheNextOpening() async throws {
        // Monday 30 November 2026, 09:59:30 in Berlin; the phones open at 10:00, well inside the
        // minute an answer may otherwise be kept.
        let clock = TestClock(ISO8601DateFormatter().date(from: "2026-11-30T08:59:30Z")!)
        try await withCove(clock: clock) { app, _ in
            let closed = try await answer(app, "country=DE")
            #expect(closed.entries.first { $0.helplineId?.hasPrefix("de-") == true }?.status == "closed")
            clock.advance(by: 40)
            let open = try await answer(app, "country=DE")
            #expect(open.entries.first { $0.helplineId?.hasPrefix("de-") == true }?.status == "open")
        }
    }

    @Test func sharedCachesKeepAnAnswerNoLongerThanCoveAndNeverOneAskedWithANumber() async throws {
        try await withCove { app, _ in
            let byCountry = try await app.testing().sendRequest(.GET, "/api/v1/help?country=KE")
            let control = byCountry.headers.first(name: .cacheControl) ?? ""
            let seconds = Int(control.split(separator: "=").last ?? "") ?? -1
            #expect(control.hasPrefix("public, max-age=") && (0...60).contains(seconds))
            #expect(byCountry.headers[.vary].joined().contains("Accept-Language"))
            let byNumber = try await app.testing().sendRequest(.GET, "/api/v1/help?caller=%2B254722000000")
            #expect(byNumber.headers.first(name: .cacheControl) == "private, no-store")
        }
    }

    @Test func aCallersNumberChoosesTheCountry() async throws {
        try await withCove { app, _ in
            let answer = try await answer(app, "caller=%2B254722000000")
            #expect(answer.country == "KE")
        }
    }

    @Test(arguments: [
        ("", "country", "missing"),
        ("country=ZZ", "country", "unknown-country"),
        ("country=Kenya", "country", "not-iso-3166-alpha-2"),
        ("country=KE&caller=%2B254722000000", "country", "both-country-and-caller"),
        ("caller=hello", "caller", "not-a-phone-number"),
        ("country=KE&age=ten", "age", "not-an-integer"),
        ("country=KE&lang=%25%25", "lang", "not-bcp-47"),
        ("country=KE&at=tomorrow", "at", "not-iso-8601-with-offset"),
    ])
    func badInputIsRefusedNamingTheParameter(query: String, parameter: String, reason: String) async throws {
        try await withCove { app, _ in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/help?\(query)")
            #expect(response.status == .badRequest)
            let refusal = try response.content.decode(Refusal.self)
            #expect(refusal.parameter == parameter)
            #expect(refusal.reason == reason)
            #expect(!refusal.message.isEmpty && !refusal.message.hasPrefix("help.api"))
        }
    }

    @Test func everyReasonChannelAndRefusalHasWordsInEveryLanguage() throws {
        let localizer = try Localizer.load()
        let keys = HelpReason.allCases.map { "help.reason.\($0.code)" }
            + ContactPoint.Channel.allCases.map { "help.channel.\($0.rawValue)" }
            + HelpRequestError.Reason.allCases.map { "help.api.\($0.rawValue)" }
            + HarmonisedCoverage.Level.allCases.map { "coverage.level.\($0.rawValue)" }
            + Harmonisation.allCases.map { "coverage.harmonisation.\($0.rawValue)" }
            + HelplineListing.Status.allCases.map { "directory.status.\($0.rawValue)" }
            + DirectoryCSV.columns.flatMap { ["directory.field.\($0)", "directory.hint.\($0)"] }
        for language in Language.allCases {
            let messages = localizer.catalogue(for: language).messages
            let missing = keys.filter { messages[$0] == nil }
            #expect(missing.isEmpty, "\(language): \(missing)")
        }
    }
}
