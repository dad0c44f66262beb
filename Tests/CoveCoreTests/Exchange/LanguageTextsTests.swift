import Foundation
import Testing
@testable import CoveCore

@Suite("Texts by language")
struct LanguageTextsTests {
    @Test func pairsReadAndWriteBackSortedByTag() throws {
        let texts = try LanguageTexts.texts(from: "fr=Ligne enfance | ar=خط الطفل |  en = Child line, 24 h = always ")
        #expect(texts == ["fr": "Ligne enfance", "ar": "خط الطفل", "en": "Child line, 24 h = always"])
        #expect(LanguageTexts.text(for: texts) == "ar=خط الطفل | en=Child line, 24 h = always | fr=Ligne enfance")
    }

    @Test(arguments: [
        ("fr Ligne enfance", LanguageTextsError.malformed("fr Ligne enfance")),
        ("fr=", .malformed("fr=")),
        ("=Ligne", .malformed("=Ligne")),
        ("fr=Un | fr=Deux", .repeated("fr")),
    ])
    func badPairsAreRefused(text: String, error: LanguageTextsError) {
        #expect(throws: error) { try LanguageTexts.texts(from: text) }
    }

    @Test func aChildSeesTheNameAndDescriptionInTheirLanguageByPrimarySubtag() {
        let record = DirectoryRecord(
            id: "ca-line", name: "Kids Line", names: ["fr": "Ligne jeunesse"], descriptions: ["en": "Free support", "fr-CA": "Soutien gratuit"],
            countries: ["CA"], timeZone: "America/Toronto", contactPoints: [])
        #expect(record.name(in: "fr-CA") == "Ligne jeunesse")
        #expect(record.name(in: "es") == "Kids Line")
        #expect(record.name(in: nil) == "Kids Line")
        #expect(record.description(in: "fr") == "Soutien gratuit")
        #expect(record.description(in: "ar") == nil)
    }

    @Test func theCSVCarriesNamesAndDescriptionsAndRefusesABadTag() throws {
        let header = DirectoryCSV.columns.joined(separator: ",")
        func text(_ values: [String: String]) -> String {
            header + "\n" + DirectoryCSV.columns.map { values[$0] ?? "" }.joined(separator: ",") + "\n"
        }
        var values = ["id": "ca-line", "country": "CA", "name": "Kids Line", "time_zone": "America/Toronto",
                      "names": "fr=Ligne jeunesse", "descriptions": "en=Free support | fr=Soutien gratuit"]
        let record = try #require(try DirectoryCSV.records(from: text(values), knownCountries: ["CA"]).get().first)
        #expect(record.names == ["fr": "Ligne jeunesse"])
        #expect(DirectoryCSV.fields(of: record)[DirectoryCSV.columns.firstIndex(of: "descriptions")!] == values["descriptions"])
        values["names"] = "français=Ligne"
        guard case .failure(let problems) = DirectoryCSV.records(from: text(values), knownCountries: ["CA"]) else {
            Issue.record("accepted a name under a tag that is not BCP 47")
            return
        }
        #expect(problems.errors.map(\.field) == ["names"])
    }
}
