import Fluent
import SQLKit

struct M023_CreatePublishedObservations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PublishedObservation.schema)
            .id()
            .field("submission_id", .uuid, .required, .references(StatisticalSubmission.schema, "id"))
            .field("dataflow", .string, .required)
            .field("ref_area", .string, .required)
            .field("series_key", .string, .required)
            .field("time_period", .string, .required)
            .field("value", .double)
            .field("obs_status", .string, .required)
            .field("conf_status", .string, .required)
            .field("unit_mult", .int)
            .unique(on: "dataflow", "series_key", "time_period")
            .create()
        // Open data and the comparison pages read one dataflow at a time, often one country.
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "published_observations_area").on(PublishedObservation.schema)
                .column("dataflow").column("ref_area").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PublishedObservation.schema).delete()
    }
}
