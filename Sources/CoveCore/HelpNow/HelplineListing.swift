import Foundation

/// One helpline in the directory, reduced to what "who can I talk to right now?" needs: where it
/// works, for whom, how to reach it, and when.
public struct HelplineListing: Hashable, Sendable {
    /// How far a service reaches. Only `.national` services count as the child's own country's helpline.
    public enum Scope: String, Hashable, Sendable, CaseIterable {
        case national, regional, international
    }

    /// Whether the service still answers at all, whatever its hours say.
    public enum Status: String, Hashable, Sendable, CaseIterable {
        case active
        /// Closed until further notice (funding gap, conflict, strike): listed, but never open.
        case temporarilyClosed = "temporarily-closed"
        /// Gone for good; kept in the directory for its history, never offered to a child.
        case defunct
    }

    public let id: String
    public let name: String
    /// ISO 3166-1 alpha-2 codes of the countries served, or ISO 3166-2 codes ("AR-R") of the parts
    /// of a country a provincial line serves. An `.international` service listing none serves every
    /// country; any other service listing none serves no one.
    public let countries: [String]
    public let scope: Scope
    public let status: Status
    /// BCP 47 tags of the languages counsellors answer in ("sw", "fr-CA").
    public let languages: [String]
    public let minimumAge: Int?
    public let maximumAge: Int?
    /// Topic codes the service specialises in ("bullying", "online-abuse").
    public let topics: [String]
    public let contactPoints: [ContactPoint]
    /// Hours of every contact point without its own; nil when nobody knows them.
    public let schedule: OpeningSchedule?
    public let verifiedAt: Date?
    public let source: String?

    public init(
        id: String, name: String, countries: [String], scope: Scope, status: Status = .active,
        languages: [String] = [], minimumAge: Int? = nil, maximumAge: Int? = nil, topics: [String] = [],
        contactPoints: [ContactPoint], schedule: OpeningSchedule?, verifiedAt: Date? = nil, source: String? = nil
    ) {
        self.id = id
        self.name = name
        self.countries = countries
        self.scope = scope
        self.status = status
        self.languages = languages
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.topics = topics
        self.contactPoints = contactPoints
        self.schedule = schedule
        self.verifiedAt = verifiedAt
        self.source = source
    }

    /// Whether the service answers callers from `country` (ISO 3166-1 alpha-2, any case).
    /// A provincial line counts for its whole country here: a child who chose the country is better
    /// offered it, with its name saying where it works, than not at all.
    public func covers(_ country: String) -> Bool {
        coversEveryCountry || countryCodes.contains(country.uppercased())
    }

    /// The countries served, subdivisions reduced to their country ("AR-R" → "AR"), each once.
    public var countryCodes: [String] {
        var seen = Set<String>()
        return countries.map { String($0.uppercased().prefix(2)) }.filter { seen.insert($0).inserted }
    }

    /// An international service that names no countries is worldwide (Child Helpline International's
    /// directory lists a few); a national or regional one naming none is a data error, so serves no one.
    public var coversEveryCountry: Bool {
        scope == .international && countries.isEmpty
    }

    /// Whether a child of `age` may use the service; an unknown age is never a reason to hide help.
    public func accepts(age: Int?) -> Bool {
        guard let age else { return true }
        return (minimumAge.map { age >= $0 } ?? true) && (maximumAge.map { age <= $0 } ?? true)
    }

    /// Whether counsellors answer in the language of `tag`, by primary subtag: a child asking in
    /// "fr-CA" is understood by a line listed as "fr" or "fr-FR".
    public func speaks(_ tag: String?) -> Bool {
        guard let wanted = tag.map(Language.primarySubtag), !wanted.isEmpty else { return false }
        return languages.contains { Language.primarySubtag(of: $0) == wanted }
    }

    /// Whether the service lists `topic` among its specialities (case-insensitive).
    public func names(topic: String?) -> Bool {
        guard let topic else { return false }
        return topics.contains { $0.lowercased() == topic.lowercased() }
    }
}

/// One way of reaching a helpline: a number to dial or text, a chat page, an app.
public struct ContactPoint: Hashable, Sendable {
    public enum Channel: String, Hashable, Sendable, CaseIterable {
        case voice, sms
        case webChat = "web-chat"
        case whatsApp = "whatsapp"
        case email, app

        /// Whether a child can hold a conversation through it now; email is answered later, so an
        /// "open" mailbox is no answer to "who can I talk to right now?".
        public var isConversational: Bool { self != .email }
    }

    public let channel: Channel
    /// What to dial, text or open: "116111", "+254 722 178 177", "https://…".
    public let address: String
    /// nil when the directory does not know whether the call or message costs the child anything.
    public let isFree: Bool?
    /// A number harmonised across countries (116 111 in the EU, 116 in Kenya) that children may already know.
    public let isHarmonised: Bool
    /// This channel's own hours, which replace the helpline's when set (a chat staffed fewer hours than the phones).
    public let schedule: OpeningSchedule?

    public init(channel: Channel, address: String, isFree: Bool? = nil, isHarmonised: Bool = false,
                schedule: OpeningSchedule? = nil) {
        self.channel = channel
        self.address = address
        self.isFree = isFree
        self.isHarmonised = isHarmonised
        self.schedule = schedule
    }
}
