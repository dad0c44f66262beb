import Testing
@testable import CoveCore

@Suite("Submission workflow rules")
struct SubmissionWorkflowTests {
    let ministry = SubmissionActor(roles: [.nationalFocalPoint], organisationID: "ministry", country: "KE")
    let helpline = SubmissionActor(roles: [.helplineAdministrator], organisationID: "helpline", country: "KE")
    let africa = SubmissionActor(roles: [.regionalOfficer], organisationID: "africa-office", region: .africa)
    let europe = SubmissionActor(roles: [.regionalOfficer], organisationID: "europe-office", region: .europe)
    let secretariat = SubmissionActor(roles: [.secretariat], organisationID: "secretariat")

    private func refusal(_ action: SubmissionAction, by actor: SubmissionActor,
                         status: SubmissionStatus) -> SubmissionWorkflow.Refusal? {
        SubmissionWorkflow.refusal(of: action, by: actor, status: status, organisationID: "ministry", region: .africa)
    }

    @Test func reportersUploadOnlyForTheirOwnCountry() {
        #expect(SubmissionWorkflow.mayUpload(ministry, for: "KE"))
        #expect(SubmissionWorkflow.mayUpload(helpline, for: "KE"))
        #expect(!SubmissionWorkflow.mayUpload(ministry, for: "TZ"))
        #expect(!SubmissionWorkflow.mayUpload(africa, for: "KE"))
        #expect(!SubmissionWorkflow.mayUpload(secretariat, for: "KE"))
    }

    @Test func theSenderSubmitsAndTheRegionDecides() {
        #expect(refusal(.submit, by: ministry, status: .draft) == nil)
        #expect(refusal(.submit, by: helpline, status: .draft) == .notYours)
        #expect(refusal(.approve, by: africa, status: .submitted) == nil)
        #expect(refusal(.return, by: africa, status: .approved) == nil)
        #expect(refusal(.publish, by: africa, status: .approved) == nil)
        #expect(refusal(.approve, by: europe, status: .submitted) == .notYourRegion)
        #expect(refusal(.approve, by: ministry, status: .submitted) == .notYourRegion)
        #expect(refusal(.publish, by: secretariat, status: .approved) == .notYourRegion)
    }

    @Test func eachActionStartsOnlyFromItsStatuses() {
        #expect(refusal(.publish, by: africa, status: .submitted) == .wrongStatus(.submitted))
        #expect(refusal(.approve, by: africa, status: .draft) == .wrongStatus(.draft))
        #expect(refusal(.submit, by: ministry, status: .returned) == .wrongStatus(.returned))
        #expect(refusal(.return, by: africa, status: .published) == .wrongStatus(.published))
        for action in SubmissionAction.allCases {
            #expect(refusal(action, by: africa, status: .superseded) == .wrongStatus(.superseded))
        }
    }

    @Test func draftsStayWithTheirOrganisationAndOthersSeeTheirRegion() {
        #expect(SubmissionWorkflow.maySee(ministry, organisationID: "ministry", region: .africa, status: .draft))
        #expect(!SubmissionWorkflow.maySee(africa, organisationID: "ministry", region: .africa, status: .draft))
        #expect(SubmissionWorkflow.maySee(africa, organisationID: "ministry", region: .africa, status: .submitted))
        #expect(!SubmissionWorkflow.maySee(europe, organisationID: "ministry", region: .africa, status: .submitted))
        #expect(!SubmissionWorkflow.maySee(helpline, organisationID: "ministry", region: .africa, status: .published))
        #expect(SubmissionWorkflow.maySee(secretariat, organisationID: "ministry", region: .africa, status: .returned))
    }
}
