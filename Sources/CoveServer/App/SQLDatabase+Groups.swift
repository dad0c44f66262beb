import SQLKit

extension SQLDatabase {
    /// Inserts many rows a group at a time: one statement per row is slow, and one for all of
    /// them can pass PostgreSQL's limit of 65,535 bound values.
    /// `inserted` hears how many rows are in after each group, for a progress bar.
    func insert<Row>(_ rows: [Row], into table: String, columns: [String], groupSize: Int = 400,
                     inserted: ((Int) -> Void)? = nil, values: (Row) -> [any Encodable & Sendable]) async throws {
        for start in stride(from: 0, to: rows.count, by: groupSize) {
            let insert = self.insert(into: table).columns(columns)
            let end = min(start + groupSize, rows.count)
            for row in rows[start..<end] {
                insert.values(values(row).map { SQLBind($0) })
            }
            try await insert.run()
            inserted?(end)
        }
    }
}
