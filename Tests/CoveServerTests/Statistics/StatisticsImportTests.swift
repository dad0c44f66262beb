import Fluent
import Foundation
import Testing
import Vapor
@testable import CoveServer

@Suite("Statistics import")
struct StatisticsImportTests {
    private let operations = """
        FREQ,REF_AREA,CHANNEL,MEASURE,TIME_PERIOD,OBS_VALUE
        Q,KE,_T,OFFERED,2025-Q1,120
        Q,KE,voice,OFFERED,2025-Q1,100
        Q,KE,sms,OFFERED,2025-Q1,20
        Q,KE,web-chat,OFFERED,2025-Q1,0
        Q,KE,whatsapp,OFFERED,2025-Q1,0
        Q,KE,other,OFFERED,2025-Q1,0
        Q,KE,_T,ANSWERED,2025-Q2,90
        Q,KE,voice,ANSWERED,2025-Q2,

        """

    @Test func aValidFileIsStoredWholeAsADraftSubmission() async throws {
        try await withCove { app, _ in
            let summary = try await CoveStatistics.importFile(Data(operations.utf8), dataflow: "HELPLINE_OPERATIONS",
                                                              dryRun: false, on: app)

            let submission = try #require(try await StatisticalSubmission.find(summary.submissionID, on: app.db))
            #expect(submission.status == .draft)
            #expect(submission.dataflow == "COVE:HELPLINE_OPERATIONS(1.0)")
            #expect(summary.periods == ["2025-Q1", "2025-Q2"])
            let stored = try await Observation.query(on: app.db).filter(\.$submission.$id == submission.id!).all()
            #expect(stored.count == 8)
            #expect(stored.first { $0.seriesKey == "Q.KE.voice.OFFERED" }?.value == 100)
            let missing = try #require(stored.first { $0.seriesKey == "Q.KE.voice.ANSWERED" })
            #expect(missing.value == nil, "an empty value is kept as missing, not as zero")
        }
    }

    @Test func aDryRunSaysWhatWouldBeStoredAndStoresNothing() async throws {
        try await withCove { app, _ in
            let summary = try await CoveStatistics.importFile(Data(operations.utf8), dataflow: "HELPLINE_OPERATIONS",
                                                              dryRun: true, on: app)

            #expect(summary.submissionID == nil)
            #expect(summary.observations == 8 && summary.series == 8)
            #expect(try await StatisticalSubmission.query(on: app.db).count() == 0)
            #expect(try await Observation.query(on: app.db).count() == 0)
        }
    }

    @Test func aFileWithProblemsNamesEachLineAndColumnAndLosesNothingStored() async throws {
        try await withCove { app, _ in
            _ = try await CoveStatistics.importFile(Data(operations.utf8), dataflow: "HELPLINE_OPERATIONS", dryRun: false, on: app)
            let broken = operations.replacingOccurrences(of: "Q,KE,sms,OFFERED,2025-Q1,20", with: "Q,KE,fax,OFFERED,2025-Q1,-3")

            let error = await #expect(throws: StatisticsImport.Failure.self) {
                try await CoveStatistics.importFile(Data(broken.utf8), dataflow: "HELPLINE_OPERATIONS", dryRun: false, on: app)
            }

            let message = String(describing: try #require(error))
            #expect(message.contains("line 4, column 3 (CHANNEL)") && message.contains("\"fax\""))
            #expect(message.contains("line 4, column 6 (OBS_VALUE)"))
            #expect(try await StatisticalSubmission.query(on: app.db).count() == 1)
            #expect(try await Observation.query(on: app.db).count() == 8)
        }
    }

    @Test func aTotalThatIsNotTheSumOfItsPartsIsRefusedAtTheTotalsLine() async throws {
        try await withCove { app, _ in
            let wrongTotal = operations.replacingOccurrences(of: "Q,KE,_T,OFFERED,2025-Q1,120", with: "Q,KE,_T,OFFERED,2025-Q1,125")

            let error = await #expect(throws: StatisticsImport.Failure.self) {
                try await CoveStatistics.importFile(Data(wrongTotal.utf8), dataflow: "HELPLINE_OPERATIONS", dryRun: false, on: app)
            }

            let message = String(describing: try #require(error))
            #expect(message.contains("line 2"))
            #expect(try await Observation.query(on: app.db).count() == 0)
        }
    }

    @Test func anUnknownDataflowIsNamedWithTheOnesThatExist() async throws {
        try await withCove { app, _ in
            let error = await #expect(throws: StatisticsImport.Failure.self) {
                try await CoveStatistics.importFile(Data(operations.utf8), dataflow: "HELPLINES", dryRun: true, on: app)
            }

            let message = String(describing: try #require(error))
            #expect(message.contains("HELPLINE_CONTACTS"))
        }
    }
}
