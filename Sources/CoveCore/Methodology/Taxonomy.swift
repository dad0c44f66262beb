import Foundation

/// The COP methodology's classification of helpline contacts, read from a versioned data file.
///
/// Counsellors classify every contact with it and statistics count by its codes, so that contacts
/// from different helplines and countries add up (ITU-D Resolution 67, instructs 5). A version is
/// never edited in meaning once contacts refer to it: a change of meaning is a new file
/// (`taxonomy-2.json`), and every finalised contact keeps the version it was classified under.
/// Codes are the stable identifiers; names and definitions are for people, in the six languages.
public struct Taxonomy: Sendable {
    /// Why a taxonomy could not be loaded.
    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case resourceMissing(String)
        /// Not JSON, or not the taxonomy's shape; the detail names the place in the file.
        case corrupt(String)
        /// Well-formed, but breaking a rule the code relies on, such as unique codes.
        case inconsistent(String)

        public var description: String {
            switch self {
            case .resourceMissing(let path): "methodology taxonomy not found at \(path)"
            case .corrupt(let detail): "methodology taxonomy is not readable: \(detail)"
            case .inconsistent(let detail): "methodology taxonomy is inconsistent: \(detail)"
            }
        }
    }

    public let version: String
    /// The first day contacts may be classified under this version.
    public let effective: LocalDate
    /// Where the taxonomy comes from, for the methodology page and exports.
    public let source: String
    public let contactTypes: [ContactTypeTerm]
    public let categories: [Category]
    /// The ages a contact can record: single years 0 to 25, then "over-25" and "unknown".
    public let ages: [Term]
    public let ageBands: [AgeBandTerm]
    public let genders: [Term]
    public let channels: [Term]
    /// What a counsellor did during a contact.
    public let actions: [Term]
    /// Per language, the codes whose names or definitions still await a native speaker's review.
    public let needsNativeReview: [Language: [String]]

    private let categoriesByCode: [String: Category]

    /// Reads a taxonomy file such as `Resources/methodology/taxonomy-1.json`.
    public init(json: Data) throws(LoadError) {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: json)
        } catch let error as DecodingError {
            throw .corrupt(Self.describe(error))
        } catch {
            throw .corrupt(String(describing: error))
        }
        try self.init(file: file)
        try checkConsistency()
    }

    /// The version shipped in CoveCore's resources, read on first use and kept.
    public static var bundled: Taxonomy {
        get throws(LoadError) { try loadedBundle.get() }
    }

    /// Whether the file was missing or broken is remembered too: it cannot change while Cove runs.
    private static let loadedBundle = Result { () throws(LoadError) -> Taxonomy in
        try Taxonomy(json: readBundledResource("methodology/taxonomy-1.json"))
    }

    private static func readBundledResource(_ path: String) throws(LoadError) -> Data {
        switch BundledResources.data(at: path) {
        case let .success(data): data
        case let .failure(missing): throw .resourceMissing(missing.path)
        }
    }

    // MARK: - Lookups

    public func category(code: String) -> Category? {
        categoriesByCode[code]
    }

    /// A subcategory of the category `categoryCode`, at any depth; nil when either is unknown or
    /// the subcategory belongs to another category.
    public func subcategory(code: String, in categoryCode: String) -> Subcategory? {
        category(code: categoryCode)?.subcategory(code: code)
    }

    public func contactType(code: String) -> ContactTypeTerm? {
        contactTypes.first { $0.code == code }
    }

    /// Every reason a contact may carry no counselling, in the file's order.
    public var nonCounsellingReasons: [Term] {
        contactTypes.filter { !$0.isCounselling }.flatMap(\.subtypes)
    }

    public func action(code: String) -> Term? {
        actions.first { $0.code == code }
    }

    public func term(for band: AgeBand) -> AgeBandTerm? {
        ageBands.first { $0.code == band.rawValue }
    }

    public func term(for gender: Gender) -> Term? {
        genders.first { $0.code == gender.rawValue }
    }

    public func term(for channel: ContactChannel) -> Term? {
        channels.first { $0.code == channel.rawValue }
    }
}

// MARK: - The file

extension Taxonomy {
    /// The file as written; `needs_native_review` keeps the spelling of the localisation catalogues.
    private struct File: Decodable {
        let version: String
        let effective: String
        let source: String
        let needsNativeReview: [String: [String]]
        let contactTypes: [ContactTypeTerm]
        let categories: [Category]
        let ages: [Term]
        let ageBands: [AgeBandTerm]
        let genders: [Term]
        let channels: [Term]
        let actions: [Term]

        enum CodingKeys: String, CodingKey {
            case version, effective, source, contactTypes, categories, ages, ageBands, genders, channels, actions
            case needsNativeReview = "needs_native_review"
        }
    }

    private init(file: File) throws(LoadError) {
        var review: [Language: [String]] = [:]
        for (tag, codes) in file.needsNativeReview {
            guard let language = Language(rawValue: tag) else {
                throw .corrupt("needs_native_review: \"\(tag)\" is not one of the six languages")
            }
            review[language] = codes
        }
        guard let effective = try? LocalDate(file.effective) else {
            throw .corrupt("effective: \"\(file.effective)\" is not a date such as 2026-10-01")
        }
        version = file.version
        self.effective = effective
        source = file.source
        contactTypes = file.contactTypes
        categories = file.categories
        ages = file.ages
        ageBands = file.ageBands
        genders = file.genders
        channels = file.channels
        actions = file.actions
        needsNativeReview = review
        categoriesByCode = Dictionary(file.categories.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// "categories[3].subcategories[1].names: …", so whoever edits the file knows where to look.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "the file" : text)
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(let type, let context): return "\(path(context.codingPath)) is not \(type): \(context.debugDescription)"
        case .valueNotFound(let type, let context): return "\(path(context.codingPath)) is null where \(type) is expected"
        case .dataCorrupted(let context): return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return String(describing: error)
        }
    }
}
