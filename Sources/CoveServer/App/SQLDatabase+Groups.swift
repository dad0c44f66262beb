import SQLKit

extension SQLDatabase {
    /// Inserts many rows a group at a time: one statement per row is slow, and one for all of
    /// them can pass PostgreSQL's limit of 65,535 bound values.
    /// `inserted` hears how many rows are in after each group, for a progress bar. With `conflict`,
    /// a row whose key is there already adds its `counts` columns to the stored row's.
    func insert<Row>(_ rows: [Row], into table: String, columns: [String], groupSize: Int = 400,
                     adding conflict: (key: [String], counts: [String])? = nil,
                     inserted: ((Int) -> Void)? = nil, values: (Row) -> [any Encodable & Sendable]) async throws {
        for start in stride(from: 0, to: rows.count, by: groupSize) {
            let insert = self.insert(into: table).columns(columns)
            if let conflict {
                insert.onConflict(with: conflict.key) { update in
                    conflict.counts.reduce(update) { update, column in
                        update.set(SQLColumn(column), to: SQLRaw("\(table).\(column) + EXCLUDED.\(column)"))
                    }
                }
            }
            let end = min(start + groupSize, rows.count)
            for row in rows[start..<end] {
                insert.values(values(row).map { SQLBind($0) })
            }
            try await insert.run()
            inserted?(end)
        }
    }
}
