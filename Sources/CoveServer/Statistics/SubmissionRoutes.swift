import CoveCore
import Fluent
import Vapor

/// The submission pages: national focal points and helplines upload and send their statistics,
/// the regional office approves or returns them, and everyone involved sees each one's history.
struct SubmissionRoutes: RouteCollection {
    static let maximumUploadBytes = 64 * 1024 * 1024

    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped(":lang", "statistics", "submissions")
        pages.get(use: list).access(.roles(SubmissionAccess.participants))
        pages.on(.POST, body: .collect(maxSize: ByteCount(integerLiteral: Self.maximumUploadBytes)), use: upload)
            .access(.roles(SubmissionAccess.uploaders)).bodyLimit(Self.maximumUploadBytes)
        pages.post("prepare", use: prepare).access(.only(.helplineAdministrator, scope: .ownOrganisation))
        pages.get(":id", use: show).access(.roles(SubmissionAccess.participants))
        pages.post(":id", ":action", use: act).access(.roles(SubmissionAccess.participants))
    }

    struct Upload: Content {
        var file: File?
        var dataflow: String?
        var dryRun: String?
        var corrects: UUID?
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await renderList(req, form: SubmissionListPage.Form())
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let upload = try req.content.decode(Upload.self)
        let (actor, person) = try await req.submissionActor()
        var form = SubmissionListPage.Form(dataflow: upload.dataflow, dryRun: upload.dryRun != nil,
                                           fileName: upload.file?.filename, corrects: upload.corrects)
        guard let file = upload.file, file.data.readableBytes > 0 else {
            form.errors = [.init(line: 0, column: 0, field: "file", message: req.t("statistics.upload_no_file"))]
            return try await renderList(req, form: form, status: .unprocessableEntity)
        }
        let corrects = try await upload.corrects.asyncMap { try await req.visibleSubmission($0, for: actor) }
        let submitter = StatisticsImport.Submitter(label: person.email, organisationID: person.$organisation.id,
                                                   actor: actor, corrects: corrects)
        do {
            let outcome = try await StatisticsImport(db: req.db, countries: req.application.countries, now: req.now)
                .run(Data(buffer: file.data), dataflow: upload.dataflow ?? "", submittedBy: submitter, dryRun: form.dryRun)
            guard let id = outcome.submissionID else {
                form.summary = .init(outcome, req: req)
                return try await renderList(req, form: form)
            }
            try await req.audit.record("stats.submission_uploaded", "statistical_submission", id: id,
                                       detail: "observations=\(outcome.observations)")
            return req.redirect(to: "/\(req.language.rawValue)/statistics/submissions/\(id)", redirectType: .normal)
        } catch let failure as StatisticsImport.Failure {
            form.errors = SubmissionListPage.Problem.list(for: failure, req: req)
            return try await renderList(req, form: form, status: .unprocessableEntity)
        }
    }

    struct Prepare: Content {
        var dataflow: String
        var quarter: String
    }

    /// A draft made from the contacts the organisation's helplines counted in Cove.
    @Sendable func prepare(req: Request) async throws -> Response {
        let input = try req.content.decode(Prepare.self)
        let (actor, person) = try await req.submissionActor()
        var form = SubmissionListPage.Form(dataflow: input.dataflow, dryRun: false)
        guard let country = actor.country else { throw Abort(.forbidden) }
        let submitter = StatisticsImport.Submitter(label: person.email, organisationID: person.$organisation.id, actor: actor)
        do {
            let outcome = try await RollupSubmissionService(db: req.db, countries: req.application.countries, now: req.now)
                .prepare(input.dataflow, quarter: input.quarter, submitter: submitter, country: country)
            guard let id = outcome.submissionID else { throw Abort(.internalServerError) }
            try await req.audit.record("stats.submission_prepared", "statistical_submission", id: id,
                                       detail: "observations=\(outcome.observations)")
            return req.redirect(to: "/\(req.language.rawValue)/statistics/submissions/\(id)", redirectType: .normal)
        } catch let failure as RollupSubmissionService.Failure {
            let key = switch failure {
            case .notAQuarter: "statistics.prepare_not_a_quarter"
            case .unknownDataflow: "statistics.upload_unknown_dataflow"
            case .nothingCounted: "statistics.prepare_nothing"
            }
            form.errors = [.init(line: 0, column: 0, field: "quarter", message: req.t(key))]
            return try await renderList(req, form: form, status: .unprocessableEntity)
        } catch let failure as StatisticsImport.Failure {
            form.errors = SubmissionListPage.Problem.list(for: failure, req: req)
            return try await renderList(req, form: form, status: .unprocessableEntity)
        }
    }

    private func renderList(_ req: Request, form: SubmissionListPage.Form,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let (actor, _) = try await req.submissionActor()
        let submissions = try await req.visibleSubmissions(for: actor)
        let body = try SubmissionListPage(req: req, actor: actor, submissions: submissions, form: form)
        let view = try await req.renderForm("statistics-submissions", titleKey: "statistics.submissions_title", body: body)
        let response = try await view.encodeResponse(for: req)
        response.status = status
        return response
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (actor, _) = try await req.submissionActor()
        let submission = try await req.visibleSubmission(req.parameters.get("id", as: UUID.self), for: actor)
        try await req.audit.record("stats.submission_read", "statistical_submission", id: submission.id)
        return try await renderSubmission(req, submission, actor: actor, problem: nil)
    }

    @Sendable func act(req: Request) async throws -> Response {
        do {
            let submission = try await req.takeSubmissionStep(reason: try? req.content.get(String.self, at: "reason"))
            return req.redirect(to: "/\(req.language.rawValue)/statistics/submissions/\(try submission.requireID())",
                                redirectType: .normal)
        } catch let refused as SubmissionStepRefused {
            let (message, status) = refused.failure.explanation(req)
            let fresh = try await req.visibleSubmission(refused.submission.id, for: refused.actor)
            let response = try await renderSubmission(req, fresh, actor: refused.actor, problem: message)
            response.status = status
            return response
        }
    }

    private func renderSubmission(_ req: Request, _ submission: StatisticalSubmission, actor: SubmissionActor,
                                  problem: String?) async throws -> Response {
        let body = try await SubmissionDetailPage.load(req: req, submission: submission, actor: actor, problem: problem)
        return try await req.renderForm("statistics-submission", title: body.title, body: body).encodeResponse(for: req)
    }
}

extension SubmissionWorkflowService.Failure {
    func explanation(_ req: Request) -> (String, HTTPResponseStatus) {
        switch self {
        case .notFound: (req.t("statistics.refused_missing"), .notFound)
        case .reasonMissing: (req.t("statistics.return_reason_needed"), .unprocessableEntity)
        case let .refused(.wrongStatus(status)):
            (req.t("statistics.refused_status", ["status": req.t(status.catalogueKey)]), .conflict)
        case let .refused(refusal): (req.t(refusal.catalogueKey), .forbidden)
        case .newerVersionPublished: (req.t("statistics.refused_newer_published"), .conflict)
        case .alreadyPublished: (req.t("statistics.refused_already_published"), .conflict)
        case let .notProtectable(reason): (req.t("statistics.refused_not_counts", ["reason": reason]), .unprocessableEntity)
        }
    }
}
