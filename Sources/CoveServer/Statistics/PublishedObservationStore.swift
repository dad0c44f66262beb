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

    /// Published observations of `dataflow` within the periods, in the exchange form.
    static func observations(of dataflow: String, areas: Set<String>? = nil, from start: TimePeriod? = nil,
                             to end: TimePeriod? = nil, structure: DataflowStructure,
                             on db: any Database) async throws -> [SDMXObservation] {
        var query = PublishedObservation.query(on: db).filter(\.$dataflow == dataflow)
        if let areas { query = query.filter(\.$refArea ~~ Array(areas)) }
        let rows = try await query.sort(\.$seriesKey).sort(\.$timePeriod).all()
        return rows.compactMap { row -> SDMXObservation? in
            guard let observation = try? row.sdmx(in: structure), overlaps(observation.timePeriod, from: start, to: end) else {
                return nil
            }
            return observation
        }
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
