import CoveCore
import Fluent
import SQLKit
import Vapor

/// Reads and writes the public side of the statistics: only what has passed disclosure control.
enum PublishedObservationStore {
    static func insert(_ observations: [SDMXObservation], submission: UUID, refArea: String,
                       on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        try await sql.insert(observations, into: PublishedObservation.schema,
                             columns: ["id", "submission_id", "dataflow", "ref_area", "series_key", "time_period", "value",
                                       "obs_status", "conf_status", "unit_mult"]) { observation in
            [UUID(), submission, observation.dataflow.id, refArea, observation.seriesKey.description,
             observation.timePeriod.description, observation.value, observation.observationStatus ?? "A",
             observation.confidentialityStatus ?? "F", observation.unitMultiplier]
        }
    }

    /// Every published observation of `dataflow`, in the exchange form. Callers filter the copy
    /// `PublishedStatisticsCache` keeps rather than asking the database per request.
    static func observations(of dataflow: String, structure: DataflowStructure,
                             on db: any Database) async throws -> [SDMXObservation] {
        let rows = try await PublishedObservation.query(on: db).filter(\.$dataflow == dataflow)
            .sort(\.$seriesKey).sort(\.$timePeriod).all()
        return rows.compactMap { try? $0.sdmx(in: structure) }
    }

    /// Whether `period` shares a month with the range; an open end reaches as far as it goes.
    static func overlaps(_ period: TimePeriod, from start: TimePeriod?, to end: TimePeriod?) -> Bool {
        if let start, period.monthSpan.upperBound < start.monthSpan.lowerBound { return false }
        if let end, period.monthSpan.lowerBound > end.monthSpan.upperBound { return false }
        return true
    }
}

extension PublishedObservation: ObservationRow {
    var statuses: (observation: String?, confidentiality: String?) { (observationStatus, confidentialityStatus) }
}
