import Foundation

/// Who a caller's number belongs to, and which short numbers a country answers.
///
/// Built from libphonenumber's metadata by `scripts/generate-dialling-plan.py`, which writes
/// `Resources/dialling-plan.json`; see that script for how to refresh it. The plan follows
/// libphonenumber's own rules where it matters to us (which region owns a number under a shared
/// calling code, national-prefix stripping, emergency and short-code matching) but is not a full
/// port: no formatting, no number-type classification, no carrier codes.
///
/// Loading compiles every pattern once; afterwards the plan is immutable and safe to share.
public struct DiallingPlan: Sendable {
    /// Where the data came from, copied from the file's header.
    public struct Source: Sendable, Equatable {
        /// e.g. "phonenumbers (PyPI)".
        public let package: String
        /// The phonenumbers version, which tracks the libphonenumber release of its metadata.
        public let version: String
        public let metadata: String
        /// The generator script, relative to the repo root.
        public let generator: String
        /// ISO 8601 date the file was generated.
        public let generated: String
    }

    /// Why a dialling plan could not be loaded.
    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case resourceMissing(String)
        case invalidPattern(region: String, field: String, pattern: String)
        case inconsistent(String)

        public var description: String {
            switch self {
            case .resourceMissing(let path): "dialling plan resource not found at \(path)"
            case .invalidPattern(let region, let field, let pattern): "dialling plan \(region).\(field) is not a valid regular expression: \(pattern)"
            case .inconsistent(let detail): "dialling plan is inconsistent: \(detail)"
            }
        }
    }

    public let source: Source
    let regionsByCode: [String: Region]
    /// Regions per calling code, in libphonenumber's resolution order (main country first).
    let regionsByCallingCode: [Int: [Region]]
    /// Codes such as +800 or +882 that belong to no country (international freephone, satellite).
    let nonGeographicCallingCodes: Set<Int>

    /// Reads the JSON written by `scripts/generate-dialling-plan.py`.
    public init(json: Data) throws {
        let file = try JSONDecoder().decode(File.self, from: json)
        var regions: [String: Region] = [:]
        for (code, record) in file.regions {
            regions[code] = try Region(code: code, record: record)
        }
        var byCallingCode: [Int: [Region]] = [:]
        for (callingCode, codes) in file.callingCodes {
            guard let number = Int(callingCode) else { throw LoadError.inconsistent("calling code \"\(callingCode)\"") }
            byCallingCode[number] = try codes.map { code in
                guard let region = regions[code] else { throw LoadError.inconsistent("+\(callingCode) lists unknown region \(code)") }
                return region
            }
        }
        self.source = Source(package: file.source.package, version: file.source.version, metadata: file.source.metadata,
                             generator: file.generator, generated: file.generated)
        self.regionsByCode = regions
        self.regionsByCallingCode = byCallingCode
        self.nonGeographicCallingCodes = Set(file.nonGeographicCallingCodes)
    }

    /// The plan shipped in CoveCore's resources.
    public static func bundled() throws -> DiallingPlan {
        try DiallingPlan(json: Data(contentsOf: bundledURL()))
    }

    private static func bundledURL() throws -> URL {
        let url = BundledResources.folder(in: .module)?.appendingPathComponent("dialling-plan.json")
        guard let url, FileManager.default.fileExists(atPath: url.path) else {
            throw LoadError.resourceMissing(Bundle.module.bundleURL.appendingPathComponent("Resources/dialling-plan.json").path)
        }
        return url
    }

    /// Every region in the plan (ISO 3166-1 alpha-2), sorted.
    public var regions: [String] { regionsByCode.keys.sorted() }

    /// The country calling code for a region, e.g. 44 for "GG"; nil for an unknown region.
    public func callingCode(for region: String) -> Int? {
        self.region(region)?.callingCode
    }

    /// The trunk prefix dialled before a national number, e.g. "0" in GB, "8" in RU, "1" in the US.
    public func nationalPrefix(for region: String) -> String? {
        self.region(region)?.nationalPrefix
    }

    func region(_ code: String) -> Region? {
        regionsByCode[code.uppercased()]
    }

    /// The regions sharing a calling code; empty for non-geographic and unknown codes.
    public func regions(forCallingCode callingCode: Int) -> [String] {
        regionsByCallingCode[callingCode]?.map(\.code) ?? []
    }
}
