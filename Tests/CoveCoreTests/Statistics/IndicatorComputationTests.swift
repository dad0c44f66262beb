import Foundation
import Testing
@testable import CoveCore

@Suite("Indicators from published observations")
struct IndicatorComputationTests {
    let countries = CountryList([
        .init(code: "KE", alpha3: "KEN", name: "Kenya", region: .africa),
        .init(code: "TZ", alpha3: "TZA", name: "Tanzania", region: .africa),
        .init(code: "FR", alpha3: "FRA", name: "France", region: .europe),
    ])
    let population = try! ChildPopulation(csv: """
        iso_alpha3,year,sex,population_under18
        KEN,2022,_T,2000000
        TZA,2022,_T,3000000
        FRA,2022,_T,1000000

        """)
    let quarter = TimePeriod.quarter(1, of: 2025)!
    let flow = DataflowReference(agency: "COVE", id: "HELPLINE_CONTACTS", version: "1.0")

    private func indicator(_ id: String) throws -> IndicatorCatalogue.Indicator {
        try #require(try IndicatorCatalogue.bundled.indicator(id: id))
    }

    /// A HELPLINE_CONTACTS observation with every dimension at its total except those given.
    private func contacts(_ area: String, _ codes: [String: String], _ value: Double?, status: String = "A") -> SDMXObservation {
        let dimensions = ["FREQ", "REF_AREA", "CONTACT_TYPE", "CATEGORY", "SUBCATEGORY", "ONLINE", "AGE_BAND", "GENDER", "CHANNEL"]
        let fixed = ["FREQ": "Q", "REF_AREA": area].merging(codes) { $1 }
        let key = SeriesKey(dimensions.map { SeriesKey.Component(dimension: $0, code: fixed[$0] ?? "_T") })
        return SDMXObservation(dataflow: flow, seriesKey: key, timePeriod: quarter, value: value, observationStatus: status)
    }

    @Test func aRateAddsTheSelectedCodesAndDividesByChildrenUnder18() throws {
        let computation = IndicatorComputation(indicator: try indicator("CONTACTS_PER_100K_CHILDREN"),
                                               countries: countries, population: population)
        let observations = [
            contacts("KE", ["CONTACT_TYPE": "child-self"], 300), contacts("KE", ["CONTACT_TYPE": "about-child"], 100),
            contacts("KE", ["CONTACT_TYPE": "non-counselling"], 5_000), contacts("KE", ["CONTACT_TYPE": "child-self", "GENDER": "girl"], 200),
        ]

        let values = computation.countryValues(from: observations)

        let kenya = try #require(values.first)
        #expect(values.count == 1 && kenya.status == .published)
        #expect(kenya.numerator == 400, "non-counselling contacts and breakdowns below the total are not counted")
        #expect(kenya.value == 400.0 / 2_000_000 * 100_000)
    }

    @Test func aSuppressedPartWithholdsTheRateAndAMissingPopulationLeavesItOut() throws {
        let computation = IndicatorComputation(indicator: try indicator("CONTACTS_PER_100K_CHILDREN"),
                                               countries: countries, population: population)
        let observations = [
            contacts("KE", ["CONTACT_TYPE": "child-self"], 300), contacts("KE", ["CONTACT_TYPE": "about-child"], nil, status: "Q"),
            contacts("ZZ", ["CONTACT_TYPE": "child-self"], 10),
        ]

        let values = Dictionary(uniqueKeysWithValues: computation.countryValues(from: observations).map { ($0.area, $0) })

        #expect(values["KE"]?.status == .withheld && values["KE"]?.value == nil)
        #expect(values["ZZ"]?.status == .missing)
    }

    @Test func aRegionAddsItsReportingCountriesAndSaysHowManyOfItsCountriesThatIs() throws {
        let computation = IndicatorComputation(indicator: try indicator("CONTACTS_PER_100K_CHILDREN"),
                                               countries: countries, population: population)
        let values = computation.countryValues(from: [
            contacts("KE", ["CONTACT_TYPE": "child-self"], 400), contacts("KE", ["CONTACT_TYPE": "about-child"], 0),
            contacts("FR", ["CONTACT_TYPE": "child-self"], 50), contacts("FR", ["CONTACT_TYPE": "about-child"], 0),
        ])

        let regions = Dictionary(uniqueKeysWithValues: computation.aggregate(values, areas: computation.standardAreas())
            .map { ($0.area, $0) })

        let africa = try #require(regions["africa"])
        #expect(africa.value == 400.0 / 2_000_000 * 100_000, "Tanzania reported nothing, so its children are not counted")
        #expect(africa.countriesCounted == 1 && africa.countriesInArea == 2)
        #expect(regions["world"]?.value == 450.0 / 3_000_000 * 100_000)
        #expect(regions["europe"]?.countriesCounted == 1 && regions["europe"]?.countriesInArea == 1)
    }

    @Test func aShareDividesByAnotherSelectionOfTheSameDataflow() throws {
        let computation = IndicatorComputation(indicator: try indicator("ONLINE_SHARE"), countries: countries,
                                               population: population)
        let observations = [
            contacts("KE", ["CONTACT_TYPE": "child-self", "ONLINE": "Y"], 30), contacts("KE", ["CONTACT_TYPE": "child-self"], 120),
            contacts("KE", ["CONTACT_TYPE": "about-child", "ONLINE": "Y"], 10), contacts("KE", ["CONTACT_TYPE": "about-child"], 80),
        ]

        let kenya = try #require(computation.countryValues(from: observations).first)

        #expect(kenya.value == 40.0 / 200 * 100)
    }
}

extension IndicatorComputationTests {
    @Test func aSumMissingOneOfItsCodesIsNotShownAsIfComplete() throws {
        let computation = IndicatorComputation(indicator: try indicator("CONTACTS_PER_100K_CHILDREN"),
                                               countries: countries, population: population)

        let values = computation.countryValues(from: [contacts("KE", ["CONTACT_TYPE": "child-self"], 300)])

        #expect(values.first?.status == .missing, "contacts about a child were not reported, so the rate is unknown")
    }

    @Test func percentagesWithoutTheirCountsAreNotAddedIntoRegions() throws {
        let computation = IndicatorComputation(indicator: try indicator("SURVEY_HELPLINE_AWARENESS"),
                                               countries: countries, population: population)
        let values = [IndicatorValue(area: "KE", period: quarter, status: .published, value: 60, numerator: 60),
                      IndicatorValue(area: "TZ", period: quarter, status: .published, value: 70, numerator: 70)]

        #expect(computation.aggregate(values, areas: computation.standardAreas()).isEmpty)
    }
}
