import Foundation

extension DiallingPlan {
    /// What the plan knows about one region (ISO 3166-1 alpha-2), with its patterns compiled.
    struct Region: Sendable {
        let code: String
        let callingCode: Int
        let nationalPrefix: String?
        let nationalPrefixForParsing: DiallingPattern?
        /// `$1`-style template; when nil, a `nationalPrefixForParsing` match is simply removed.
        let nationalPrefixTransform: String?
        let internationalPrefix: DiallingPattern?
        /// A prefix that by itself attributes a number to this region (shared calling codes only).
        let leadingDigits: DiallingPattern?
        let nationalNumber: DiallingPattern?
        let possibleLengths: Set<Int>
        /// Any fixed, mobile, toll-free… number; only for shared-code regions without leading digits.
        let validNumber: DiallingPattern?
        let short: ShortNumbers?

        /// libphonenumber's `isNumberMatchingDesc` on the general description.
        func isPossibleNationalNumber(_ digits: String) -> Bool {
            (possibleLengths.isEmpty || possibleLengths.contains(digits.count)) && nationalNumber?.matches(digits) == true
        }
    }

    /// Short numbers dialled within a region: emergency services, helplines, operator services.
    struct ShortNumbers: Sendable {
        let general: DiallingPattern?
        let possibleLengths: Set<Int>
        let shortCode: DiallingPattern?
        let emergency: DiallingPattern?
        /// Every number `emergency` matches, when that set is small; empty when only the pattern is known.
        let emergencyNumbers: [String]
        let examples: [String]
    }

    // MARK: - The JSON file, as written by scripts/generate-dialling-plan.py

    struct File: Decodable {
        let generator: String
        let source: SourceRecord
        let generated: String
        let callingCodes: [String: [String]]
        let nonGeographicCallingCodes: [Int]
        let regions: [String: RegionRecord]
    }

    struct SourceRecord: Decodable {
        let package: String
        let version: String
        let metadata: String
    }

    struct RegionRecord: Decodable {
        let callingCode: Int
        let nationalPrefix: String?
        let nationalPrefixForParsing: String?
        let nationalPrefixTransform: String?
        let internationalPrefix: String?
        let leadingDigits: String?
        let nationalNumberPattern: String?
        let possibleLengths: [Int]?
        let validNumberPattern: String?
        let short: ShortRecord?
    }

    struct ShortRecord: Decodable {
        let generalPattern: String?
        let possibleLengths: [Int]?
        let shortCodePattern: String?
        let emergencyPattern: String?
        let emergencyNumbers: [String]?
        let examples: [String]?
    }
}

extension DiallingPlan.Region {
    /// Compiles every pattern now, so a bad pattern fails loading rather than a call at 3 a.m.
    init(code: String, record r: DiallingPlan.RegionRecord) throws {
        func compile(_ field: String, _ source: String?, _ anchoring: DiallingPattern.Anchoring) throws -> DiallingPattern? {
            guard let source else { return nil }
            do { return try DiallingPattern(source, anchoring) } catch {
                throw DiallingPlan.LoadError.invalidPattern(region: code, field: field, pattern: source)
            }
        }
        self.init(
            code: code, callingCode: r.callingCode, nationalPrefix: r.nationalPrefix,
            nationalPrefixForParsing: try compile("nationalPrefixForParsing", r.nationalPrefixForParsing, .prefix),
            nationalPrefixTransform: r.nationalPrefixTransform,
            internationalPrefix: try compile("internationalPrefix", r.internationalPrefix, .prefix),
            leadingDigits: try compile("leadingDigits", r.leadingDigits, .prefix),
            nationalNumber: try compile("nationalNumberPattern", r.nationalNumberPattern, .whole),
            possibleLengths: Set(r.possibleLengths ?? []),
            validNumber: try compile("validNumberPattern", r.validNumberPattern, .whole),
            short: try r.short.map { s in
                DiallingPlan.ShortNumbers(
                    general: try compile("short.generalPattern", s.generalPattern, .whole),
                    possibleLengths: Set(s.possibleLengths ?? []),
                    shortCode: try compile("short.shortCodePattern", s.shortCodePattern, .whole),
                    emergency: try compile("short.emergencyPattern", s.emergencyPattern, .whole),
                    emergencyNumbers: s.emergencyNumbers ?? [], examples: s.examples ?? [])
            })
    }
}
