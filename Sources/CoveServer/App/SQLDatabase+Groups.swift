import SQLKit

extension SQLDatabase {
    /// Inserts many rows a group at a time: one statement per row is slow, and one for all of
    /// them can pass PostgreSQL's limit of 65,535 bound values.
    func insert<Row>(_ rows: [Row], into table: String, columns: [String], groupSize: Int = 400,
                     values: (Row) -> [any Encodable & Sendable]) async throws {
        for start in stride(from: 0, to: rows.count, by: groupSize) {
            let insert = self.insert(into: table).columns(columns)
            for row in rows[start..<min(start + groupSize, rows.count)] {
                insert.values(values(row).map { SQLBind($0) })
            }
            try await insert.run()
        }
    }
}
