import Foundation
import Testing
@testable import CoveCore

/// Three European and two African countries; the list sorts them by name.
private let countries = CountryList([
    CountryList.Country(code: "IT", alpha3: "ITA", name: "Italy", region: .europe),
    CountryList.Country(code: "FR", alpha3: "FRA", name: "France", region: .europe),
    CountryList.Country(code: "DE", alpha3: "DEU", name: "Germany", region: .europe),
    CountryList.Country(code: "UG", alpha3: "UGA", name: "Uganda", region: .africa),
    CountryList.Country(code: "KE", alpha3: "KEN", name: "Kenya", region: .africa),
])

private func line(_ id: String, _ countries: [String], scope: HelplineListing.Scope = .national,
                  status: HelplineListing.Status = .active, _ points: [DirectoryContactPoint]) -> DirectoryRecord {
    DirectoryRecord(id: id, name: id, countries: countries, scope: scope, status: status, timeZone: "UTC",
                    contactPoints: points)
}

private func voice(_ address: String, free: Bool?, _ harmonisation: Harmonisation?) -> DirectoryContactPoint {
    DirectoryContactPoint(channel: .voice, address: address, isFree: free, harmonisation: harmonisation)
}

/// France: free 116 111 plus a short code not known to be free. Germany: 116 111 with cost unknown.
/// Italy: a full-length number, and a free 116 111 that is defunct. Kenya: a free 116 only on a
/// regional line, and a harmonised SMS short code. Uganda: free 116 on its national line.
private let records = [
    line("fr-116111", ["FR"], [voice("116 111", free: true, .europe116111)]),
    line("fr-short", ["FR"], [voice("3020", free: false, .nationalShortCode)]),
    line("de-116111", ["DE"], [voice("116 111", free: nil, .europe116111)]),
    line("it-long", ["IT"], [voice("+39 06 0000 0000", free: true, nil)]),
    line("it-old", ["IT"], status: .defunct, [voice("116 111", free: true, .europe116111)]),
    line("east-africa", ["KE", "UG"], scope: .regional, [voice("116", free: true, .regional)]),
    line("ke-sms", ["KE"], [DirectoryContactPoint(channel: .sms, address: "116", isFree: true, harmonisation: .regional)]),
    line("ug-116", ["UG"], [voice("116", free: true, .regional)]),
    line("es-116111", ["ES"], [voice("116 111", free: true, .europe116111)]),
]

@Suite("Harmonised coverage")
struct HarmonisedCoverageTests {
    private let coverage = HarmonisedCoverage(records: records, countryList: countries)

    private func country(_ code: String) throws -> HarmonisedCoverage.Country {
        try #require(coverage.countries.first { $0.code == code })
    }

    @Test func everyListedCountryAppearsOnceInNameOrder() {
        #expect(coverage.countries.map(\.code) == ["FR", "DE", "IT", "KE", "UG"])
        #expect(coverage.countries.map(\.region) == [.europe, .europe, .europe, .africa, .africa])
    }

    @Test func aFreeHarmonisedNumberCoversTheCountry() throws {
        let france = try country("FR")
        #expect(france.level == .free)
        #expect(france.numbers == [
            HarmonisedCoverage.Number(address: "116 111", harmonisation: .europe116111, isFree: true, helplineID: "fr-116111"),
            HarmonisedCoverage.Number(address: "3020", harmonisation: .nationalShortCode, isFree: false, helplineID: "fr-short"),
        ])
        #expect(try country("UG").level == .free)
        #expect(try country("UG").numbers.map(\.helplineID) == ["ug-116"])
    }

    @Test func aHarmonisedNumberOfUnknownCostIsNotKnownFree() throws {
        let germany = try country("DE")
        #expect(germany.level == .notKnownFree)
        #expect(germany.numbers.map(\.isFree) == [nil])
    }

    @Test func aFullLengthNumberAloneIsNoCoverage() throws {
        let italy = try country("IT")
        #expect(italy.level == .none)
        // The defunct line's 116 111 reaches no one, so it is not among the numbers either.
        #expect(italy.numbers.isEmpty)
    }

    @Test func regionalLinesAndNonVoiceChannelsDoNotCount() throws {
        let kenya = try country("KE")
        #expect(kenya.level == .none)
        #expect(kenya.numbers.isEmpty)
    }

    @Test func aTemporarilyClosedLineDoesNotCount() throws {
        let closed = line("ug-closed", ["UG"], status: .temporarilyClosed, [voice("116", free: true, .regional)])
        let coverage = HarmonisedCoverage(records: [closed], countryList: countries)
        #expect(coverage.countries.first { $0.code == "UG" }?.level == HarmonisedCoverage.Level.none)
    }

    @Test func regionsCountTheirCountriesAndTheCoveredShare() throws {
        #expect(coverage.regions.map(\.region) == ITURegion.allCases)
        let europe = try #require(coverage.regions.first { $0.region == .europe })
        #expect(europe.countries == 3)
        #expect(europe.covered == 1)
        #expect(abs(europe.share - 1.0 / 3.0) < 1e-12)
        let africa = try #require(coverage.regions.first { $0.region == .africa })
        #expect(africa.countries == 2)
        #expect(africa.covered == 1)
        #expect(africa.share == 0.5)
        // Spain's line counts nowhere: Spain is not in the country list.
        for empty in coverage.regions where ![ITURegion.europe, .africa].contains(empty.region) {
            #expect(empty.countries == 0 && empty.covered == 0 && empty.share == 0)
        }
    }

    @Test func noRecordsCoverNothing() {
        let bare = HarmonisedCoverage(records: [], countryList: countries)
        #expect(bare.countries.allSatisfy { $0.level == .none && $0.numbers.isEmpty })
        #expect(bare.regions.allSatisfy { $0.covered == 0 && $0.share == 0 })
        #expect(bare.regions.map(\.countries).reduce(0, +) == 5)
    }
}
