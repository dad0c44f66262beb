import CoveCore
import Foundation
import Testing

@Suite("Contact record reader")
struct ContactRecordReaderTests {
    typealias Fixtures = ContactRecordFixtures
    let taxonomy = try! Taxonomy.bundled

    private func expected(_ records: [Fixtures.Record]) -> [ContactMargin: Int] {
        records.flatMap { $0.margins(taxonomy: taxonomy) }.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    private func problems(_ text: String) -> [ContactRecordReader.Problem] {
        do {
            _ = try Fixtures.read(text)
            return []
        } catch {
            return error.problems
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func recordsGiveTheMarginsCoveCountsForTheSameContacts(seed: UInt64) throws {
        var generator = SplitMix64(state: seed)
        let records = Fixtures.records(500, taxonomy: taxonomy, using: &generator)

        let tally = try Fixtures.read(Fixtures.file(records))

        #expect(tally.records == 500)
        #expect(tally.margins == expected(records))
    }

    @Test(arguments: [1, 7, 64, 4093])
    func howTheFileArrivesInPiecesDoesNotChangeTheCounts(chunk: Int) throws {
        var generator = SplitMix64(state: 99)
        let records = Fixtures.records(200, taxonomy: taxonomy, using: &generator)
        let file = Fixtures.file(records)

        let tally = try Fixtures.read(file, chunk: chunk)

        #expect(tally.margins == (try Fixtures.read(file)).margins)
        #expect(tally.months == Array(Set(records.map { String($0.date.prefix(7)) })).sorted())
    }

    @Test func windowsLineEndsAByteOrderMarkQuotesAndAnyColumnOrderAreRead() throws {
        let text = "\u{FEFF}channel,gender,age_band,online,subcategory,category,contact_type,date,country,helpline\r\n"
            + "voice,girl,13-15,N,\"bullying\",violence,child-self,2025-01-31,KE,\"ke-childline\"\r\n"

        let tally = try Fixtures.read(text)

        #expect(tally.records == 1)
        #expect(tally.margins.keys.contains { $0.code == "violence/bullying" && $0.contactType == "child-self" })
    }

    @Test func anAlwaysOnlineCategoryCountsOnlineWhateverTheMarkSays() throws {
        let text = Fixtures.header + "\nke-childline,KE,2025-02-01,child-self,online-harm,grooming,N,13-15,boy,sms\n"

        let tally = try Fixtures.read(text)

        #expect(tally.margins.keys.contains { $0.dimension == .online && $0.code == "Y" })
        #expect(!tally.margins.keys.contains { $0.dimension == .online && $0.code == "N" })
    }

    @Test func eachProblemNamesItsLineAndColumn() {
        let lines = [
            "ke-childline,KE,2025-02-30,child-self,violence,,N,13-15,girl,voice",
            "ke-childline,TZ,2025-02-01,child-self,violence,,N,13-15,girl,voice",
            "ke-childline,KE,2025-02-01,child-self,violence,grooming,N,13-15,girl,voice",
            "ke-childline,KE,2025-02-01,child-self,,anxiety,N,13-15,girl,voice",
            "nobody,KE,2025-02-01,child-self,violence,,maybe,13-15,girl,fax",
            "ke-childline,KE,2025-02-01,child-self,violence",
            "nordic-line,NO,2025-02-01,child-self,violence,,N,13-15,girl,voice",
        ]

        let found = problems(Fixtures.header + "\n" + lines.joined(separator: "\n"))

        #expect(found.map(\.description) == [
            "line 2, date: \"2025-02-30\" is not a date written like 2025-03-14",
            "line 3, country: \"TZ\" is not a known country of a helpline in the directory",
            "line 4, subcategory: \"grooming\" is not a subcategory of violence",
            "line 5, subcategory: a subcategory needs its category",
            "line 6, helpline: \"nobody\" is not a known helpline id in the directory",
            "line 6, online: must be Y or N",
            "line 6, channel: \"fax\" is not a known channel",
            "line 7, line: has 5 fields; the header has 10",
        ])
    }

    @Test func aCountryTheHelplineDoesNotServeIsRefused() {
        let found = problems(Fixtures.header + "\nke-childline,NO,2025-02-01,child-self,,,N,13-15,girl,voice\n")

        #expect(found.map(\.description) == ["line 2, country: NO is not a country ke-childline serves"])
    }

    @Test func aHeaderMustNameEveryColumnOnce() {
        let found = problems("helpline,country,date,date,category,subcategory,online,age_band,gender,colour\n")

        #expect(found.map(\.description) == [
            "line 1, header: column date appears twice",
            "line 1, header: unknown column \"colour\"; expected \(Fixtures.header)",
            "line 1, header: column contact_type is missing",
            "line 1, header: column channel is missing",
        ])
    }

    @Test func anEmptyFileAndAHeaderAloneAreToldApart() throws {
        #expect(problems("").map(\.reason) == ["the file is empty; expected \(Fixtures.header)"])
        #expect(try Fixtures.read(Fixtures.header + "\n").records == 0)
    }

    @Test func readingStopsAtTwentyProblems() {
        let bad = Array(repeating: "ke-childline,KE,2025-13-01,child-self,,,N,13-15,girl,voice", count: 50)

        let found = problems(Fixtures.header + "\n" + bad.joined(separator: "\n"))

        #expect(found.count == ContactRecordReader.maximumProblems)
        #expect(found.last?.line == 21)
    }

    @Test func aLineLongerThanAnyRecordStopsTheReading() {
        let found = problems(Fixtures.header + "\n" + String(repeating: "x", count: 10_000))

        #expect(found.map(\.description) == ["line 2, line: is longer than 4096 bytes; is this a contact-record file?"])
    }
}
