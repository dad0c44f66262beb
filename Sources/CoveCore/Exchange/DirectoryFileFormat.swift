import Foundation

/// The two forms a whole directory travels in: Cove's plain CSV and Open Referral HSDS 3.0 JSON.
public enum DirectoryFileFormat: String, CaseIterable, Sendable {
    case csv
    case hsds

    /// The format a file is in: by its name when that says, else by its first character, since
    /// HSDS JSON opens with `{` or `[` and a directory CSV with its header.
    public static func of(fileName: String?, data: Data) -> DirectoryFileFormat {
        let name = fileName?.lowercased() ?? ""
        if name.hasSuffix(".json") { return .hsds }
        if name.hasSuffix(".csv") { return .csv }
        let first = data.first { !(Character(UnicodeScalar($0)).isWhitespace) || $0 > 0x7F }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .hsds : .csv
    }

    public func records(from data: Data, knownCountries: Set<String>) -> Result<[DirectoryRecord], DirectoryImportErrors> {
        switch self {
        case .csv:
            guard let text = String(data: data, encoding: .utf8) else {
                return .failure(DirectoryImportErrors([.init(line: 1, field: nil, message: "the file is not UTF-8 text")]))
            }
            return DirectoryCSV.records(from: text, knownCountries: knownCountries)
        case .hsds:
            return DirectoryHSDS.records(from: data, knownCountries: knownCountries)
        }
    }

    public func data(for records: [DirectoryRecord]) throws -> Data {
        switch self {
        case .csv: Data(DirectoryCSV.text(for: records).utf8)
        case .hsds: try DirectoryHSDS.data(for: records)
        }
    }

    public var fileExtension: String { self == .csv ? "csv" : "json" }
}
