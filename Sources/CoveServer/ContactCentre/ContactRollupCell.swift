import CoveCore
import Fluent
import SQLKit
import Vapor

/// One cell of the contact statistics: how many finalised contacts share these codes. Cells
/// hold no identifier of a child or a contact, only counts.
final class ContactRollupCell: Model, @unchecked Sendable {
    static let schema = "contact_rollups"

    @ID(key: .id) var id: UUID?
    @Field(key: "helpline_id") var helplineID: UUID
    @Field(key: "country") var country: String
    @Field(key: "month") var month: String
    @Field(key: "contact_type") var contactType: String
    @Field(key: "category") var category: String
    @Field(key: "subcategory") var subcategory: String
    @Field(key: "online") var online: Bool
    @Field(key: "age_band") var ageBand: String
    @Field(key: "gender") var gender: String
    @Field(key: "channel") var channel: String
    @Field(key: "taxonomy_version") var taxonomyVersion: String
    @Field(key: "contacts") var contacts: Int

    init() {}
}

/// Adds finalised contacts to their cells, inside the caller's transaction so a contact is
/// never final without being counted, nor counted without being final.
enum ContactRollups {
    static func add(_ keys: [ContactRollup.Key], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        for key in keys {
            try await sql.raw("""
                INSERT INTO contact_rollups (id, helpline_id, country, month, contact_type, category, subcategory, online,
                    age_band, gender, channel, taxonomy_version, contacts)
                VALUES (\(bind: UUID()), \(bind: key.helplineID), \(bind: key.country), \(bind: key.month), \(bind: key.contactType),
                    \(bind: key.category), \(bind: key.subcategory), \(bind: key.online), \(bind: key.ageBand), \(bind: key.gender),
                    \(bind: key.channel), \(bind: key.taxonomyVersion), 1)
                ON CONFLICT (helpline_id, country, month, contact_type, category, subcategory, online, age_band, gender,
                    channel, taxonomy_version) DO UPDATE SET contacts = contact_rollups.contacts + 1
                """).run()
        }
        let margins = ContactMargin.margins(ofContact: keys).map { ($0, 1) }
        try await ContactMargins.add(Dictionary(margins, uniquingKeysWith: +), on: db)
    }

    /// The cells a contact of this helpline adds; the helpline's first country and clock place it.
    static func keys(for form: ContactForm, contact: Contact, helpline: Helpline) throws -> [ContactRollup.Key] {
        let country = helpline.countries.first.map { String($0.prefix(2)) } ?? ContactRollup.none
        let zone = TimeZone(identifier: helpline.timeZone) ?? TimeZone(identifier: "UTC")!
        return ContactRollup.keys(for: form, helplineID: try helpline.requireID(), country: country,
                                  channel: contact.channel, startedAt: contact.startedAt, timeZone: zone)
    }
}
