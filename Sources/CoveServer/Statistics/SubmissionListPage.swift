import CoveCore
import Vapor

/// The submissions page: what the viewer may see, and the upload form with its problems or dry run.
struct SubmissionListPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        var id: String
        var dataflow: String
        var country: String
        var version: Int
        var status: String
        var statusText: String
        var created: String
        var submittedBy: String
    }

    struct Choice: Encodable, Sendable {
        var id: String
        var name: String
        var selected: Bool
    }

    struct Problem: Encodable, Sendable {
        var line: Int
        var column: Int
        var field: String
        var message: String
    }

    struct Summary: Encodable, Sendable {
        var country: String
        var format: String
        var observations: Int
        var series: Int
        var periods: String

        init(_ outcome: StatisticsImport.Outcome, req: Request) {
            country = req.countryName(outcome.country)
            format = outcome.format.rawValue
            observations = outcome.observations
            series = outcome.series
            periods = outcome.periods.joined(separator: ", ")
        }
    }

    struct Form: Encodable, Sendable {
        var dataflow: String?
        var dryRun = true
        var fileName: String?
        var corrects: UUID?
        var errors: [Problem] = []
        var summary: Summary?
    }

    var rows: [Row]
    var dataflows: [Choice]
    var canUpload: Bool
    /// Helpline administrators can turn their contacts' counts into a draft.
    var canPrepare: Bool
    var form: Form

    init(req: Request, actor: SubmissionActor, submissions: [StatisticalSubmission], form: Form) throws {
        let catalogue = try IndicatorCatalogue.bundled
        rows = submissions.map { Row($0, req: req, catalogue: catalogue) }
        dataflows = catalogue.dataflows.map {
            Choice(id: $0.id, name: $0.name(in: req.language), selected: $0.id == form.dataflow)
        }
        canUpload = !actor.roles.isDisjoint(with: SubmissionWorkflow.reporters) && actor.country != nil
        canPrepare = actor.roles.contains(.helplineAdministrator) && actor.country != nil
        self.form = form
    }
}

extension SubmissionListPage.Row {
    init(_ submission: StatisticalSubmission, req: Request, catalogue: IndicatorCatalogue) {
        id = submission.id?.uuidString ?? ""
        dataflow = catalogue.dataflow(id: submission.dataflowID)?.name(in: req.language) ?? submission.dataflow
        country = submission.refArea.map(req.countryName) ?? "—"
        version = submission.version
        status = submission.status.rawValue
        statusText = req.t(submission.status.catalogueKey)
        created = submission.createdAt.pageText
        submittedBy = submission.submittedBy
    }
}

extension SubmissionListPage.Problem {
    /// Every problem of a refused file, each at its line and column, as the submitter will fix them.
    static func list(for failure: StatisticsImport.Failure, req: Request) -> [Self] {
        switch failure {
        case let .problems(problems):
            problems.problems.map {
                Self(line: $0.line, column: $0.column ?? 0, field: $0.columnName ?? "", message: $0.message)
            }
        case .unknownDataflow:
            [Self(line: 0, column: 0, field: "dataflow", message: req.t("statistics.upload_unknown_dataflow"))]
        case let .notYourCountry(country):
            [Self(line: 0, column: 0, field: "REF_AREA",
                  message: req.t("statistics.upload_not_your_country", ["country": req.countryName(country)]))]
        case .correctsAnotherDataflow:
            [Self(line: 0, column: 0, field: "corrects", message: req.t("statistics.upload_corrects_other"))]
        case let .correctsAnOlderVersion(newest):
            [Self(line: 0, column: 0, field: "corrects",
                  message: req.t("statistics.upload_corrects_older", ["version": "\(newest)"]))]
        }
    }
}
