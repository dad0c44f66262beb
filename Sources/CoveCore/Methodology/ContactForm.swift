/// What a counsellor records about one contact, as the console's form holds it.
///
/// Fields keep the codes as posted rather than typed values, so a draft can be saved however
/// incomplete or wrong it is (a counsellor is often interrupted mid-form, and loses nothing).
/// Only a form without `problemsForFinalising(taxonomy:)` counts in statistics; see
/// `finalised(with:)`, the one step that normalises and checks it together.
public struct ContactForm: Hashable, Codable, Sendable {
    /// A code of the taxonomy's contact types: "child-self", "about-child" or "non-counselling".
    public var contactType: String?
    /// Why there was no counselling ("silent", "prank" …); only for non-counselling contacts.
    public var nonCounsellingReason: String?
    /// In whole years; nil when unknown.
    public var childAge: Int?
    /// A code of `Gender`; nil counts as unknown.
    public var gender: String?
    /// The language the contact was held in, as a BCP 47 tag ("sw", "fr-CA").
    public var language: String?
    /// Where the child lives, as an ISO 3166-2 code ("KE-30", "GB-SCT"), when the child said.
    public var subdivision: String?
    public var classifications: [Classification]
    /// The counsellor's summary; required for counselling contacts.
    public var summary: String
    /// Codes of the taxonomy's actions, such as "counselled" or "referred".
    public var actionsTaken: [String]
    public var referrals: [Referral]
    /// The taxonomy version the form was filled in under; its codes mean what that version says.
    public var taxonomyVersion: String

    public init(
        contactType: String? = nil, nonCounsellingReason: String? = nil, childAge: Int? = nil, gender: String? = nil,
        language: String? = nil, subdivision: String? = nil, classifications: [Classification] = [], summary: String = "",
        actionsTaken: [String] = [], referrals: [Referral] = [], taxonomyVersion: String
    ) {
        self.contactType = contactType
        self.nonCounsellingReason = nonCounsellingReason
        self.childAge = childAge
        self.gender = gender
        self.language = language
        self.subdivision = subdivision
        self.classifications = classifications
        self.summary = summary
        self.actionsTaken = actionsTaken
        self.referrals = referrals
        self.taxonomyVersion = taxonomyVersion
    }

    /// One thing the contact was about: a category, optionally narrowed to a subcategory, and
    /// whether it happened online.
    public struct Classification: Hashable, Codable, Sendable {
        public var category: String
        public var subcategory: String?
        public var online: Bool

        public init(category: String, subcategory: String? = nil, online: Bool = false) {
            self.category = category
            self.subcategory = subcategory
            self.online = online
        }
    }

    /// A service the child or caller was sent to.
    public struct Referral: Hashable, Codable, Sendable {
        public enum Kind: Hashable, Codable, Sendable {
            /// A helpline of Cove's directory, by its slug ("gb-childline").
            case directory(slug: String)
            /// Any other service, named by the counsellor.
            case freeText(String)
        }

        public var kind: Kind

        public init(kind: Kind) {
            self.kind = kind
        }
    }
}

extension ContactForm.Referral.Kind {
    private enum CodingKeys: String, CodingKey {
        case directory, freeText
    }

    /// Stored as `{"directory": "gb-childline"}` or `{"freeText": "School counsellor"}`, which stays
    /// readable in the database, rather than the synthesised `{"freeText": {"_0": …}}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let slug = try container.decodeIfPresent(String.self, forKey: .directory) {
            self = .directory(slug: slug)
        } else {
            self = .freeText(try container.decode(String.self, forKey: .freeText))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .directory(let slug): try container.encode(slug, forKey: .directory)
        case .freeText(let text): try container.encode(text, forKey: .freeText)
        }
    }
}

// MARK: - What statistics read

extension ContactForm {
    public var ageBand: AgeBand { .band(forAge: childAge) }

    public var recordedAge: RecordedAge { RecordedAge(age: childAge) }

    /// False for an unknown or missing contact type, which cannot be finalised anyway.
    public var isCounselling: Bool {
        contactType.flatMap(ContactType.init(rawValue:))?.isCounselling ?? false
    }

    /// Whether any classification is marked online. Categories online by definition are marked
    /// by `normalised(with:)`, so read this on a finalised form.
    public var hasOnlineDimension: Bool { classifications.contains { $0.online } }

    /// The gender statistics count: an absent or unrecognised code is unknown.
    public var genderOrUnknown: Gender { gender.flatMap(Gender.init(rawValue:)) ?? .unknown }

    /// The form as it is kept: blank optional answers become absent, the subdivision upper-case,
    /// and every classification under an always-online category (online harm) marked online,
    /// since the counsellor need not tick what the category already says.
    public func normalised(with taxonomy: Taxonomy) -> ContactForm {
        var form = self
        form.contactType = Self.present(contactType)
        form.nonCounsellingReason = Self.present(nonCounsellingReason)
        form.gender = Self.present(gender)
        form.language = Self.present(language)
        form.subdivision = Self.present(subdivision)?.uppercased()
        form.classifications = classifications.map { classification in
            var normalised = classification
            normalised.subcategory = Self.present(classification.subcategory)
            normalised.online = classification.online || taxonomy.category(code: classification.category)?.isAlwaysOnline == true
            return normalised
        }
        return form
    }

    /// nil for nil, empty or whitespace-only: an untouched form field posts an empty string.
    static func present(_ value: String?) -> String? {
        guard let value, !value.allSatisfy(\.isWhitespace) else { return nil }
        return value
    }
}
