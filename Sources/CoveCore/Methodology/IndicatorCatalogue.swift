import Foundation

/// The COP methodology's indicators and the SDMX dataflows they are computed from, read from a
/// versioned data file.
///
/// The taxonomy says how a contact is classified; the catalogue says what is counted from the
/// classifications and how it is published: each indicator's definition in the six languages,
/// its unit, numerator and denominator, the dimensions it is broken down by, where its figures come
/// from, how often, and the disclosure rule that protects it. Like the taxonomy, a version is never
/// edited in meaning once observations refer to it: a change of meaning is a new file
/// (`indicators-2.json`), and every observation keeps the version it was computed under.
public struct IndicatorCatalogue: Sendable {
    /// Why a catalogue could not be loaded.
    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case resourceMissing(String)
        /// Not JSON, or not the catalogue's shape; the detail names the place in the file.
        case corrupt(String)
        /// Well-formed, but breaking the catalogue's rules; every problem found, in file order.
        case inconsistent([Problem])

        public var description: String {
            switch self {
            case .resourceMissing(let path): "indicator catalogue not found at \(path)"
            case .corrupt(let detail): "indicator catalogue is not readable: \(detail)"
            case .inconsistent(let problems):
                "indicator catalogue is inconsistent: " + problems.map(\.description).joined(separator: "; ")
            }
        }
    }

    /// One broken rule, with the place in the file it concerns: `indicators[ANSWER_RATE].dataflow`.
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        public let path: String
        public let reason: String

        public init(_ path: String, _ reason: String) {
            self.path = path
            self.reason = reason
        }

        public var description: String { "\(path): \(reason)" }
    }

    public let version: String
    /// The first day observations may be computed under this version.
    public let effective: LocalDate
    /// The taxonomy version whose codes the helpline dataflows use.
    public let taxonomyVersion: String
    /// Where the definitions come from, for the methodology page and exports.
    public let source: String
    /// Per language, the ids (indicators, dataflows, units) whose texts await a native speaker's review.
    public let needsNativeReview: [Language: [String]]
    public let units: [Unit]
    public let codelists: [Codelist]
    public let dataflows: [Dataflow]
    public let indicators: [Indicator]

    /// Reads a catalogue such as `Resources/methodology/indicators-1.json` and refuses it, with
    /// every problem named, unless it is consistent.
    public init(json: Data) throws(LoadError) {
        try self.init(uncheckedJSON: json)
        let problems = consistencyProblems()
        guard problems.isEmpty else { throw .inconsistent(problems) }
    }

    /// Reads the file without the consistency check, so tests can look at a broken one's problems.
    init(uncheckedJSON json: Data) throws(LoadError) {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: json)
        } catch let error as DecodingError {
            throw .corrupt(Taxonomy.describe(error))
        } catch {
            throw .corrupt(String(describing: error))
        }
        var review: [Language: [String]] = [:]
        for (tag, ids) in file.needsNativeReview {
            guard let language = Language(rawValue: tag) else {
                throw .corrupt("needs_native_review: \"\(tag)\" is not one of the six languages")
            }
            review[language] = ids
        }
        guard let effective = try? LocalDate(file.effective) else {
            throw .corrupt("effective: \"\(file.effective)\" is not a date such as 2026-10-01")
        }
        version = file.version
        self.effective = effective
        taxonomyVersion = file.taxonomyVersion
        source = file.source
        needsNativeReview = review
        units = file.units
        codelists = file.codelists
        dataflows = file.dataflows
        indicators = file.indicators
    }

    /// The version shipped in CoveCore's resources, read on first use and kept.
    public static var bundled: IndicatorCatalogue {
        get throws(LoadError) { try loadedBundle.get() }
    }

    /// Whether the file was missing or broken is remembered too: it cannot change while Cove runs.
    private static let loadedBundle = Result { () throws(LoadError) -> IndicatorCatalogue in
        try IndicatorCatalogue(json: readBundledResource("methodology/indicators-1.json"))
    }

    private static func readBundledResource(_ path: String) throws(LoadError) -> Data {
        switch BundledResources.data(at: path) {
        case let .success(data): data
        case let .failure(missing): throw .resourceMissing(missing.path)
        }
    }

    // MARK: - Lookups

    public func indicator(id: String) -> Indicator? {
        indicators.first { $0.id == id }
    }

    public func dataflow(id: String) -> Dataflow? {
        dataflows.first { $0.id == id }
    }

    public func codelist(id: String) -> Codelist? {
        codelists.first { $0.id == id }
    }

    public func unit(code: String) -> Unit? {
        units.first { $0.code == code }
    }

    /// The indicators computed from one dataflow, in the file's order.
    public func indicators(in dataflowID: String) -> [Indicator] {
        indicators.filter { $0.dataflow == dataflowID }
    }
}

// MARK: - The file

extension IndicatorCatalogue {
    /// The file as written; `needs_native_review` keeps the spelling of the taxonomy and catalogues.
    private struct File: Decodable {
        let version: String
        let effective: String
        let taxonomyVersion: String
        let source: String
        let needsNativeReview: [String: [String]]
        let units: [Unit]
        let codelists: [Codelist]
        let dataflows: [Dataflow]
        let indicators: [Indicator]

        enum CodingKeys: String, CodingKey {
            case version, effective, taxonomyVersion, source, units, codelists, dataflows, indicators
            case needsNativeReview = "needs_native_review"
        }
    }
}
