import Foundation

/// Where a child can reach a free child helpline on a number they may already know — 116 111,
/// a regional number such as 116, or a national short code — per country and per ITU-D region.
/// The statistics capability publishes the regional share as an indicator.
public struct HarmonisedCoverage: Sendable, Equatable {
    public enum Level: String, Sendable, Equatable, Codable, CaseIterable {
        /// A free harmonised or short number reaches an active national child helpline.
        case free
        /// Such a number exists, but the directory does not know it is free (or knows it is not).
        case notKnownFree = "not-known-free"
        /// No harmonised or short number: maybe a full-length number, maybe no helpline at all.
        case none
    }

    public struct Number: Sendable, Equatable, Codable {
        public let address: String
        public let harmonisation: Harmonisation
        public let isFree: Bool?
        public let helplineID: String
    }

    public struct Country: Sendable, Equatable {
        public let code: String
        public let region: ITURegion
        public let level: Level
        public let numbers: [Number]
    }

    public struct Region: Sendable, Equatable {
        public let region: ITURegion
        public let countries: Int
        public let covered: Int
        /// covered / countries; 0 for a region without countries.
        public var share: Double { countries == 0 ? 0 : Double(covered) / Double(countries) }
    }

    public let countries: [Country]
    public let regions: [Region]

    /// Countries are those of `countryList`; a helpline counts for a country it covers when it is
    /// national and active, since a defunct or closed line reaches no one.
    public init(records: [DirectoryRecord], countryList: CountryList) {
        let lines = records.filter { $0.scope == .national && $0.status == .active }
        let countries = countryList.all.map { country in
            let numbers = lines.filter { $0.countries.contains(country.code) }.flatMap { record in
                record.contactPoints.compactMap { point -> Number? in
                    guard point.channel == .voice, let kind = point.harmonisation else { return nil }
                    return Number(address: point.address, harmonisation: kind, isFree: point.isFree, helplineID: record.id)
                }
            }
            let level: Level = numbers.contains { $0.isFree == true } ? .free : numbers.isEmpty ? .none : .notKnownFree
            return Country(code: country.code, region: country.region, level: level, numbers: numbers)
        }
        self.countries = countries
        regions = ITURegion.allCases.map { region in
            let inRegion = countries.filter { $0.region == region }
            return Region(region: region, countries: inRegion.count, covered: inRegion.filter { $0.level == .free }.count)
        }
    }
}
