import Foundation

/// The cells one finalised contact adds to the statistics. Each contact counts once in a total
/// cell (category `all`) and once in a cell per classification, so "contacts" and "contacts
/// about violence" can both be read straight from the cells, and the online share of any
/// category too.
public struct ContactRollup: Hashable, Sendable {
    /// The category of the per-contact total cell.
    public static let allCategories = "all"
    /// Subcategory and contact-type placeholders, so every key column has a value.
    public static let none = "-"

    public struct Key: Hashable, Sendable, Codable {
        public var helplineID: UUID
        public var country: String
        /// The month the contact started, on the helpline's clock: "2026-11".
        public var month: String
        public var contactType: String
        public var category: String
        public var subcategory: String
        public var online: Bool
        public var ageBand: String
        public var gender: String
        public var channel: String
        public var taxonomyVersion: String

        public init(helplineID: UUID, country: String, month: String, contactType: String, category: String,
                    subcategory: String, online: Bool, ageBand: String, gender: String, channel: String,
                    taxonomyVersion: String) {
            self.helplineID = helplineID
            self.country = country
            self.month = month
            self.contactType = contactType
            self.category = category
            self.subcategory = subcategory
            self.online = online
            self.ageBand = ageBand
            self.gender = gender
            self.channel = channel
            self.taxonomyVersion = taxonomyVersion
        }
    }

    /// The cells for `form`, finalised under the helpline's time zone.
    public static func keys(for form: ContactForm, helplineID: UUID, country: String, channel: String,
                            startedAt: Date, timeZone: TimeZone) -> [Key] {
        let base = Key(helplineID: helplineID, country: country, month: month(of: startedAt, in: timeZone),
                       contactType: form.contactType ?? none, category: allCategories, subcategory: none,
                       online: form.hasOnlineDimension, ageBand: form.ageBand.rawValue,
                       gender: form.genderOrUnknown.rawValue, channel: channel, taxonomyVersion: form.taxonomyVersion)
        let perClassification = Set(form.classifications.map { classification -> Key in
            var key = base
            key.category = classification.category
            key.subcategory = classification.subcategory ?? none
            key.online = classification.online
            return key
        })
        return [base] + perClassification.sorted { ($0.category, $0.subcategory) < ($1.category, $1.subcategory) }
    }

    /// "YYYY-MM" of an instant on a given clock; statistics count by the helpline's calendar.
    public static func month(of instant: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month], from: instant)
        return String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0)
    }

    /// "2026-Q4" for "2026-11": quarters are read by summing their months.
    public static func quarter(ofMonth month: String) -> String? {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let number = Int(parts[1]), (1...12).contains(number) else { return nil }
        return "\(parts[0])-Q\((number - 1) / 3 + 1)"
    }
}
