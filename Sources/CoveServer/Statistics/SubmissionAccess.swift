import CoveCore
import Fluent
import Vapor

/// Who may reach the submission pages and API; what each may do there is decided per submission
/// by `SubmissionWorkflow`.
enum SubmissionAccess {
    static let participants: [Role: AccessScope] = [
        .nationalFocalPoint: .ownOrganisation, .helplineAdministrator: .ownOrganisation,
        .regionalOfficer: .ownOrganisation, .secretariat: .everything,
    ]
    static let uploaders: [Role: AccessScope] = [.nationalFocalPoint: .ownOrganisation,
                                                 .helplineAdministrator: .ownOrganisation]
}

extension Request {
    /// The signed-in person as the workflow sees them, with their organisation's country and region.
    func submissionActor() async throws -> (actor: SubmissionActor, person: Person) {
        let person = try requirePerson()
        guard let organisation = try await Organisation.find(person.$organisation.id, on: db) else {
            throw Abort(.forbidden)
        }
        let actor = SubmissionActor(roles: Set(person.roleList), organisationID: person.$organisation.id.uuidString,
                                    country: organisation.countryCode, region: organisation.region)
        return (actor, person)
    }

    /// The submission `id` if `actor` may see it; 404 otherwise, so ids cannot be probed.
    func visibleSubmission(_ id: UUID?, for actor: SubmissionActor) async throws -> StatisticalSubmission {
        guard let id, let submission = try await StatisticalSubmission.find(id, on: db),
              SubmissionWorkflow.maySee(actor, organisationID: submission.$organisation.id?.uuidString,
                                        region: submission.region, status: submission.status)
        else { throw Abort(.notFound) }
        return submission
    }

    /// Submissions `actor` may see, newest first: the same rule as `SubmissionWorkflow.maySee`,
    /// asked of the database so a long history is not read to show a page of it.
    func visibleSubmissions(for actor: SubmissionActor, limit: Int = 200) async throws -> [StatisticalSubmission] {
        let reporter = !actor.roles.isDisjoint(with: SubmissionWorkflow.reporters)
        let organisationID = UUID(uuidString: actor.organisationID)
        return try await StatisticalSubmission.query(on: db).group(.or) { any in
            if reporter, let organisationID { any.filter(\.$organisation.$id == organisationID) }
            any.group(.and) { shared in
                shared.filter(\.$status != .draft)
                if actor.roles.contains(.secretariat) {
                    shared.filter(\.$version >= 1)
                } else if actor.roles.contains(.regionalOfficer), let region = actor.region {
                    shared.filter(\.$regionCode == region.rawValue)
                } else {
                    shared.filter(\.$version < 0)
                }
            }
        }.sort(\.$createdAt, .descending).limit(limit).all()
    }

    /// Takes the workflow step named in the path (`…/{id}/{action}`) on a submission the signed-in
    /// person may see, and audits it: the pages and the API differ only in how they answer.
    /// Throws `SubmissionWorkflowService.Failure` when the step is refused.
    func takeSubmissionStep(reason: String?) async throws -> StatisticalSubmission {
        let (actor, person) = try await submissionActor()
        let submission = try await visibleSubmission(parameters.get("id", as: UUID.self), for: actor)
        guard let action = parameters.get("action").flatMap(SubmissionAction.init(rawValue:)) else {
            throw Abort(.notFound)
        }
        do {
            let done = try await SubmissionWorkflowService(db: db, countries: application.countries, now: now,
                                                           cache: application.publishedStatistics)
                .perform(action, on: try submission.requireID(), by: actor, actorLabel: person.email, reason: reason)
            try await audit.record("stats.submission_\(action.rawValue)", "statistical_submission", id: submission.id)
            return done
        } catch let failure as SubmissionWorkflowService.Failure {
            throw SubmissionStepRefused(failure: failure, submission: submission, actor: actor)
        }
    }
}

/// A refused workflow step, with what the page needs to show the submission again beside the reason.
struct SubmissionStepRefused: Error {
    let failure: SubmissionWorkflowService.Failure
    let submission: StatisticalSubmission
    let actor: SubmissionActor
}
