import Foundation
import Testing
@testable import CoveCore

/// The repo's root, so expected figures are read from the committed files themselves.
private let repoRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func repoText(_ path: String) throws -> String {
    String(decoding: try Data(contentsOf: repoRoot.appendingPathComponent(path)), as: UTF8.self)
}

/// The seed country list the server loads, which maps Cove's alpha-2 codes to alpha-3.
private func seedCountries() throws -> CountryList {
    try CountryList(csv: repoText("Sources/CoveServer/Resources/Seeds/itu-d-regions.csv"))
}

@Suite("Child population")
struct ChildPopulationTests {
    @Test func aKnownCountrysFigureIsItsCSVRow() throws {
        let csv = try repoText("Sources/CoveCore/Resources/reference/child-population.csv")
        let row = try #require(csv.split(separator: "\n").first { $0.hasPrefix("KEN,2022,_T,") })
        let persons = try #require(Int(row.split(separator: ",")[3]))

        let figure = try ChildPopulation.bundled.underEighteen(alpha3: "KEN", year: 2022)

        #expect(figure?.persons == persons)
        #expect(persons == 24_238_460)
        #expect(figure?.year == 2022 && figure?.sex == .total)
    }

    @Test func theBundledTableHoldsEveryRowOfItsSource() throws {
        let population = try ChildPopulation.bundled
        #expect(population.countries.count == 232)
        for sex in ChildPopulation.Sex.allCases {
            #expect(population.countries.allSatisfy { population.underEighteen(alpha3: $0, year: 2022, sex: sex) != nil })
        }
        #expect(ChildPopulation.attribution.hasPrefix("United Nations, Department of Economic and Social Affairs"))
    }

    @Test func anAlphaTwoLookupEqualsTheAlphaThreeOne() throws {
        let population = try ChildPopulation.bundled
        let countries = try seedCountries()

        let kenya = population.underEighteen(alpha2: "KE", year: 2022, countries: countries)

        #expect(kenya != nil)
        #expect(kenya == population.underEighteen(alpha3: "KEN", year: 2022))
        #expect(population.underEighteen(country: "ke", year: 2022, countries: countries) == kenya)
        #expect(population.underEighteen(country: "KEN", year: 2022, countries: countries) == kenya)
        for country in countries.all {
            #expect(population.underEighteen(alpha2: country.code, year: 2022, sex: .female, countries: countries)
                        == population.underEighteen(alpha3: country.alpha3, year: 2022, sex: .female), "\(country.code)")
        }
    }

    @Test func aLaterYearFallsBackToTheLatestEarlierOne() throws {
        let population = try ChildPopulation(csv: """
            iso_alpha3,year,sex,population_under18
            KEN,2022,_T,300
            KEN,2020,_T,100
            KEN,2020,F,50
            """)

        let found = [2019, 2020, 2021, 2022, 2030].map { population.underEighteen(alpha3: "KEN", year: $0)?.persons }

        #expect(found == [nil, 100, 100, 300, 300])
        #expect(population.underEighteen(alpha3: "KEN", year: 2025, sex: .female)?.year == 2020)
        #expect(try ChildPopulation.bundled.underEighteen(alpha3: "FRA", year: 2026)?.year == 2022)
    }

    @Test func anUnknownCountryIsNil() throws {
        let population = try ChildPopulation.bundled
        let countries = try seedCountries()
        #expect(population.underEighteen(alpha3: "XXX", year: 2022) == nil)
        #expect(population.underEighteen(alpha2: "XX", year: 2022, countries: countries) == nil)
        #expect(population.underEighteen(country: "KENYA", year: 2022, countries: countries) == nil)
        // In the country list, but under WPP's 1,000 threshold, so absent from the table.
        #expect(countries.contains("VA") && population.underEighteen(alpha2: "VA", year: 2022, countries: countries) == nil)
        // In the table, but not an ITU member, so no alpha-2 through the country list.
        #expect(population.underEighteen(alpha3: "HKG", year: 2022) != nil)
        #expect(population.underEighteen(alpha2: "HK", year: 2022, countries: countries) == nil)
    }

    @Test func aRegionSumsItsCountriesAndNamesThoseWithoutFigures() throws {
        let population = try ChildPopulation(csv: "iso_alpha3,year,sex,population_under18\nKEN,2022,_T,30\nUGA,2022,_T,12\nFRA,2022,_T,7\n")
        let countries = CountryList([
            CountryList.Country(code: "KE", alpha3: "KEN", name: "Kenya", region: .africa),
            CountryList.Country(code: "UG", alpha3: "UGA", name: "Uganda", region: .africa),
            CountryList.Country(code: "TZ", alpha3: "TZA", name: "Tanzania", region: .africa),
            CountryList.Country(code: "FR", alpha3: "FRA", name: "France", region: .europe),
        ])

        let africa = population.underEighteen(region: .africa, year: 2022, countries: countries)
        let world = population.underEighteen(region: nil, year: 2022, countries: countries)

        #expect(africa == ChildPopulation.Aggregate(persons: 42, counted: ["KE", "UG"], missing: ["TZ"]))
        #expect(world.persons == 49 && world.missing == ["TZ"])
    }

    @Test func badRowsNameTheLineAndField() {
        let header = "iso_alpha3,year,sex,population_under18\n"
        #expect(throws: ChildPopulation.LoadError.corrupt(line: 3, field: "sex", reason: "\"X\" is not F, M or _T")) {
            try ChildPopulation(csv: header + "KEN,2022,_T,1\nKEN,2022,X,1\n")
        }
        let negative = ChildPopulation.LoadError.corrupt(line: 2, field: "population_under18", reason: "\"-4\" is not a whole number of persons")
        #expect(throws: negative) {
            try ChildPopulation(csv: header + "KEN,2022,_T,-4\n")
        }
        #expect(throws: ChildPopulation.LoadError.corrupt(line: 3, field: "iso_alpha3", reason: "KEN 2022 _T appears twice")) {
            try ChildPopulation(csv: header + "KEN,2022,_T,1\nKEN,2022,_T,2\n")
        }
        #expect(throws: ChildPopulation.LoadError.corrupt(line: 1, field: "population_under18", reason: "column missing from header")) {
            try ChildPopulation(csv: "iso_alpha3,year,sex\nKEN,2022,_T\n")
        }
        let lowerCase = ChildPopulation.LoadError.corrupt(line: 2, field: "iso_alpha3", reason: "\"ke\" is not an ISO 3166-1 alpha-3 code")
        #expect(throws: lowerCase) {
            try ChildPopulation(csv: header + "ke,2022,_T,1\n")
        }
    }
}
