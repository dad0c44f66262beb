import Foundation
import SwiftCSV

/// The population under 18 by country, year and sex: the denominator of every rate per 100,000
/// children aged 0–17, read from `Resources/reference/child-population.csv` (UN World Population
/// Prospects 2022, via UNICEF; see `Resources/reference/SOURCES.md`).
///
/// Countries are keyed by ISO 3166-1 alpha-3, as the source has them; Cove's own country codes
/// are alpha-2 and are mapped through a `CountryList`. A rate for a year the file does not reach
/// uses the latest year on or before it, and the figure says which year that was.
public struct ChildPopulation: Sendable {
    /// Why the population table could not be loaded.
    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case resourceMissing(String)
        /// A bad header or row; lines count the header as 1.
        case corrupt(line: Int, field: String, reason: String)

        public var description: String {
            switch self {
            case .resourceMissing(let path): "child population not found at \(path)"
            case let .corrupt(line, field, reason): "child population: line \(line), \(field): \(reason)"
            }
        }
    }

    /// The source's sex codes, SDMX's: female, male and both together.
    public enum Sex: String, CaseIterable, Codable, Sendable {
        case female = "F"
        case male = "M"
        case total = "_T"
    }

    /// One row: the number of persons under 18 in a country in a year.
    public struct Figure: Hashable, Sendable {
        public let alpha3: String
        public let year: Int
        public let sex: Sex
        public let persons: Int
    }

    /// A sum over several countries, with those that had no figure, so a regional rate can say
    /// what it leaves out.
    public struct Aggregate: Hashable, Sendable {
        public let persons: Int
        /// The alpha-2 codes summed.
        public let counted: [String]
        /// The alpha-2 codes with no figure on or before the year.
        public let missing: [String]
    }

    /// The line to show wherever a rate uses these figures.
    public static let attribution = "United Nations, Department of Economic and Social Affairs, Population Division (2022). "
        + "World Population Prospects 2022, Online Edition."

    public static let columns = ["iso_alpha3", "year", "sex", "population_under18"]

    /// Every figure, by alpha-3, sorted by year.
    private let figuresByCountry: [String: [Figure]]

    /// Reads `iso_alpha3,year,sex,population_under18` rows; a country, year and sex may appear once.
    public init(csv text: String) throws(LoadError) {
        let table: CSV<Named>
        do {
            table = try CSV<Named>(string: text, delimiter: .comma, loadColumns: false)
        } catch {
            throw .corrupt(line: 1, field: "file", reason: "not CSV: \(error)")
        }
        for column in Self.columns where !table.header.contains(column) {
            throw .corrupt(line: 1, field: column, reason: "column missing from header")
        }
        var byCountry: [String: [Figure]] = [:]
        var seen: Set<String> = []
        for (index, row) in table.rows.enumerated() {
            let figure = try Self.figure(from: row, line: index + 2)
            guard seen.insert("\(figure.alpha3) \(figure.year) \(figure.sex.rawValue)").inserted else {
                throw .corrupt(line: index + 2, field: "iso_alpha3",
                               reason: "\(figure.alpha3) \(figure.year) \(figure.sex.rawValue) appears twice")
            }
            byCountry[figure.alpha3, default: []].append(figure)
        }
        figuresByCountry = byCountry.mapValues { figures in figures.sorted { $0.year < $1.year } }
    }

    private static func figure(from row: [String: String], line: Int) throws(LoadError) -> Figure {
        let alpha3 = row["iso_alpha3", default: ""]
        guard alpha3.count == 3, alpha3.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw .corrupt(line: line, field: "iso_alpha3", reason: "\"\(alpha3)\" is not an ISO 3166-1 alpha-3 code")
        }
        let yearText = row["year", default: ""]
        guard yearText.count == 4, let year = Int(yearText) else {
            throw .corrupt(line: line, field: "year", reason: "\"\(yearText)\" is not a year such as 2022")
        }
        guard let sex = Sex(rawValue: row["sex", default: ""]) else {
            throw .corrupt(line: line, field: "sex", reason: "\"\(row["sex", default: ""])\" is not F, M or _T")
        }
        let personsText = row["population_under18", default: ""]
        guard let persons = Int(personsText), persons >= 0 else {
            throw .corrupt(line: line, field: "population_under18", reason: "\"\(personsText)\" is not a whole number of persons")
        }
        return Figure(alpha3: alpha3, year: year, sex: sex, persons: persons)
    }

    /// The table shipped in CoveCore's resources, read on first use and kept.
    public static var bundled: ChildPopulation {
        get throws(LoadError) { try loadedBundle.get() }
    }

    private static let loadedBundle = Result { () throws(LoadError) -> ChildPopulation in
        switch BundledResources.data(at: "reference/child-population.csv") {
        case let .success(data): return try ChildPopulation(csv: String(decoding: data, as: UTF8.self))
        case let .failure(missing): throw LoadError.resourceMissing(missing.path)
        }
    }

    // MARK: - Lookups

    /// Every alpha-3 code with at least one figure.
    public var countries: [String] { figuresByCountry.keys.sorted() }

    /// The latest figure for the country on or before `year`; nil for a country the table lacks
    /// or a year before its first.
    public func underEighteen(alpha3: String, year: Int, sex: Sex = .total) -> Figure? {
        figuresByCountry[alpha3.uppercased()]?.last { $0.sex == sex && $0.year <= year }
    }

    /// As `underEighteen(alpha3:year:sex:)` for a country of `countries`, named by its alpha-2
    /// code; nil for a code the list lacks (territories that are not ITU members among them).
    public func underEighteen(alpha2: String, year: Int, sex: Sex = .total, countries: CountryList) -> Figure? {
        guard let country = countries.country(alpha2.uppercased()) else { return nil }
        return underEighteen(alpha3: country.alpha3, year: year, sex: sex)
    }

    /// Reads either code: two letters as alpha-2 through `countries`, three as alpha-3.
    public func underEighteen(country code: String, year: Int, sex: Sex = .total, countries: CountryList) -> Figure? {
        switch code.count {
        case 2: underEighteen(alpha2: code, year: year, sex: sex, countries: countries)
        case 3: underEighteen(alpha3: code, year: year, sex: sex)
        default: nil
        }
    }

    /// The children of an ITU-D region, or of every listed country when `region` is nil.
    public func underEighteen(region: ITURegion?, year: Int, sex: Sex = .total, countries: CountryList) -> Aggregate {
        var persons = 0
        var counted: [String] = []
        var missing: [String] = []
        for country in countries.all where region == nil || country.region == region {
            if let figure = underEighteen(alpha3: country.alpha3, year: year, sex: sex) {
                persons += figure.persons
                counted.append(country.code)
            } else {
                missing.append(country.code)
            }
        }
        return Aggregate(persons: persons, counted: counted.sorted(), missing: missing.sorted())
    }
}
