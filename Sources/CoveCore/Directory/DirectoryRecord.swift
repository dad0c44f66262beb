import Foundation

/// Everything the directory keeps about one helpline service, as it is edited, imported and exported.
/// `listing` reduces it to what help-now needs.
///
/// Shaped after Open Referral HSDS: the helpline is a service of an operator organisation, reached
/// through contact points (HSDS phones, URLs, emails) with their own schedules, and verified against
/// a source on a date.
public struct DirectoryRecord: Hashable, Sendable, Codable {
    /// A stable slug such as "gb-childline": exchange files refer to helplines by it.
    public var id: String
    public var name: String
    /// The name in other languages, by BCP 47 tag, where the helpline uses one ("fr": "Ligne enfance").
    public var names: [String: String]
    /// What the helpline offers, in a sentence or two, by BCP 47 tag.
    public var descriptions: [String: String]
    /// ISO 3166-1 alpha-2 codes of the countries served.
    public var countries: [String]
    public var scope: HelplineListing.Scope
    public var status: HelplineListing.Status
    public var languages: [String]
    public var minimumAge: Int?
    public var maximumAge: Int?
    public var topics: [String]
    /// The IANA zone the helpline's hours are written in, also when no hours are known.
    public var timeZone: String
    /// Hours of every contact point without its own; nil when unknown.
    public var schedule: OpeningSchedule?
    public var contactPoints: [DirectoryContactPoint]
    public var website: String?
    public var verification: Verification

    public init(id: String, name: String, names: [String: String] = [:], descriptions: [String: String] = [:],
                countries: [String], scope: HelplineListing.Scope = .national,
                status: HelplineListing.Status = .active, languages: [String] = [], minimumAge: Int? = nil,
                maximumAge: Int? = nil, topics: [String] = [], timeZone: String, schedule: OpeningSchedule? = nil,
                contactPoints: [DirectoryContactPoint], website: String? = nil, verification: Verification = .init()) {
        self.id = id
        self.name = name
        self.names = names
        self.descriptions = descriptions
        self.countries = countries
        self.scope = scope
        self.status = status
        self.languages = languages
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.topics = topics
        self.timeZone = timeZone
        self.schedule = schedule
        self.contactPoints = contactPoints
        self.website = website
        self.verification = verification
    }

    /// The name to show a child asking in `language`: the helpline's own name for that language
    /// when it has one (matched by primary subtag), else its main name.
    public func name(in language: String?) -> String {
        text(in: language, from: names) ?? name
    }

    /// The description in `language`, or nil: a description in a language the child did not ask
    /// for would only be in the way.
    public func description(in language: String?) -> String? {
        text(in: language, from: descriptions)
    }

    private func text(in language: String?, from texts: [String: String]) -> String? {
        guard let language else { return nil }
        if let exact = texts[language] { return exact }
        let wanted = Language.primarySubtag(of: language)
        // Sorted, so pt-BR and pt-PT beside each other give the same answer on every run.
        return texts.sorted { $0.key < $1.key }.first { Language.primarySubtag(of: $0.key) == wanted }?.value
    }

    public var listing: HelplineListing {
        HelplineListing(
            id: id, name: name, countries: countries, scope: scope, status: status, languages: languages,
            minimumAge: minimumAge, maximumAge: maximumAge, topics: topics,
            contactPoints: contactPoints.map(\.contactPoint), schedule: schedule,
            verifiedAt: verification.verifiedOn.map(\.startOfDayUTC), source: verification.sourceURL)
    }
}

/// One way of reaching a helpline, with what the directory knows about it beyond help-now's needs.
public struct DirectoryContactPoint: Hashable, Sendable, Codable {
    public var channel: ContactPoint.Channel
    /// What to dial inside the country, text, or open.
    public var address: String
    /// The international form of a number; nil for short codes such as 116 111, which have none.
    public var e164: String?
    public var isFree: Bool?
    public var harmonisation: Harmonisation?
    /// Replaces the helpline's hours for this channel.
    public var schedule: OpeningSchedule?

    public init(channel: ContactPoint.Channel, address: String, e164: String? = nil, isFree: Bool? = nil,
                harmonisation: Harmonisation? = nil, schedule: OpeningSchedule? = nil) {
        self.channel = channel
        self.address = address
        self.e164 = e164
        self.isFree = isFree
        self.harmonisation = harmonisation
        self.schedule = schedule
    }

    public var contactPoint: ContactPoint {
        ContactPoint(channel: channel, address: address, isFree: isFree, isHarmonised: harmonisation != nil,
                     schedule: schedule)
    }
}

/// Which kind of number children may already know, whatever helpline answers it.
public enum Harmonisation: String, Hashable, Sendable, Codable, CaseIterable {
    /// 116 111, reserved for child helplines across Europe and beyond.
    case europe116111 = "116111"
    /// A number shared by child helplines of several countries, such as 116 in much of Africa.
    case regional
    /// A short code reserved nationally, such as 1098 in India.
    case nationalShortCode = "national-short-code"
}

/// Where the directory's facts about a helpline come from, and when someone last checked them.
public struct Verification: Hashable, Sendable, Codable {
    public var sourceURL: String?
    /// The date or edition the source itself shows, as written there ("Wien, am 18. September 2024").
    public var sourceSeen: String?
    public var verifiedOn: LocalDate?
    public var verifiedBy: String?

    /// Facts not checked for this long are shown as possibly out of date.
    public static let freshForMonths = 12

    public init(sourceURL: String? = nil, sourceSeen: String? = nil, verifiedOn: LocalDate? = nil,
                verifiedBy: String? = nil) {
        self.sourceURL = sourceURL
        self.sourceSeen = sourceSeen
        self.verifiedOn = verifiedOn
        self.verifiedBy = verifiedBy
    }

    /// Never verified counts as stale: nobody can say the number still works.
    public func isStale(asOf now: Date) -> Bool {
        guard let verifiedOn else { return true }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        guard let freshUntil = utc.date(byAdding: .month, value: Self.freshForMonths, to: verifiedOn.startOfDayUTC)
        else { return true }
        return now >= freshUntil
    }
}

extension HelplineListing.Scope: Codable {}
extension HelplineListing.Status: Codable {}
extension ContactPoint.Channel: Codable {}

extension LocalDate {
    /// Midnight UTC at the start of the day: a verification date has no time zone worth keeping.
    public var startOfDayUTC: Date {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        return utc.date(from: components)!
    }
}

extension DirectoryRecord {
    /// The helpline as a child in another country can reach it: chat, app, WhatsApp and email as
    /// they are, numbers only in their international form. A short code or a number written for
    /// dialling inside the country does not connect from abroad, so it is left out.
    public var crossBorderListing: HelplineListing {
        let reachable = contactPoints.compactMap { point -> DirectoryContactPoint? in
            switch point.channel {
            case .webChat, .app, .email: return point
            case .whatsApp: return point.address.hasPrefix("+") || point.address.lowercased().hasPrefix("https://") ? point : nil
            case .voice, .sms:
                guard let e164 = point.e164 else { return nil }
                var international = point
                international.address = e164
                international.harmonisation = nil
                // Free inside the country says nothing about a call from abroad.
                international.isFree = nil
                return international
            }
        }
        var copy = self
        copy.contactPoints = reachable
        return copy.listing
    }
}
