import Foundation

/// The ordered answer to "who can I talk to right now?"; see `HelpNow` for the order.
public struct HelpAnswer: Hashable, Sendable {
    public let entries: [HelpEntry]
    /// Whether an active national helpline covers the country for this child. When false the
    /// server says so plainly, and `entries` holds neighbouring countries' open lines instead.
    public let hasNationalHelpline: Bool
    /// The country's own emergency numbers, as passed in; empty when they are not known.
    public let emergencyNumbers: [String]

    public init(entries: [HelpEntry], hasNationalHelpline: Bool, emergencyNumbers: [String]) {
        self.entries = entries
        self.hasNationalHelpline = hasNationalHelpline
        self.emergencyNumbers = emergencyNumbers
    }
}

/// One line of the answer: a helpline (or some of its channels), its state now, and why it is here.
public struct HelpEntry: Hashable, Sendable {
    /// Whether the entry answers at the request's instant.
    public enum Status: Hashable, Sendable {
        /// `until` is nil when it stays open past the schedule's look-ahead (24/7 lines, emergency services).
        case openNow(until: Date?)
        /// `nextOpening` is nil when it is temporarily closed or does not open within the look-ahead.
        case closedNow(nextOpening: Date?)
        /// No schedule is recorded for it.
        case hoursUnknown

        public var isOpen: Bool {
            if case .openNow = self { true } else { false }
        }

        init(_ status: OpeningStatus) {
            switch status {
            case .open(let until): self = .openNow(until: until)
            case .closed(let next): self = .closedNow(nextOpening: next)
            }
        }
    }

    /// The listing the entry comes from; nil for the emergency entry.
    public let listingID: String?
    /// The listing's name; nil for the emergency entry, which the server names in the child's language.
    public let name: String?
    /// The channels this entry is about: the open ones of an open line, the closed ones of a closed line…
    public let contactPoints: [ContactPoint]
    public let status: Status
    public let reason: HelpReason

    public init(listingID: String?, name: String?, contactPoints: [ContactPoint], status: Status, reason: HelpReason) {
        self.listingID = listingID
        self.name = name
        self.contactPoints = contactPoints
        self.status = status
        self.reason = reason
    }
}

/// Why an entry is in the answer, as a stable machine code. The server turns the code into words
/// in the child's language; nothing here is shown to a child as it stands.
public enum HelpReason: String, Hashable, Sendable, CaseIterable {
    /// A national helpline, open now, answering in the child's language.
    case nationalOpenLanguageMatch = "national-open-language-match"
    /// A national helpline, open now.
    case nationalOpen = "national-open"
    /// A national helpline whose hours are not recorded: it may answer.
    case nationalHoursUnknown = "national-hours-unknown"
    /// A national helpline, closed now; the entry says when it next opens.
    case nationalClosed = "national-closed"
    /// A chat, SMS, WhatsApp or app channel open now while its helpline's phones are not.
    case otherChannelOpen = "other-channel-open"
    /// A service for several countries including the child's.
    case regional
    /// A service for many countries, or for every country.
    case international
    /// A neighbouring country's helpline, open now, because the child's country has none.
    case nearbyCountry = "nearby-country"
    /// The country's own emergency numbers.
    case emergency

    /// The code the API returns and the message catalogue keys on.
    public var code: String { rawValue }

    /// Whether the entry is a helpline of the child's own country, whose clock is the child's.
    public var isNational: Bool {
        switch self {
        case .nationalOpenLanguageMatch, .nationalOpen, .nationalHoursUnknown, .nationalClosed, .otherChannelOpen: true
        case .regional, .international, .nearbyCountry, .emergency: false
        }
    }
}

extension HelpAnswer {
    /// The first instant after which some entry opens or closes, so the answer may differ; nil when
    /// nothing in it changes within the look-ahead.
    public var nextChange: Date? {
        entries.compactMap { entry -> Date? in
            switch entry.status {
            case .openNow(let until): until
            case .closedNow(let next): next
            case .hoursUnknown: nil
            }
        }.min()
    }
}
