/// The terms of Cove's own taxonomy, `urn:cove:directory`: facts about a helpline that HSDS 3.0
/// has no field for, carried as HSDS `attribute`s.
///
/// HSDS offers two ways to add facts: extra properties, which its schemas tolerate, and the
/// `attribute` object, "a catch-all holder which can be used to apply either a taxonomy_term to an
/// object, or an arbitrary value via the value property" (HSDS field guidance, "Classifications,
/// Attributes, and Taxonomies"). Attributes are the conformant choice: they are defined by the
/// schema, exist on services, phones and schedules alike, and every term says what it means in its
/// own `taxonomy_term`, so a consumer that has never heard of Cove can still read them.
enum HSDSTerm: String, CaseIterable, Sendable {
    // On a service.
    case id, scope, topic
    case timeZone = "time-zone"
    case sourceURL = "source-url"
    case sourceSeen = "source-seen"
    case verifiedBy = "verified-by"
    case webChat = "web-chat"
    case whatsApp = "whatsapp"
    case email, app
    /// `DirectoryRecord.names` and `.descriptions`, one language per attribute.
    case localizedName = "name"
    case localizedDescription = "description"
    // On a phone.
    case e164, free, harmonisation
    // On a schedule.
    case contactPoint = "contact-point"
    case exception

    /// Where the term may appear: a term read elsewhere is a mistake in the file.
    enum Holder: String, Sendable { case service, phone, schedule }

    var holder: Holder {
        switch self {
        case .e164, .free, .harmonisation: .phone
        case .contactPoint, .exception: .schedule
        default: .service
        }
    }

    /// Terms that may appear several times on one object; the others at most once.
    var isRepeatable: Bool {
        [.topic, .webChat, .whatsApp, .email, .app, .localizedName, .localizedDescription, .contactPoint].contains(self)
    }

    /// The contact channel whose address the term's value is, for channels HSDS has no object for.
    var channel: ContactPoint.Channel? {
        switch self {
        case .webChat: .webChat
        case .whatsApp: .whatsApp
        case .email: .email
        case .app: .app
        default: nil
        }
    }

    static func term(for channel: ContactPoint.Channel) -> HSDSTerm? {
        allCases.first { $0.channel == channel }
    }

    var name: String {
        switch self {
        case .id: "Cove identifier"
        case .scope: "Scope"
        case .topic: "Topic"
        case .timeZone: "Time zone"
        case .sourceURL: "Source"
        case .sourceSeen: "Source edition"
        case .verifiedBy: "Verified by"
        case .webChat: "Web chat"
        case .whatsApp: "WhatsApp"
        case .email: "Email"
        case .app: "App"
        case .localizedName: "Name in a language"
        case .localizedDescription: "Description in a language"
        case .e164: "International number"
        case .free: "Free of charge"
        case .harmonisation: "Harmonised number"
        case .contactPoint: "Contact point"
        case .exception: "Exception"
        }
    }

    var meaning: String {
        switch self {
        case .id: "The helpline's slug in the Cove directory, such as gb-childline."
        case .scope: "How far the service reaches: national, regional or international."
        case .topic: "A topic code the service specialises in, such as bullying."
        case .timeZone: "The IANA time zone in which the schedules' opens_at and closes_at are local times."
        case .sourceURL: "The web page the directory's facts come from."
        case .sourceSeen: "The date or edition the source itself shows, as written there."
        case .verifiedBy: "The team or organisation that last checked the facts; never a person's email address."
        case .webChat: "The address of a web chat with counsellors."
        case .whatsApp: "A WhatsApp number or link."
        case .email: "An email address counsellors answer."
        case .app: "The address of an app for reaching counsellors."
        case .localizedName: "The service's name in one language: a BCP 47 tag, =, and the name, such as fr=Ligne enfance."
        case .localizedDescription:
            "What the service offers, in one language: a BCP 47 tag, =, and the text, such as en=Free help for anyone under 18."
        case .e164: "The number in international E.164 form."
        case .free: "Whether contacting this number is free for the child: yes or no."
        case .harmonisation: "Which harmonised number it is: 116111, regional or national-short-code."
        case .contactPoint: "The id of the phone or contact attribute these hours belong to."
        case .exception: "A dated change to the weekly hours: closed, or open with the hours given."
        }
    }
}
