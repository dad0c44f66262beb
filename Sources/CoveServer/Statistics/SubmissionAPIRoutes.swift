import CoveCore
import Fluent
import Vapor

/// The submission workflow for scripts: the same rules as the pages, signed in with the same
/// session. A file is the request body itself, so `curl --data-binary @ke-2025-q1.csv` uploads it.
struct SubmissionAPIRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "statistics", "submissions")
        api.get(use: list).access(.roles(SubmissionAccess.participants))
        api.on(.POST, body: .collect(maxSize: ByteCount(integerLiteral: SubmissionRoutes.maximumUploadBytes)), use: upload)
            .access(.roles(SubmissionAccess.uploaders)).bodyLimit(SubmissionRoutes.maximumUploadBytes)
        api.get(":id", use: show).access(.roles(SubmissionAccess.participants))
        api.post(":id", ":action", use: act).access(.roles(SubmissionAccess.participants))
    }

    struct UploadQuery: Content {
        var dataflow: String?
        var dryRun: Bool?
        var corrects: UUID?
    }

    struct ActionBody: Content {
        var reason: String?
    }

    @Sendable func list(req: Request) async throws -> [SubmissionJSON] {
        let (actor, _) = try await req.submissionActor()
        return try await req.visibleSubmissions(for: actor).map { SubmissionJSON($0) }
    }

    @Sendable func show(req: Request) async throws -> SubmissionJSON {
        let (actor, _) = try await req.submissionActor()
        let submission = try await req.visibleSubmission(req.parameters.get("id", as: UUID.self), for: actor)
        try await req.audit.record("stats.submission_read", "statistical_submission", id: submission.id)
        let events = try await SubmissionEvent.query(on: req.db).filter(\.$submission.$id == submission.requireID())
            .sort(\.$occurredAt).all()
        return SubmissionJSON(submission, events: events)
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let query = try req.query.decode(UploadQuery.self)
        let (actor, person) = try await req.submissionActor()
        let corrects = try await query.corrects.asyncMap { try await req.visibleSubmission($0, for: actor) }
        let data = req.body.data.map { Data(buffer: $0) } ?? Data()
        do {
            let outcome = try await StatisticsImport(db: req.db, countries: req.application.countries, now: req.now).run(
                data, dataflow: query.dataflow ?? "",
                submittedBy: .init(label: person.email, organisationID: person.$organisation.id, actor: actor,
                                   corrects: corrects),
                dryRun: query.dryRun ?? false)
            guard let id = outcome.submissionID, let stored = try await StatisticalSubmission.find(id, on: req.db) else {
                return try await UploadSummary(outcome).encodeResponse(status: .ok, for: req)
            }
            try await req.audit.record("stats.submission_uploaded", "statistical_submission", id: id,
                                       detail: "observations=\(outcome.observations)")
            return try await SubmissionJSON(stored).encodeResponse(status: .created, for: req)
        } catch let failure as StatisticsImport.Failure {
            return try await ProblemsJSON(failure).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    @Sendable func act(req: Request) async throws -> SubmissionJSON {
        do {
            return SubmissionJSON(try await req.takeSubmissionStep(reason: (try? req.content.decode(ActionBody.self))?.reason))
        } catch let refused as SubmissionStepRefused {
            let (message, status) = refused.failure.explanation(req)
            throw ExplainedError(status, message)
        }
    }
}

/// A submission as the API shows it.
struct SubmissionJSON: Content {
    struct Event: Content {
        var at: Date
        var action: String
        var status: String
        var actor: String
        var note: String?
    }

    var id: UUID?
    var dataflow: String
    var country: String?
    var region: String?
    var version: Int
    var status: String
    var returnReason: String?
    var observations: Int
    var methodologyVersion: String?
    var submittedBy: String
    var createdAt: Date
    var lineage: UUID?
    var history: [Event]?

    init(_ submission: StatisticalSubmission, events: [SubmissionEvent]? = nil) {
        id = submission.id
        dataflow = submission.dataflow
        country = submission.refArea
        region = submission.regionCode
        version = submission.version
        status = submission.status.rawValue
        returnReason = submission.returnReason
        observations = submission.observations
        methodologyVersion = submission.methodologyVersion
        submittedBy = submission.submittedBy
        createdAt = submission.createdAt
        lineage = submission.lineageID
        history = events?.map { Event(at: $0.occurredAt, action: $0.action, status: $0.status, actor: $0.actorLabel,
                                      note: $0.note) }
    }
}

/// What a dry run found in a valid file.
struct UploadSummary: Content {
    var dryRun = true
    var country: String
    var format: String
    var observations: Int
    var series: Int
    var periods: [String]

    init(_ outcome: StatisticsImport.Outcome) {
        country = outcome.country
        format = outcome.format.rawValue
        observations = outcome.observations
        series = outcome.series
        periods = outcome.periods
    }
}

/// Why a file was refused: every problem with its line and column, as in the browser.
struct ProblemsJSON: Content {
    struct Problem: Content {
        var code: String
        var line: Int
        var column: Int?
        var columnName: String?
        var message: String
    }

    var error = "Unprocessable Entity"
    var problems: [Problem]

    init(_ failure: StatisticsImport.Failure) {
        switch failure {
        case let .problems(found):
            problems = found.problems.map {
                Problem(code: $0.code.rawValue, line: $0.line, column: $0.column, columnName: $0.columnName, message: $0.message)
            }
        default:
            problems = [Problem(code: "refused", line: 0, message: failure.description)]
        }
    }
}
