import CoveCore
import Foundation
import Testing
import Vapor
@testable import CoveServer

/// Takes a file for Kenya through upload, approval and publication, as the workflow tests do page by
/// page, so the open-data and comparison tests start from published figures.
enum PublishedStatistics {
    static let kenyaContacts = """
        FREQ,REF_AREA,CONTACT_TYPE,CATEGORY,SUBCATEGORY,ONLINE,AGE_BAND,GENDER,CHANNEL,TIME_PERIOD,OBS_VALUE
        Q,KE,_T,_T,_T,_T,_T,_T,_T,2025-Q1,450
        Q,KE,child-self,_T,_T,_T,_T,_T,_T,2025-Q1,300
        Q,KE,about-child,_T,_T,_T,_T,_T,_T,2025-Q1,100
        Q,KE,non-counselling,_T,_T,_T,_T,_T,_T,2025-Q1,50
        Q,KE,_T,_T,_T,_T,_T,_T,_T,2025-Q2,520
        Q,KE,child-self,_T,_T,_T,_T,_T,_T,2025-Q2,380
        Q,KE,about-child,_T,_T,_T,_T,_T,_T,2025-Q2,90
        Q,KE,non-counselling,_T,_T,_T,_T,_T,_T,2025-Q2,50

        """

    @discardableResult
    static func publish(_ csv: String, dataflow: String, on app: Application) async throws -> UUID {
        let ministry = try await People.organisation(.nationalFocalPoint, on: app)
        let reporter = SubmissionActor(roles: [.nationalFocalPoint], organisationID: try ministry.requireID().uuidString,
                                       country: "KE")
        let office = SubmissionActor(roles: [.regionalOfficer], organisationID: "office", region: .africa)
        let outcome = try await StatisticsImport(db: app.db, countries: app.countries, now: app.clock.now())
            .run(Data(csv.utf8), dataflow: dataflow,
                 submittedBy: .init(label: "test", organisationID: ministry.id, actor: reporter), dryRun: false)
        let id = try #require(outcome.submissionID)
        let workflow = SubmissionWorkflowService(db: app.db, countries: app.countries, now: app.clock.now(),
                                                 cache: app.publishedStatistics)
        try await workflow.perform(.submit, on: id, by: reporter, actorLabel: "test")
        for action in [SubmissionAction.approve, .publish] {
            try await workflow.perform(action, on: id, by: office, actorLabel: "test")
        }
        return id
    }
}
