import Foundation

/// The whole directory as Open Referral HSDS 3.0 JSON, for exchange with other service directories.
///
/// The document is the HSDS API's paginated service list (`Page` in `schema/openapi.json`, here a
/// single page) whose `contents` are fully nested services (`schema/compiled/service.json`), as
/// `GET /services?full=true` would return them, so any HSDS consumer can read the file as is.
///
/// How Cove's record maps onto HSDS:
/// - ids are RFC 4122 version 5 UUIDs derived from the helpline's slug (see `HSDSIdentifiers`),
///   so every export of the same directory is identical and services keep their ids.
/// - `organization` is minimal: the directory records the helpline, not its operator.
/// - voice numbers are `phones` of type `voice`, SMS numbers of type `text` (RFC 6350 types).
/// - every weekly interval becomes a `schedules` entry with `freq` WEEKLY, `byday`, `opens_at` and
///   `closes_at`; days with the same hours share one entry. Times are the helpline's wall-clock
///   times with no offset: HSDS's `timezone` is a fixed UTC offset, which would be wrong for half
///   the year wherever clocks change, so the IANA zone travels as the `time-zone` attribute.
/// - a dated exception is an entry with `valid_from` = `valid_to` = its date, its reason in
///   `notes`, and an `exception` attribute (`closed`, or `open` with the day's hours), following
///   HSDS's guidance on exceptional schedules.
/// - HSDS schedules belong to services, not phones, so a contact point's own hours carry one
///   `contact-point` attribute per contact point they apply to, naming its HSDS id.
/// - facts HSDS has no field for are `attributes` of the taxonomy `urn:cove:directory` (`HSDSTerm`).
/// - the name in other languages and the descriptions are `name` and `description` attributes, one
///   per language, valued `tag=text`; HSDS's own `description` repeats one (see `DirectoryHSDS+Texts`).
///
/// Not carried: a schedule's own time zone when it differs from the record's (the plain CSV has
/// the same rule), a schedule without weekly hours or exceptions (it reads back as unknown hours),
/// and e164, free and harmonisation on contact points that are not phones. Contact points read
/// back grouped by channel, in `ContactPoint.Channel.allCases` order, as the plain CSV lists them.
public enum DirectoryHSDS {
    /// Names the taxonomy of Cove's own attributes; a URN, since it is a name and not a web page.
    public static let taxonomyURI = "urn:cove:directory"

