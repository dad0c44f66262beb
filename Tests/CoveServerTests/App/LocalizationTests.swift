import CoveCore
import Foundation
import Testing
import Vapor
@testable import CoveServer

@Suite("Six languages")
struct LocalizationTests {
    @Test func everyCatalogueHasEveryKeyWithTheSamePlaceholders() throws {
        let localizer = try Localizer.load()
        let reference = localizer.catalogue(for: .english)
        let others = Language.allCases.filter { $0 != .english }.map { localizer.catalogue(for: $0) }
        let problems = CatalogueAudit.problems(reference: reference, others: others)
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        #expect(others.count == 5)
    }

    @Test func translationsAreNotLeftInEnglish() throws {
        let localizer = try Localizer.load()
        let english = localizer.catalogue(for: .english).messages
        for language in [Language.arabic, .chinese, .russian] {
            let same = localizer.catalogue(for: language).messages.filter { english[$0.key] == $0.value && $0.value != "Cove" }
            #expect(same.isEmpty, "\(language): \(same.keys.sorted())")
        }
    }

    @Test func everyKeyUsedByATemplateExists() throws {
        let english = try Localizer.load().catalogue(for: .english)
        let keys = Set(english.messages.keys.map { $0.replacingOccurrences(of: ".", with: "_") })
        let folder = try CoveResources.directory("Views")
        let pattern = try Regex(#"\bt\.([a-z0-9_]+)"#)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".leaf") {
            let text = try String(contentsOfFile: folder + file, encoding: .utf8)
            for match in text.matches(of: pattern) {
                let key = String(text[match.range].dropFirst(2))
                #expect(keys.contains(key), "\(file) uses t.\(key), which no catalogue has")
            }
        }
    }

    @Test func rootRedirectFollowsAcceptLanguage() async throws {
        try await withCove { app, _ in
            let browser = Browser(app)
            browser.acceptLanguage = "de-CH, fr-CA;q=0.8, en;q=0.5"
            let french = try await browser.get("/")
            #expect(french.location == "/fr/")
            browser.acceptLanguage = "sw"
            let fallback = try await browser.get("/")
            #expect(fallback.location == "/en/")
        }
    }

    @Test func arabicPagesAreRightToLeftAndLinkToTheOtherFive() async throws {
        try await withCove { app, _ in
            let browser = Browser(app)
            let arabic = try await browser.get("/ar/sign-in").body.string
            #expect(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"))
            for language in Language.allCases {
                #expect(arabic.contains("href=\"/\(language.rawValue)/sign-in\" hreflang=\"\(language.rawValue)\""))
            }
            let english = try await browser.get("/en/sign-in").body.string
            #expect(english.contains("<html lang=\"en\" dir=\"ltr\">"))
        }
    }

    @Test func pagesUseTheirLanguagesCatalogue() async throws {
        try await withCove { app, _ in
            for language in Language.allCases {
                let body = try await Browser(app).get("/\(language.rawValue)/sign-in").body.string
                let title = app.localizer.catalogue(for: language).format("sign_in.title")
                #expect(body.contains(title.replacingOccurrences(of: "'", with: "&#39;")), "\(language)")
            }
        }
    }
}
