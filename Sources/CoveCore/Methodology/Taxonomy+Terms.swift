/// Anything the taxonomy names: a stable code, plus a name and a definition for people.
public protocol TaxonomyTerm: Sendable {
    /// Lower-case kebab ("online-harm", "13-15"); statistics and stored contacts keep only this.
    var code: String { get }
    var names: Taxonomy.LocalizedText { get }
    var definitions: Taxonomy.LocalizedText { get }
}

extension TaxonomyTerm {
    /// The name in `language`, or in English where that translation is missing.
    public func name(in language: Language) -> String { names.text(in: language) }

    /// The one-sentence definition in `language`, or in English where that translation is missing.
    public func definition(in language: Language) -> String { definitions.text(in: language) }
}

extension Taxonomy {
    /// One text in each of the six languages, written in the file as `{"en": …, "fr": …}`.
    public struct LocalizedText: Hashable, Sendable, Decodable {
        public let texts: [Language: String]

        public init(_ texts: [Language: String]) {
            self.texts = texts
        }

        /// Falls back to English, which loading guarantees, so a missing translation shows
        /// something a counsellor can still read rather than a blank.
        public func text(in language: Language) -> String {
            if let text = texts[language], !text.isEmpty { return text }
            return texts[.english] ?? ""
        }

        /// A key outside the six languages ("cn" for "zh") is refused rather than silently ignored.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            var texts: [Language: String] = [:]
            for (tag, text) in try container.decode([String: String].self) {
                guard let language = Language(rawValue: tag) else {
                    throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(tag)\" is not one of the six languages")
                }
                texts[language] = text
            }
            self.texts = texts
        }
    }

    /// A term with nothing more than its code, names and definition: an age, gender, channel,
    /// action or non-counselling reason.
    public struct Term: TaxonomyTerm, Hashable, Decodable {
        public let code: String
        public let names: LocalizedText
        public let definitions: LocalizedText

        public init(from decoder: any Decoder) throws {
            (code, names, definitions) = try decoder.container(keyedBy: TermKey.self).basics()
        }
    }

    /// Who a contact was about, or that it held no counselling; the non-counselling type lists its reasons.
    public struct ContactTypeTerm: TaxonomyTerm, Hashable, Decodable {
        public let code: String
        public let names: LocalizedText
        public let definitions: LocalizedText
        /// Counselling contacts are classified; the others only say why there was no counselling.
        public let isCounselling: Bool
        /// The reasons a non-counselling contact may give; empty for counselling types.
        public let subtypes: [Term]

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: TermKey.self)
            (code, names, definitions) = try container.basics()
            isCounselling = try container.decode(Bool.self, forKey: .counselling)
            subtypes = try container.decodeIfPresent([Term].self, forKey: .subtypes) ?? []
        }
    }

    /// A top-level category of what a contact was about.
    public struct Category: TaxonomyTerm, Hashable, Decodable {
        public let code: String
        public let names: LocalizedText
        public let definitions: LocalizedText
        /// Whether everything in the category happens online by definition (online harm), so a
        /// classification under it always counts towards the online share.
        public let isAlwaysOnline: Bool
        public let subcategories: [Subcategory]

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: TermKey.self)
            (code, names, definitions) = try container.basics()
            isAlwaysOnline = try container.decodeIfPresent(Bool.self, forKey: .alwaysOnline) ?? false
            subcategories = try container.decodeIfPresent([Subcategory].self, forKey: .subcategories) ?? []
        }

        /// A subcategory at any depth below this category.
        public func subcategory(code: String) -> Subcategory? {
            allSubcategories.first { $0.code == code }
        }

        /// The direct subcategory that is or contains `code`: "online-sexual-exploitation-and-abuse"
        /// for "sextortion", so reports by type can count a finer classification under its type.
        public func topLevelSubcategory(containing code: String) -> Subcategory? {
            subcategories.first { $0.code == code || $0.subcategory(code: code) != nil }
        }

        /// Every subcategory, each followed by its own, in the file's order.
        public var allSubcategories: [Subcategory] {
            subcategories.flatMap { [$0] + $0.allSubcategories }
        }
    }

    /// A kind of concern within a category; online harm's types have finer kinds of their own.
    public struct Subcategory: TaxonomyTerm, Hashable, Decodable {
        public let code: String
        public let names: LocalizedText
        public let definitions: LocalizedText
        public let subcategories: [Subcategory]

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: TermKey.self)
            (code, names, definitions) = try container.basics()
            subcategories = try container.decodeIfPresent([Subcategory].self, forKey: .subcategories) ?? []
        }

        public func subcategory(code: String) -> Subcategory? {
            allSubcategories.first { $0.code == code }
        }

        public var allSubcategories: [Subcategory] {
            subcategories.flatMap { [$0] + $0.allSubcategories }
        }
    }

    /// A reporting band of ages: `from`…`to` years, open-ended above when `to` is absent, and
    /// neither for "unknown".
    public struct AgeBandTerm: TaxonomyTerm, Hashable, Decodable {
        public let code: String
        public let names: LocalizedText
        public let definitions: LocalizedText
        public let from: Int?
        public let to: Int?

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: TermKey.self)
            (code, names, definitions) = try container.basics()
            from = try container.decodeIfPresent(Int.self, forKey: .from)
            to = try container.decodeIfPresent(Int.self, forKey: .to)
        }

        /// Whether a known age in whole years falls in this band.
        public func contains(age: Int) -> Bool {
            guard let from else { return false }
            return age >= from && age <= (to ?? Int.max)
        }
    }

    /// One set of keys for every kind of term; each reads only its own.
    enum TermKey: String, CodingKey {
        case code, names, definition, counselling, subtypes, alwaysOnline, subcategories, from, to
    }
}

extension KeyedDecodingContainer<Taxonomy.TermKey> {
    func basics() throws -> (String, Taxonomy.LocalizedText, Taxonomy.LocalizedText) {
        (try decode(String.self, forKey: .code), try decode(Taxonomy.LocalizedText.self, forKey: .names),
         try decode(Taxonomy.LocalizedText.self, forKey: .definition))
    }
}
