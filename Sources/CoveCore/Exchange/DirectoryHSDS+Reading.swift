import Foundation

extension DirectoryHSDS {
    /// Reads an HSDS service list, as `data(for:)` writes it, or a bare array of services.
    ///
    /// Like the plain CSV import it is all or nothing: every problem in the file is collected, and
    /// records come back only when there is none. In a JSON file an error's `line` is the 1-based
    /// position of the service in `contents` (1 for problems with the document as a whole), and its
    /// `field` the JSON path of the value to fix, such as `contents[3].phones[0].number`. Fields are
    /// checked by the plain CSV's own rules (`DirectoryFields`), so both formats refuse the same
    /// values with the same words. Fields Cove does not use, and attributes of other taxonomies,
    /// are ignored, as HSDS permits. HSDS's `description` is read only from a service without Cove's
    /// `description` attributes, as the description in its first language (`HSDSServiceReader.addTexts`).
    public static func records(from data: Data, knownCountries: Set<String>) -> Result<[DirectoryRecord], DirectoryImportErrors> {
        let document: HSDSValue
        do {
            document = try JSONDecoder().decode(HSDSValue.self, from: data)
        } catch {
            return failure(field: nil, "not valid JSON: \(reason(error, data: data))")
        }
        let services: [HSDSValue], prefix: String
        switch document {
        case .array(let values):
            (services, prefix) = (values, "")
        case .object(let page) where page["contents"]?.arrayValue != nil:
            (services, prefix) = (page["contents"]!.arrayValue!, "contents")
        default:
            return failure(field: document.objectValue == nil ? nil : "contents",
                           "expected an HSDS page of services with a contents array, or an array of services")
        }
        return records(from: services, prefix: prefix, knownCountries: knownCountries)
    }

    private static func records(from services: [HSDSValue], prefix: String, knownCountries: Set<String>)
        -> Result<[DirectoryRecord], DirectoryImportErrors> {
        var problems: [DirectoryImportError] = []
        var records: [DirectoryRecord] = []
        var seen: [String: Int] = [:]
        for (index, value) in services.enumerated() {
            let path = "\(prefix)[\(index)]"
            guard let service = value.objectValue else {
                problems.append(.init(line: index + 1, field: path,
                                      message: "expected a service object, found \(value.typeName)"))
                continue
            }
            var reader = HSDSServiceReader(service: service, line: index + 1, path: path, knownCountries: knownCountries)
            let record = reader.record()
            problems += reader.problems
            guard let record else { continue }
            if let first = seen[record.id] {
                problems.append(.init(line: index + 1, field: reader.idPath,
                                      message: "\"\(record.id)\" is already used by service \(first) (\(prefix)[\(first - 1)])"))
            }
            seen[record.id] = seen[record.id] ?? index + 1
            records.append(record)
        }
        return problems.isEmpty ? .success(records) : .failure(DirectoryImportErrors(problems))
    }

    private static func failure(field: String?, _ message: String) -> Result<[DirectoryRecord], DirectoryImportErrors> {
        .failure(DirectoryImportErrors([DirectoryImportError(line: 1, field: field, message: message)]))
    }

    /// The parser's own explanation. `JSONDecoder` on Linux only says the data is not JSON, while
    /// `JSONSerialization` says where ("Invalid value around character 14."), so it is asked too.
    private static func reason(_ error: any Error, data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            if let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        }
        if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
        return "\(error)"
    }
}
