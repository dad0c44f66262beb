import Testing
@testable import CoveCore

@Suite("Languages")
struct LanguageTests {
    @Test(arguments: [
        ("fr-CA,fr;q=0.9,en;q=0.8", Language.french),
        ("de-DE,de;q=0.9", Language.english),
        ("de, ar;q=0.5, ru;q=0.7", Language.russian),
        ("zh-Hant-TW", Language.chinese),
        ("es;q=0, ar", Language.arabic),
        ("", Language.english),
        ("*", Language.english),
    ])
    func acceptLanguagePicksTheBestOfOurs(header: String, expected: Language) {
        #expect(AcceptLanguage.preferred(from: header) == expected)
    }

    @Test func onlyArabicIsRightToLeft() {
        #expect(Language.allCases.filter(\.isRightToLeft) == [.arabic])
        #expect(Language.arabic.direction == "rtl")
    }

    @Test func placeholdersAreFoundAndFilled() {
        #expect(MessageCatalogue.placeholders(in: "Locked for {minutes} minutes, {name}.") == ["minutes", "name"])
        let catalogue = MessageCatalogue(language: .english, messages: ["a": "Wait {minutes} min"])
        #expect(catalogue.format("a", ["minutes": "15"]) == "Wait 15 min")
        #expect(catalogue.format("missing") == "missing")
    }

    @Test func theAuditFindsEveryKindOfGap() {
        let reference = MessageCatalogue(language: .english, messages: ["a": "A {n}", "b": "B", "c": "C"])
        let french = MessageCatalogue(language: .french, messages: ["a": "A {m}", "b": " ", "d": "D"], needsNativeReview: ["z"])
        let problems = CatalogueAudit.problems(reference: reference, others: [french])
        #expect(problems.contains(.missingKey(.french, key: "c")))
        #expect(problems.contains(.extraKey(.french, key: "d")))
        #expect(problems.contains(.emptyMessage(.french, key: "b")))
        #expect(problems.contains(.placeholdersDiffer(.french, key: "a", expected: ["n"], found: ["m"])))
        #expect(problems.contains(.reviewListNamesUnknownKey(.french, key: "z")))
    }

    @Test func aCatalogueFileMustDeclareItsLanguage() {
        let json = #"{"language": "es", "messages": {"a": "b"}}"#
        #expect(throws: MessageCatalogue.LoadError.wrongLanguage(file: "fr.json", declared: "es")) {
            try MessageCatalogue(json: .init(json.utf8), expected: .french, fileName: "fr.json")
        }
    }
}

import Foundation
