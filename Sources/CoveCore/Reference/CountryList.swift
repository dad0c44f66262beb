import Foundation
import SwiftCSV

/// ISO 3166-1 countries with their ITU-D region, read from the seed file.
public struct CountryList: Sendable {
    public struct Country: Sendable, Equatable {
        public let code: String
        public let alpha3: String
        public let name: String
        public let region: ITURegion
    }

    public let all: [Country]
    private let byCode: [String: Country]

    public init(_ countries: [Country]) {
        all = countries.sorted { $0.name < $1.name }
        byCode = Dictionary(countries.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let line: Int
        public let field: String
        public let reason: String
        public var description: String { "line \(line), \(field): \(reason)" }
    }

    /// Reads `iso_alpha2,iso_alpha3,country_name_en,itu_d_region` rows; line numbers count the header as 1.
    public init(csv text: String) throws {
        let table = try CSV<Named>(string: text, delimiter: .comma)
        for column in ["iso_alpha2", "iso_alpha3", "country_name_en", "itu_d_region"] where !table.header.contains(column) {
            throw ParseError(line: 1, field: column, reason: "column missing from header")
        }
        var countries: [Country] = []
        for (index, row) in table.rows.enumerated() {
            countries.append(try Self.country(from: row, line: index + 2))
        }
        self.init(countries)
    }

    private static func country(from row: [String: String], line: Int) throws -> Country {
        let code = row["iso_alpha2", default: ""]
        guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw ParseError(line: line, field: "iso_alpha2", reason: "\"\(code)\" is not an ISO 3166-1 alpha-2 code")
        }
        guard let region = ITURegion(englishName: row["itu_d_region", default: ""]) else {
            throw ParseError(line: line, field: "itu_d_region", reason: "\"\(row["itu_d_region", default: ""])\" is not an ITU-D region")
        }
        return Country(code: code, alpha3: row["iso_alpha3", default: ""], name: row["country_name_en", default: ""], region: region)
    }

    public func contains(_ code: String) -> Bool { byCode[code] != nil }
    public func country(_ code: String) -> Country? { byCode[code] }
    public func name(of code: String) -> String { byCode[code]?.name ?? code }
}
