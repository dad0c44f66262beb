import Foundation
import Testing
@testable import CoveCore

@Suite("Indicator table from rollups")
struct RollupIndicatorTableTests {
    let table = RollupIndicatorTable(
        catalogue: try! IndicatorCatalogue.bundled,
        countries: CountryList([
            .init(code: "KE", alpha3: "KEN", name: "Kenya", region: .africa),
            .init(code: "TZ", alpha3: "TZA", name: "Tanzania", region: .africa),
        ]),
        population: try! ChildPopulation(csv: """
            iso_alpha3,year,sex,population_under18
            KEN,2022,_T,2000000
            TZA,2022,_T,1000000

            """))

    private func margin(_ country: String, _ month: String, _ type: String, _ dimension: ContactMargin.Dimension,
                        _ contacts: Int, code: String = "_T") -> RollupIndicatorTable.MarginCount {
        .init(country: country, month: month, contactType: type, dimension: dimension, code: code, contacts: contacts)
    }

    private func value(_ rows: [RollupIndicatorTable.Row], _ indicator: String, _ area: String,
                       _ period: String = "2025-Q1") -> IndicatorValue? {
        rows.first { $0.indicator == indicator && $0.value.area == area && $0.value.period.description == period }?.value
    }

    /// Two months of Kenya, one of Tanzania, in the first quarter.
    var margins: [RollupIndicatorTable.MarginCount] {
        [
            margin("KE", "2025-01", "child-self", .total, 100), margin("KE", "2025-02", "child-self", .total, 60),
            margin("KE", "2025-01", "about-child", .total, 40), margin("KE", "2025-01", "non-counselling", .total, 900),
            margin("KE", "2025-01", "_T", .total, 1_100), margin("KE", "2025-02", "_T", .total, 60),
            margin("KE", "2025-01", "child-self", .category, 30, code: "online-harm"),
            margin("KE", "2025-01", "about-child", .category, 10, code: "online-harm"),
            margin("KE", "2025-01", "child-self", .online, 50, code: "Y"), margin("KE", "2025-01", "about-child", .online, 0, code: "Y"),
            margin("TZ", "2025-03", "child-self", .total, 20), margin("TZ", "2025-03", "about-child", .total, 10),
            margin("TZ", "2025-03", "_T", .total, 30),
        ]
    }

    @Test func countriesRatesAddTheirMonthsAndTheSelectedContactTypes() throws {
        let rows = table.rows(margins: margins, operations: [:])

        let kenya = try #require(value(rows, "CONTACTS_PER_100K_CHILDREN", "KE"))
        #expect(kenya.numerator == 200)
        #expect(kenya.value == 200.0 / 2_000_000 * 100_000)
        #expect(value(rows, "CONTACTS", "KE")?.value == 1_160)
        #expect(value(rows, "ONLINE_HARM_PER_100K_CHILDREN", "KE")?.numerator == 40)
        #expect(value(rows, "ONLINE_SHARE", "KE")?.value == 50.0 / 200 * 100)
    }

    @Test func regionsAndTheWorldAddUpTheCountriesThatCounted() throws {
        let rows = table.rows(margins: margins, operations: [:])

        let africa = try #require(value(rows, "CONTACTS_PER_100K_CHILDREN", "africa"))
        #expect(africa.numerator == 230 && africa.denominator == 3_000_000)
        #expect(africa.countriesCounted == 2)
        #expect(value(rows, "CONTACTS", "world")?.value == 1_190)
        #expect(value(rows, "ONLINE_HARM_PER_100K_CHILDREN", "TZ")?.value == 0,
                "Tanzania's rollups counted no online harm: zero, not unreported")
    }

    @Test func operationsGiveTheAnswerRateAndMeanWait() throws {
        let operations = ["KE": [RollupSubmission.Operations(month: "2025-01", channel: "voice", offered: 10, answered: 8,
                                                             waitSeconds: 240),
                                 RollupSubmission.Operations(month: "2025-02", channel: "web-chat", offered: 10,
                                                             answered: 2, waitSeconds: 60)]]

        let rows = table.rows(margins: [], operations: operations)

        #expect(value(rows, "ANSWER_RATE", "KE", "2025-01")?.value == 80, "the answer rate is monthly")
        #expect(value(rows, "ANSWER_RATE", "KE", "2025-02")?.value == 20)
        #expect(value(rows, "MEAN_WAIT", "KE", "2025-01")?.value == 30)
        #expect(value(rows, "ANSWER_RATE", "KE") == nil)
    }

    @Test func onlyTheDimensionsIndicatorsSelectAreRead() {
        #expect(table.selectedMargins == [.total: ["_T"], .online: ["Y"], .category: ["online-harm"]])
    }

    @Test func theCSVHasOneRowPerIndicatorAreaAndQuarter() throws {
        let rows = table.rows(margins: margins, operations: [:])

        let lines = RollupIndicatorTable.csv(rows).split(whereSeparator: \.isNewline)

        #expect(lines.first == Substring(RollupIndicatorTable.csvHeader.joined(separator: ",")))
        #expect(lines.count == rows.count + 1)
        #expect(lines.contains("CONTACTS,KE,2025-Q1,published,1160,1160,,,"))
    }
}
