import CoveCore
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

@Suite("Statistics pages: comparison across countries")
struct StatisticsPageTests {
    @Test func aCountryPageShowsItsRatePer100000ChildrenWithAChartAndATable() async throws {
        try await withCove { app, _ in
            try await PublishedStatistics.publish(PublishedStatistics.kenyaContacts, dataflow: "HELPLINE_CONTACTS", on: app)
            let children = try #require(try ChildPopulation.bundled.underEighteen(alpha2: "KE", year: 2025, countries: app.countries))
            let expected = (400.0 / Double(children.persons) * 100_000).formatted(.number.precision(.fractionLength(1))
                .locale(Locale(identifier: "en")))

            let page = try await app.testing().sendRequest(.GET, "/en/statistics/indicators/CONTACTS_PER_100K_CHILDREN?area=KE")

            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("id=\"latest-period\">2025-Q2<"))
            #expect(html.contains(">\(expected)</td>"), "2025-Q1: 300 + 100 counselling contacts over Kenya's children")
            #expect(html.contains("<svg") && html.contains("role=\"img\""))
            #expect(html.contains("id=\"table-series\""))
        }
    }

    @Test func aRegionRanksItsCountriesAndCountsWhoReported() async throws {
        try await withCove { app, _ in
            try await PublishedStatistics.publish(PublishedStatistics.kenyaContacts, dataflow: "HELPLINE_CONTACTS", on: app)

            let page = try await app.testing().sendRequest(.GET, "/fr/statistics/indicators/CONTACTS_PER_100K_CHILDREN?area=africa")
            let csv = try await app.testing().sendRequest(.GET, "/en/statistics/indicators/CONTACTS_PER_100K_CHILDREN/data.csv?area=africa")

            #expect(page.status == .ok)
            #expect(page.body.string.contains("id=\"table-ranking\""))
            #expect(page.body.string.contains("?area=KE"))
            let lines = csv.body.string.split(whereSeparator: \.isNewline)
            #expect(lines.first == "indicator,area,period,value,status,numerator,denominator,countries_counted,countries_in_area")
            #expect(lines.contains { $0.hasPrefix("CONTACTS_PER_100K_CHILDREN,KE,2025-Q1,") && $0.contains(",published,400,") })
            #expect(lines.contains { $0.hasPrefix("CONTACTS_PER_100K_CHILDREN,africa,2025-Q1,") && $0.hasSuffix(",1,\(africaCount(app))") })
        }
    }

    private func africaCount(_ app: Application) -> Int {
        app.countries.all.filter { $0.region == .africa }.count
    }

    @Test func everyIndicatorPageOpensInEveryLanguageEvenWithoutData() async throws {
        try await withCove { app, _ in
            for language in Language.allCases {
                let index = try await app.testing().sendRequest(.GET, "/\(language.rawValue)/statistics")
                #expect(index.status == .ok)
            }
            for indicator in try IndicatorCatalogue.bundled.indicators {
                let page = try await app.testing().sendRequest(.GET, "/ar/statistics/indicators/\(indicator.id)")
                #expect(page.status == .ok, "\(indicator.id)")
            }
            let unknownArea = try await app.testing().sendRequest(.GET, "/en/statistics/indicators/CONTACTS?area=XX")
            #expect(unknownArea.status == .notFound)
        }
    }

    @Test func theMethodologyPageDescribesEveryIndicatorAndDataflowFromTheCatalogue() async throws {
        try await withCove { app, _ in
            let catalogue = try IndicatorCatalogue.bundled

            let page = try await app.testing().sendRequest(.GET, "/es/statistics/methodology")

            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("id=\"methodology-version\">\(catalogue.version)<"))
            for indicator in catalogue.indicators { #expect(html.contains("id=\"indicator-\(indicator.id)\"")) }
            for flow in catalogue.dataflows { #expect(html.contains("id=\"dataflow-\(flow.id)\"")) }
            #expect(html.contains("CONTACT_TYPE: _T = child-self + about-child + non-counselling"))
        }
    }

    @Test func aRegionWithSeveralPeriodsDrawsItsCountriesAsSmallMultiples() async throws {
        try await withCove { app, _ in
            try await PublishedStatistics.publish(PublishedStatistics.kenyaContacts, dataflow: "HELPLINE_CONTACTS", on: app)

            let page = try await app.testing().sendRequest(.GET, "/en/statistics/indicators/CONTACTS?area=africa")

            #expect(page.body.string.contains("id=\"figure-multiples\""))
            #expect(page.body.string.contains("id=\"table-multiples\""))
        }
    }

    @Test func coverageIsComputedFromTheDirectoryNotSubmitted() async throws {
        try await withCove { app, _ in
            let snapshot = try await app.directoryCache.snapshot(on: app.db, now: app.clock.now())
            let coverage = HarmonisedCoverage(records: snapshot.records, countryList: app.countries)
            let europe = try #require(coverage.regions.first { $0.region == .europe })
            let share = (Double(europe.covered) / Double(europe.countries) * 100)
                .formatted(.number.precision(.fractionLength(1)).locale(Locale(identifier: "en")))

            let csv = try await app.testing().sendRequest(.GET, "/en/statistics/indicators/COVERAGE_SHARE/data.csv?area=europe")

            let row = try #require(csv.body.string.split(whereSeparator: \.isNewline).first { $0.hasPrefix("COVERAGE_SHARE,europe,") })
            let value = try #require(Double(row.split(separator: ",")[3]))
            #expect(value.formatted(.number.precision(.fractionLength(1)).locale(Locale(identifier: "en"))) == share)
            #expect(row.hasSuffix(",\(europe.countries),\(europe.countries)"), "every country counts: coverage is known for all")
        }
    }
}
