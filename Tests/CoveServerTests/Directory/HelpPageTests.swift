import CoveCore
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

@Suite("Help-now pages")
struct HelpPageTests {
    @Test(arguments: Language.allCases)
    func theCountryPageIsSmallCookielessAndInTheLanguageAsked(language: Language) async throws {
        try await withCove { app, _ in
            let response = try await app.testing().sendRequest(.GET, "/\(language.rawValue)/help/KE")
            #expect(response.status == .ok)
            #expect(response.headers[.setCookie].isEmpty)
            let html = response.body.string
            #expect(html.contains("<html lang=\"\(language.rawValue)\""))
            #expect(html.contains("href=\"tel:116\""))
            // Each country's page has a title of its own, for tabs and screen readers.
            let title = try #require(html.firstMatch(of: /<title>([^<]*)<\/title>/)?.1)
            let heading = try #require(html.firstMatch(of: /<h1 id="country-heading"[^>]*>([^<]*)<\/h1>/)?.1)
            #expect(title == heading + " · Cove")
            #expect(html.contains("id=\"emergency\""))
            #expect(html.contains("id=\"quick-exit\""))
            let english = try Localizer.load().catalogue(for: .english).format("help.emergency_heading")
            #expect(html.contains(english) == (language == .english))
            #expect(response.body.readableBytes < 30 * 1024)
        }
    }

    @Test func theChoiceFormWorksWithoutJavaScript() async throws {
        try await withCove { app, _ in
            let response = try await app.testing().sendRequest(.GET, "/fr/help?country=sn")
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/fr/help/SN")
        }
    }

    @Test func theFirstGuessComesFromTheBrowsersLanguageRegion() async throws {
        try await withCove { app, _ in
            let response = try await app.testing().sendRequest(.GET, "/fr/help", headers: ["Accept-Language": "fr-CA,fr;q=0.8"])
            #expect(response.body.string.contains("<option value=\"CA\" selected>"))
            let plain = try await app.testing().sendRequest(.GET, "/fr/help", headers: ["Accept-Language": "fr"])
            #expect(!plain.body.string.contains(" selected>"))
        }
    }

    @Test func aCountryWithoutAHelplineSaysSo() async throws {
        try await withCove { app, _ in
            let html = try await app.testing().sendRequest(.GET, "/en/help/TH").body.string
            #expect(html.contains("id=\"no-helpline\""))
            #expect(html.contains("href=\"tel:191\""))
        }
    }

    @Test func aNeighboursTimesSayWhoseClockTheyAreOn() async throws {
        // 12:00 UTC is 20:00 in Kuala Lumpur, inside the made-up Malaysian chat's hours.
        let clock = TestClock(ISO8601DateFormatter().date(from: "2026-11-30T12:00:00Z")!)
        try await withCove(clock: clock) { app, _ in
            let chat = try WeeklyHoursText.intervals(from: "Mo-Su 18:00-22:00")
            let line = DirectoryRecord(
                id: "my-chat", name: "Malaysian chat", countries: ["MY"], timeZone: "Asia/Kuala_Lumpur",
                schedule: try OpeningSchedule(timeZoneIdentifier: "Asia/Kuala_Lumpur", weekly: chat),
                contactPoints: [DirectoryContactPoint(channel: .webChat, address: "https://example.org/chat")])
            try await app.helplineDirectory.save(line, as: .creating(organisationID: nil), by: .commandLine)
            let html = try await app.testing().sendRequest(.GET, "/en/help/TH").body.string
            let entry = try #require(html.firstMatch(of: /data-reason="nearby-country">\s*<h2>Malaysian chat<\/h2>\s*<p class="status open">([^<]*)</)?.1)
            #expect(entry.contains("Malaysia"), "\(entry)")
        }
    }

    @Test func anUnknownCountryIsNotFound() async throws {
        try await withCove { app, _ in
            let page = try await app.testing().sendRequest(.GET, "/en/help/ZZ")
            let chosen = try await app.testing().sendRequest(.GET, "/en/help?country=ZZ")
            #expect(page.status == .notFound)
            #expect(chosen.status == .notFound)
        }
    }

    @Test func aHelplineNotVerifiedForAYearIsMarkedAsPossiblyOutOfDate() async throws {
        try await withCove { app, _ in
            // The seed verified Kenya's line in May 2022, long before the test clock's 2026.
            let html = try await app.testing().sendRequest(.GET, "/en/help/KE").body.string
            #expect(html.contains("class=\"stale\""))
        }
    }

    @Test func theCoveragePageAndAPIAgree() async throws {
        try await withCove { app, _ in
            struct Coverage: Decodable {
                struct Region: Decodable { var region: String; var countries: Int; var covered: Int; var share: Double }
                var regions: [Region]
            }
            let coverage = try await app.testing().sendRequest(.GET, "/api/v1/coverage").content.decode(Coverage.self)
            #expect(coverage.regions.count == 6)
            #expect(coverage.regions.reduce(0) { $0 + $1.countries } == app.countries.all.count)
            let europe = try #require(coverage.regions.first { $0.region == "europe" })
            #expect(europe.covered > 0 && europe.covered <= europe.countries)
            let html = try await app.testing().sendRequest(.GET, "/en/coverage").body.string
            #expect(html.contains("<tr data-region=\"europe\"><th scope=\"row\"><a href=\"#region-europe\">Europe</a></th><td>\(europe.countries)</td><td>\(europe.covered)</td>"))
            #expect(html.contains("data-country=\"GB\" data-level=\"none\""))
            // Kenya's 116 was last verified in 2022: the coverage page says it may be out of date.
            let kenya = try #require(html.firstMatch(of: /<tr data-country="KE"[^\n]*<\/tr>/))
            #expect(kenya.output.contains("stale-tag"))
        }
    }
}
