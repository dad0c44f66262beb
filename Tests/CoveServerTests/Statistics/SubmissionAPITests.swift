import CoveCore
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

@Suite("Statistics submissions through the API")
struct SubmissionAPITests {
    private func signedIn(_ role: Role, on app: Application, in organisation: Organisation? = nil) async throws -> Browser {
        let person = try await People.person(role, on: app, in: organisation)
        let browser = Browser(app)
        try await browser.signIn(person.email, People.password)
        return browser
    }

    private func decode<T: Decodable>(_ type: T.Type, _ response: TestingHTTPResponse) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(response.body.readableBytesView))
    }

    @Test func aScriptUploadsTheFileAsTheBodyAndTheRegionApprovesIt() async throws {
        try await withCove { app, _ in
            let reporter = try await signedIn(.nationalFocalPoint, on: app)
            let officer = try await signedIn(.regionalOfficer, on: app)

            let created = try await reporter.send(.POST, "/api/v1/statistics/submissions?dataflow=HELPLINE_OPERATIONS",
                                                  body: SubmissionWorkflowTests.operations, headers: [("Content-Type", "text/csv")])
            let submission = try decode(SubmissionJSON.self, created)
            let id = try #require(submission.id)
            let submitted = try await reporter.send(.POST, "/api/v1/statistics/submissions/\(id)/submit", body: nil, headers: [])
            let approved = try await officer.send(.POST, "/api/v1/statistics/submissions/\(id)/approve", body: nil, headers: [])
            let shown = try decode(SubmissionJSON.self, try await officer.get("/api/v1/statistics/submissions/\(id)"))

            #expect(created.status == .created)
            #expect(submission.status == "draft" && submission.country == "KE" && submission.region == "africa")
            #expect(submission.methodologyVersion == (try IndicatorCatalogue.bundled.version))
            #expect(submitted.status == .ok && approved.status == .ok)
            #expect(shown.status == "approved")
            #expect(shown.history?.map(\.action) == ["uploaded", "submit", "approve"])
        }
    }

    @Test func problemsComeBackWithLineAndColumnAndAReasonIsNeededToReturn() async throws {
        try await withCove { app, _ in
            let reporter = try await signedIn(.nationalFocalPoint, on: app)
            let officer = try await signedIn(.regionalOfficer, on: app)
            let broken = SubmissionWorkflowTests.operations.replacingOccurrences(of: "Q,KE,voice,OFFERED,2025-Q1,100",
                                                                                 with: "Q,KE,voice,OFFERED,2025-Q9,100")

            let refused = try await reporter.send(.POST, "/api/v1/statistics/submissions?dataflow=HELPLINE_OPERATIONS",
                                                  body: broken, headers: [("Content-Type", "text/csv")])
            let created = try await reporter.send(.POST, "/api/v1/statistics/submissions?dataflow=HELPLINE_OPERATIONS",
                                                  body: SubmissionWorkflowTests.operations, headers: [("Content-Type", "text/csv")])
            let id = try #require(try decode(SubmissionJSON.self, created).id)
            try await reporter.send(.POST, "/api/v1/statistics/submissions/\(id)/submit", body: nil, headers: [])
            let noReason = try await officer.send(.POST, "/api/v1/statistics/submissions/\(id)/return", body: "{}",
                                                  headers: [("Content-Type", "application/json")])

            #expect(refused.status == .unprocessableEntity)
            let problems = try decode(ProblemsJSON.self, refused).problems
            #expect(problems.contains { $0.line == 3 && $0.column == 5 && $0.columnName == "TIME_PERIOD" })
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("why"), "the refusal says what is missing")
        }
    }

    @Test func aSecretariatReadsButCannotUploadAndNobodyElseSeesAnything() async throws {
        try await withCove { app, _ in
            let secretariat = try await signedIn(.secretariat, on: app)
            let counsellor = try await signedIn(.counsellor, on: app)

            let upload = try await secretariat.send(.POST, "/api/v1/statistics/submissions?dataflow=HELPLINE_OPERATIONS",
                                                    body: SubmissionWorkflowTests.operations, headers: [("Content-Type", "text/csv")])
            let list = try await counsellor.get("/api/v1/statistics/submissions")

            #expect(upload.status == .forbidden)
            #expect(list.status == .forbidden)
        }
    }
}

extension SubmissionAPITests {
    @Test func anotherSitesPageCannotUseTheSessionToWrite() async throws {
        try await withCove { app, _ in
            let reporter = try await signedIn(.nationalFocalPoint, on: app)
            let path = "/api/v1/statistics/submissions?dataflow=HELPLINE_OPERATIONS"

            let forged = try await reporter.send(.POST, path, body: SubmissionWorkflowTests.operations,
                                                 headers: [("Content-Type", "text/csv"), ("Origin", "https://evil.example"),
                                                           ("Host", "cove.example")])
            let own = try await reporter.send(.POST, path, body: SubmissionWorkflowTests.operations,
                                              headers: [("Content-Type", "text/csv"), ("Origin", "https://cove.example"),
                                                        ("Host", "cove.example")])

            #expect(forged.status == .forbidden)
            #expect(own.status == .created)
            #expect(try await StatisticalSubmission.query(on: app.db).count() == 1)
        }
    }
}