    /// The records as one HSDS page of services, pretty-printed with sorted keys so that exports
    /// of the same directory compare equal byte for byte.
    public static func data(for records: [DirectoryRecord]) throws -> Data {
        let page = HSDSValue.fields([
            "total_items": .int(records.count), "total_pages": .int(1), "page_number": .int(1),
            "size": .int(records.count), "first_page": true, "last_page": true,
            "empty": .bool(records.isEmpty), "contents": .array(records.map(service(for:))),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(page)
    }

    static func service(for record: DirectoryRecord) -> HSDSValue {
        let ids = HSDSIdentifiers(slug: record.id)
        let verification = record.verification
        let firstEmail = record.contactPoints.first { $0.channel == .email }?.address
        return .fields([
            "id": ids.service, "name": .string(record.name), "status": .string(hsdsStatus(record.status)),
            "description": serviceDescription(of: record).map(HSDSValue.string),
            "organization_id": ids.organization, "organization": organization(for: record, ids: ids),
            "url": record.website.map(HSDSValue.string), "email": firstEmail.map(HSDSValue.string),
            "minimum_age": record.minimumAge.map(HSDSValue.int), "maximum_age": record.maximumAge.map(HSDSValue.int),
            "assured_date": verification.verifiedOn.map { .string($0.description) },
            "languages": .array(record.languages.enumerated().map { index, tag in
                .fields(["id": ids.id("language/\(index)"), "code": .string(tag)])
            }),
            "service_areas": .array(record.countries.enumerated().map { index, code in
                .fields(["id": ids.id("service-area/\(index)"), "name": .string(code)])
            }),
            "phones": .array(phones(of: record, ids: ids)),
            "schedules": .array(schedules(of: record, ids: ids)),
            "attributes": .array(attributes(of: record, ids: ids)),
        ])
    }

    static let statuses: [(cove: HelplineListing.Status, hsds: String)] = [
        (.active, "active"), (.temporarilyClosed, "temporarily closed"), (.defunct, "defunct"),
    ]

    static func hsdsStatus(_ status: HelplineListing.Status) -> String {
        statuses.first { $0.cove == status }!.hsds
    }

    /// HSDS requires an organization with a description; Cove knows only the helpline.
    private static func organization(for record: DirectoryRecord, ids: HSDSIdentifiers) -> HSDSValue {
        .fields(["id": ids.organization, "name": .string(record.name),
                 "description": .string("The organisation running \(record.name).")])
    }

    /// Voice and SMS numbers; other channels have no HSDS object and become attributes.
    static func phoneType(_ channel: ContactPoint.Channel) -> String? {
        switch channel {
        case .voice: "voice"
        case .sms: "text"
        default: nil
        }
    }

    private static func phones(of record: DirectoryRecord, ids: HSDSIdentifiers) -> [HSDSValue] {
        record.contactPoints.enumerated().compactMap { index, point in
            guard let type = phoneType(point.channel) else { return nil }
            let facts: [(HSDSTerm, String?)] = [
                (.e164, point.e164), (.free, point.isFree.map { $0 ? "yes" : "no" }),
                (.harmonisation, point.harmonisation?.rawValue),
            ]
            let attributes = facts.compactMap { term, value in
                value.map { attribute(term, $0, id: ids.id("contact-point/\(index)/\(term.rawValue)")) }
            }
            return .fields(["id": ids.contactPoint(index), "number": .string(point.address), "type": .string(type),
                            "description": phoneDescription(point).map(HSDSValue.string),
                            "attributes": .array(attributes)])
        }
    }

    /// For people and systems that do not read Cove's attributes; the import ignores it.
    private static func phoneDescription(_ point: DirectoryContactPoint) -> String? {
        var notes: [String] = []
        if let free = point.isFree { notes.append(free ? "Free of charge." : "May cost the child money.") }
        switch point.harmonisation {
        case .europe116111?: notes.append("116 111, the number reserved for child helplines in Europe and beyond.")
        case .regional?: notes.append("A number shared by child helplines of several countries.")
        case .nationalShortCode?: notes.append("A short code reserved nationally for the child helpline.")
        case nil: break
        }
        return notes.isEmpty ? nil : notes.joined(separator: " ")
    }

    private static func attributes(of record: DirectoryRecord, ids: HSDSIdentifiers) -> [HSDSValue] {
        let verification = record.verification
        // Never an email address (the directory is public), so never HSDS's assurer_email.
        let verifiedBy = verification.verifiedBy
        var facts: [(HSDSTerm, String?)] = [(.id, record.id), (.scope, record.scope.rawValue), (.timeZone, record.timeZone)]
        facts += record.topics.map { (.topic, $0) }
        facts += [(.sourceURL, verification.sourceURL), (.sourceSeen, verification.sourceSeen), (.verifiedBy, verifiedBy)]
        var attributes = facts.enumerated().compactMap { index, fact in
            fact.1.map { attribute(fact.0, $0, id: ids.id("attribute/\(index)")) }
        }
        // Channels without an HSDS object; their id is the contact point's, for schedules to name.
        for (index, point) in record.contactPoints.enumerated() {
            guard let term = HSDSTerm.term(for: point.channel) else { continue }
            attributes.append(attribute(term, point.address, id: ids.contactPoint(index)))
        }
        return attributes + textAttributes(of: record, ids: ids)
    }

    static func attribute(_ term: HSDSTerm, _ value: String, id: HSDSValue) -> HSDSValue {
        let taxonomyTerm = HSDSValue.fields([
            "id": HSDSIdentifiers.term(term), "code": .string(term.rawValue), "name": .string(term.name),
            "description": .string(term.meaning), "taxonomy": .string(taxonomyURI),
        ])
        return .fields(["id": id, "link_type": .string(term.rawValue), "value": .string(value),
                        "taxonomy_term": taxonomyTerm])
    }
}

/// The UUIDs of one helpline's HSDS objects: version 5 UUIDs of "slug" (the service) or
/// "slug/what/index" ("slug/name/fr" for a text), in a namespace that is itself the version 5 UUID
/// of `urn:cove:directory` under RFC 4122's URL namespace. Taxonomy terms, shared by all services,
/// use "term/code".
struct HSDSIdentifiers {
    static let namespace = NameBasedUUID.v5(namespace: NameBasedUUID.urlNamespace, name: DirectoryHSDS.taxonomyURI)

    let slug: String

    var service: HSDSValue { Self.uuid(slug) }
    var organization: HSDSValue { id("organization") }

    func contactPoint(_ index: Int) -> HSDSValue { id("contact-point/\(index)") }

    func id(_ path: String) -> HSDSValue { Self.uuid("\(slug)/\(path)") }

    static func term(_ term: HSDSTerm) -> HSDSValue { uuid("term/\(term.rawValue)") }

    static func uuid(_ name: String) -> HSDSValue {
        .string(NameBasedUUID.v5(namespace: namespace, name: name).uuidString.lowercased())
    }
}
