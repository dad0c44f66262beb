import CoveCore
import Fluent
import Vapor

/// A helpline service in the directory (an HSDS service), stored as columns so the directory can
/// be filtered in SQL, with its contact points in their own table.
final class Helpline: Model, @unchecked Sendable {
    static let schema = "helplines"

    @ID(key: .id) var id: UUID?
    /// The record's stable slug ("gb-childline"), by which exchange files and URLs name it.
    @Field(key: "slug") var slug: String
    /// The helpline organisation whose administrators may edit it; nil until one is linked.
    @OptionalParent(key: "organisation_id") var organisation: Organisation?
    @Field(key: "name") var name: String
    @Field(key: "names") var names: [String: String]
    @Field(key: "descriptions") var descriptions: [String: String]
    @Field(key: "countries") var countries: [String]
    @Enum(key: "scope") var scope: HelplineListing.Scope
    @Enum(key: "status") var status: HelplineListing.Status
    @Field(key: "languages") var languages: [String]
    @OptionalField(key: "minimum_age") var minimumAge: Int?
    @OptionalField(key: "maximum_age") var maximumAge: Int?
    @Field(key: "topics") var topics: [String]
    @Field(key: "time_zone") var timeZone: String
    @OptionalField(key: "schedule") var schedule: OpeningSchedule?
    @OptionalField(key: "website") var website: String?
    @OptionalField(key: "source_url") var sourceURL: String?
    @OptionalField(key: "source_seen") var sourceSeen: String?
    @OptionalField(key: "verified_on") var verifiedOn: String?
    @OptionalField(key: "verified_by") var verifiedBy: String?
    /// Counts saved changes, so an edit made on a stale form is refused rather than lost.
    @Field(key: "version") var version: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Children(for: \.$helpline) var contactPoints: [HelplineContactPoint]

    init() {}

    init(record: DirectoryRecord, organisationID: UUID?) {
        slug = record.id
        $organisation.id = organisationID
        version = 1
        apply(record)
    }

    /// Copies every field but the slug, the organisation and the version.
    func apply(_ record: DirectoryRecord) {
        name = record.name
        names = record.names
        descriptions = record.descriptions
        countries = record.countries
        scope = record.scope
        status = record.status
        languages = record.languages
        minimumAge = record.minimumAge
        maximumAge = record.maximumAge
        topics = record.topics
        timeZone = record.timeZone
        schedule = record.schedule
        website = record.website
        sourceURL = record.verification.sourceURL
        sourceSeen = record.verification.sourceSeen
        verifiedOn = record.verification.verifiedOn?.description
        verifiedBy = record.verification.verifiedBy
    }

    /// The record as exchange files and help-now see it; needs `contactPoints` loaded.
    func record() -> DirectoryRecord {
        record(contactPoints: contactPoints)
    }

    func record(contactPoints: [HelplineContactPoint]) -> DirectoryRecord {
        DirectoryRecord(
            id: slug, name: name, names: names, descriptions: descriptions, countries: countries, scope: scope, status: status, languages: languages,
            minimumAge: minimumAge, maximumAge: maximumAge, topics: topics, timeZone: timeZone, schedule: schedule,
            contactPoints: contactPoints.sorted { $0.position < $1.position }.map(\.directoryContactPoint),
            website: website,
            verification: Verification(sourceURL: sourceURL, sourceSeen: sourceSeen,
                                       verifiedOn: verifiedOn.flatMap { try? LocalDate($0) }, verifiedBy: verifiedBy))
    }
}
