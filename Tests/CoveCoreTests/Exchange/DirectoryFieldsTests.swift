import Foundation
import Testing
@testable import CoveCore

@Suite("Directory fields")
struct DirectoryFieldsTests {
    private func record(country: String) -> (DirectoryRecord?, [DirectoryImportError]) {
        var fields = DirectoryFields(values: ["id": "ar-102", "name": "Línea 102", "country": country,
                                              "time_zone": "America/Argentina/Buenos_Aires"],
                                     line: 2, knownCountries: ["AR", "GB"])
        let record = fields.record()
        return (record, fields.problems)
    }

    @Test(arguments: ["AR", "AR-R", "ar-r;AR-B", "GB-SCT", "AR-1"])
    func countriesAndTheirSubdivisionsAreAccepted(country: String) throws {
        let (record, problems) = record(country: country)
        #expect(problems.isEmpty, "\(problems)")
        #expect(record?.countries == country.uppercased().split(separator: ";").map(String.init))
    }

    @Test(arguments: ["ZZ", "ZZ-R", "AR-", "AR-ABCD", "AR-R-1", "ARG", "A"])
    func otherCodesAreRefusedOnTheCountryField(country: String) {
        let (record, problems) = record(country: country)
        #expect(record == nil)
        #expect(problems.map(\.field) == ["country"])
        #expect(problems.first?.line == 2)
    }

    @Test func aProvincialLineIsOfferedInItsCountry() throws {
        let (record, _) = record(country: "AR-R")
        let listing = try #require(record).listing
        #expect(listing.covers("AR"))
        #expect(listing.covers("ar"))
        #expect(!listing.covers("GB"))
        #expect(listing.countryCodes == ["AR"])
    }
}

@Suite("Directory fields that protect people")
struct DirectoryFieldsProtectionTests {
    private func problems(_ values: [String: String]) -> [DirectoryImportError] {
        var all = ["id": "gb-line", "name": "Line", "country": "GB", "time_zone": "Europe/London", "opening_hours": "24/7"]
        all.merge(values) { _, new in new }
        var fields = DirectoryFields(values: all, line: 3, knownCountries: ["GB"])
        _ = fields.record()
        return fields.problems
    }

    @Test(arguments: [
        (["name": "=HYPERLINK(\"http://x\")"], "name"),
        (["names": "fr=@SUM(A1)"], "names"),
        (["descriptions": "en=+1+1"], "descriptions"),
        (["source_seen": "=1"], "source_seen"),
        (["verified_by": "ada@example.org"], "verified_by"),
    ])
    func formulasAndPersonalAddressesAreRefused(values: [String: String], field: String) {
        #expect(problems(values).map(\.field) == [field])
    }

    @Test func aClosureClosesChannelsWithTheirOwnHoursToo() throws {
        var fields = DirectoryFields(values: [
            "id": "gb-line", "name": "Line", "country": "GB", "time_zone": "Europe/London",
            "channel_hours": "web-chat=Mo-Su 16:00-20:00", "web_chat": "https://example.org/chat",
            "exceptions": "2026-12-25 closed Christmas Day",
        ], line: 2, knownCountries: ["GB"])
        let read = fields.record()
        let record = try #require(read, "\(fields.problems)")
        let chat = try #require(record.contactPoints.first?.schedule)
        #expect(!chat.isOpen(at: instant("2026-12-25T17:00:00Z")))
        #expect(chat.isOpen(at: instant("2026-12-26T17:00:00Z")))
        #expect(DirectoryCSV.fields(of: record)[DirectoryCSV.columns.firstIndex(of: "exceptions")!] == "2026-12-25 closed Christmas Day")
    }

    @Test func tooManyExceptionsAreRefused() {
        let many = (0..<401).map { LocalDate(validYear: 2027, month: 1, day: 1).adding(days: $0).description + " closed Closed" }
        #expect(problems(["exceptions": many.joined(separator: " | ")]).map(\.field) == ["exceptions"])
    }
}
