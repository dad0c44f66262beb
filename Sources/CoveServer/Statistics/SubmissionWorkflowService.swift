import CoveCore
import Fluent
import SQLKit
import Vapor

/// Moves submissions through the approval workflow: each step checked against the workflow's rules,
/// written with its history entry in one transaction, and publication replacing what an earlier
/// version of the same submission had made public.
struct SubmissionWorkflowService {
    let db: any Database
    let countries: CountryList
    let now: Date
    /// Emptied once a publication is committed, so the public sees it at once on this instance.
    var cache: PublishedStatisticsCache?

    enum Failure: Error {
        case notFound
        case refused(SubmissionWorkflow.Refusal)
        case reasonMissing
        /// A later version of the same submission is already public.
        case newerVersionPublished
        /// Another submission already made figures for these series and periods public.
        case alreadyPublished(by: UUID)
        /// The file holds values disclosure control cannot treat as counts.
        case notProtectable(String)
    }

    /// Takes `action` on the submission `id` as `actor`, labelled `actorLabel` in its history.
    @discardableResult
    func perform(_ action: SubmissionAction, on id: UUID, by actor: SubmissionActor, actorLabel: String,
                 reason: String? = nil) async throws -> StatisticalSubmission {
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if action.needsReason, reason?.isEmpty ?? true { throw Failure.reasonMissing }
        let done = try await db.writeTransaction { db in
            // Two officers acting at once must not both win: on PostgreSQL the row is locked for
            // the step; SQLite's write transaction already excludes every other writer.
            if let sql = db as? any SQLDatabase, !db.isSQLite {
                try await sql.raw("SELECT id FROM statistical_submissions WHERE id = \(bind: id) FOR UPDATE").run()
            }
            guard let submission = try await StatisticalSubmission.find(id, on: db) else { throw Failure.notFound }
            if let refusal = SubmissionWorkflow.refusal(
                of: action, by: actor, status: submission.status,
                organisationID: submission.$organisation.id?.uuidString, region: submission.region) {
                throw Failure.refused(refusal)
            }
            if action == .publish { try await publish(submission, actorLabel: actorLabel, on: db) }
            submission.status = action.transition.to
            submission.returnReason = action == .return ? reason : nil
            submission.updatedAt = now
            try await submission.save(on: db)
            try await SubmissionEvent(submissionID: submission.requireID(), at: now, action: action.rawValue,
                                      status: submission.status, actor: actorLabel,
                                      note: action == .return ? reason : nil).create(on: db)
            return submission
        }
        if action == .publish { cache?.invalidate() }
        return done
    }

    /// Protects the submission's observations and puts them in place of any earlier published version.
    private func publish(_ submission: StatisticalSubmission, actorLabel: String, on db: any Database) async throws {
        let id = try submission.requireID()
        let catalogue = try IndicatorCatalogue.bundled
        guard let structure = catalogue.structure(of: submission.dataflowID, countries: countries),
              let flow = catalogue.dataflow(id: submission.dataflowID) else { throw Failure.notFound }
        let stored = try await Observation.query(on: db).filter(\.$submission.$id == id).all()
        let observations = try stored.map { try $0.sdmx(in: structure) }
        var generator = SystemRandomNumberGenerator()
        let published: [SDMXObservation]
        do {
            published = try PublicationProtection(structure: structure, rule: flow.disclosure.rule)
                .protect(observations, using: &generator)
        } catch let error as PublicationProtectionError {
            throw Failure.notProtectable(error.description)
        }
        try await checkNothingNewerOrOtherIsPublished(submission, observations: published, on: db)
        try await supersedeEarlierVersions(of: submission, actorLabel: actorLabel, on: db)
        try await PublishedObservationStore.insert(published, submission: id, refArea: submission.refArea ?? "", on: db)
    }

    /// A correction replaces only older versions, and one lineage never overwrites another's figures:
    /// two organisations reporting the same series and period is for the regional office to settle.
    private func checkNothingNewerOrOtherIsPublished(_ submission: StatisticalSubmission, observations: [SDMXObservation],
                                                     on db: any Database) async throws {
        let lineage = submission.lineageID ?? submission.id
        let published = try await StatisticalSubmission.query(on: db).filter(\.$status == .published)
            .filter(\.$dataflow == submission.dataflow).filter(\.$refArea == submission.refArea).all()
        if published.contains(where: { $0.lineageID == lineage && $0.version > submission.version }) {
            throw Failure.newerVersionPublished
        }
        let others = published.filter { $0.lineageID != lineage }.compactMap(\.id)
        guard !others.isEmpty else { return }
        let taken = try await PublishedObservation.query(on: db).filter(\.$submission.$id ~~ others).all()
        let keys = Set(observations.map { "\($0.seriesKey) \($0.timePeriod)" })
        if let clash = taken.first(where: { keys.contains("\($0.seriesKey) \($0.timePeriod)") }) {
            throw Failure.alreadyPublished(by: clash.$submission.id)
        }
    }

    private func supersedeEarlierVersions(of submission: StatisticalSubmission, actorLabel: String,
                                          on db: any Database) async throws {
        guard let lineage = submission.lineageID else { return }
        let earlier = try await StatisticalSubmission.query(on: db).filter(\.$lineageID == lineage)
            .filter(\.$status == .published).all()
        for old in earlier {
            let oldID = try old.requireID()
            try await PublishedObservation.query(on: db).filter(\.$submission.$id == oldID).delete()
            old.status = .superseded
            old.updatedAt = now
            try await old.save(on: db)
            try await SubmissionEvent(submissionID: oldID, at: now, action: "superseded", status: .superseded,
                                      actor: actorLabel, note: "v\(submission.version)").create(on: db)
        }
    }
}

/// The columns a stored observation row shares, whether as submitted or as published.
protocol ObservationRow {
    var seriesKey: String { get }
    var timePeriod: String { get }
    var value: Double? { get }
    /// OBS_STATUS and CONF_STATUS, optional as submitted, always set once published.
    var statuses: (observation: String?, confidentiality: String?) { get }
    var unitMultiplier: Int? { get }
}

extension ObservationRow {
    /// Back to the exchange form, reading the key's codes in the dataflow's dimension order.
    func sdmx(in structure: DataflowStructure) throws -> SDMXObservation {
        guard let observation = structure.observation(
            seriesKey: seriesKey, timePeriod: timePeriod, value: value, observationStatus: statuses.observation,
            confidentialityStatus: statuses.confidentiality, unitMultiplier: unitMultiplier) else {
            throw Abort(.internalServerError, reason: "a stored observation does not fit its dataflow")
        }
        return observation
    }
}

extension Observation: ObservationRow {
    var statuses: (observation: String?, confidentiality: String?) { (observationStatus, confidentialityStatus) }
}
