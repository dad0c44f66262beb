import Fluent
import Vapor

/// A file of contact records counted into the margins: which file (by its SHA-256), how much it
/// held, when and by whom. The records themselves are not kept.
final class ContactRecordImport: Model, @unchecked Sendable {
    static let schema = "contact_record_imports"

    @ID(key: .id) var id: UUID?
    @Field(key: "digest") var digest: String
    @Field(key: "records") var records: Int
    @Field(key: "bytes") var bytes: Int64
    @Field(key: "first_month") var firstMonth: String
    @Field(key: "last_month") var lastMonth: String
    @Field(key: "imported_at") var importedAt: Date
    @Field(key: "imported_by") var importedBy: String

    init() {}

    init(digest: String, records: Int, bytes: Int64, firstMonth: String, lastMonth: String, importedAt: Date,
         importedBy: String) {
        self.digest = digest
        self.records = records
        self.bytes = bytes
        self.firstMonth = firstMonth
        self.lastMonth = lastMonth
        self.importedAt = importedAt
        self.importedBy = importedBy
    }
}
