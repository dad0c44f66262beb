import Foundation
import Testing
@testable import CoveCore

@Suite("One country per submission")
struct SubmissionAreaTests {
    private func table(_ text: String) throws -> SubmissionTable {
        try SDMXFixtures.reader.table(from: Data(text.utf8)).get()
    }

    @Test func theCountryIsReadEvenFromLabelledCells() throws {
        let country = try table(SDMXFixtures.sdmx2WithLabels).reportingCountry(countries: ["KE", "GB"]).get()
        #expect(country == "KE")
    }

    @Test func aSecondCountryIsRefusedAtItsRowNamingTheFirst() throws {
        let text = SDMXFixtures.sdmx1.replacingOccurrences(of: "Q,KE,U", with: "Q,GB,U")

        let problems = try #require(throws: SubmissionProblems.self) {
            try table(text).reportingCountry(countries: ["KE", "GB"]).get()
        }

        let problem = try #require(problems.problems.first)
        #expect(problem.code == .mixedAreas && problem.line == 4 && problem.column == 3 && problem.relatedLines == [2])
    }

    @Test func aRegionOrUnknownAreaIsNotACountry() throws {
        let problems = try #require(throws: SubmissionProblems.self) {
            try table(SDMXFixtures.sdmx1).reportingCountry(countries: ["GB"]).get()
        }
        #expect(problems.problems.map(\.line) == [2])
    }
}
