import CoveCore
import Fluent
import Vapor

/// One submission: its facts, where it stands and why, its history and versions, what the viewer
/// may do next, and the first observations as stored.
struct SubmissionDetailPage: Encodable, Sendable {
    struct Event: Encodable, Sendable {
        var at: String
        var action: String
        var actor: String
        var note: String?
    }

    struct Version: Encodable, Sendable {
        var id: String
        var version: Int
        var statusText: String
        var isCurrent: Bool
    }

    struct Value: Encodable, Sendable {
        var seriesKey: String
        var period: String
        var value: String
    }

    struct Action: Encodable, Sendable {
        var id: String
        var label: String
    }

    static let previewRows = 100

    var title: String
    var row: SubmissionListPage.Row
    var returnReason: String?
    var problem: String?
    var actions: [Action]
    var canCorrect: Bool
    var dataflowID: String
    var methodologyVersion: String?
    var events: [Event]
    var versions: [Version]
    var values: [Value]
    var moreValues: Int

    static func load(req: Request, submission: StatisticalSubmission, actor: SubmissionActor,
                     problem: String?) async throws -> Self {
        let id = try submission.requireID()
        let catalogue = try IndicatorCatalogue.bundled
        let row = SubmissionListPage.Row(submission, req: req, catalogue: catalogue)
        let events = try await SubmissionEvent.query(on: req.db).filter(\.$submission.$id == id)
            .sort(\.$occurredAt).all()
        let lineage = submission.lineageID ?? id
        let versions = try await StatisticalSubmission.query(on: req.db).filter(\.$lineageID == lineage)
            .sort(\.$version).all()
            .filter { SubmissionWorkflow.maySee(actor, organisationID: $0.$organisation.id?.uuidString, region: $0.region,
                                                status: $0.status) }
        let values = try await Observation.query(on: req.db).filter(\.$submission.$id == id)
            .sort(\.$seriesKey).sort(\.$timePeriod).limit(previewRows).all()
        return Self(
            title: "\(row.dataflow) · \(row.country) · v\(row.version)", row: row, returnReason: submission.returnReason,
            problem: problem, actions: allowedActions(submission, actor: actor).map { Action(id: $0.rawValue, label: req.t($0.catalogueKey)) },
            canCorrect: submission.status != .draft && SubmissionWorkflow.mayUpload(actor, for: submission.refArea ?? ""),
            dataflowID: submission.dataflowID, methodologyVersion: submission.methodologyVersion,
            events: events.map { Event(at: $0.occurredAt.pageText, action: req.t("statistics.event_\($0.action)"),
                                       actor: $0.actorLabel, note: $0.note) },
            versions: versions.map { Version(id: $0.id?.uuidString ?? "", version: $0.version,
                                             statusText: req.t($0.status.catalogueKey), isCurrent: $0.id == id) },
            values: values.map { Value(seriesKey: $0.seriesKey, period: $0.timePeriod,
                                       value: $0.value.map(SubmissionProblem.text(for:)) ?? "—") },
            moreValues: max(0, submission.observations - values.count))
    }

    private static func allowedActions(_ submission: StatisticalSubmission, actor: SubmissionActor) -> [SubmissionAction] {
        SubmissionAction.allCases.filter {
            SubmissionWorkflow.refusal(of: $0, by: actor, status: submission.status,
                                       organisationID: submission.$organisation.id?.uuidString,
                                       region: submission.region) == nil
        }
    }
}
