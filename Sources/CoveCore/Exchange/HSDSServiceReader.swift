import Foundation

/// Reads one HSDS service into a `DirectoryRecord`, adding a problem for every bad value, at its
/// JSON path; `record()` returns nil when there is any.
///
/// The helpline's own fields go through `DirectoryFields` under the plain CSV's column names, so
/// the JSON import applies exactly the CSV's rules and messages; `CSVRow` remembers which JSON
/// value each column came from, to report a problem where the value is.
struct HSDSServiceReader {
    /// One Cove attribute read from an `attributes` array: its term, value and where the value is.
    struct Fact {
        let term: HSDSTerm
        let value: String
        let path: String
        let id: String?
    }

    private(set) var problems: [DirectoryImportError] = []
    /// Where the helpline's slug is, for the caller to name in a duplicate-id problem.
    private(set) var idPath: String
    let service: [String: HSDSValue]
    let line: Int
    let path: String
    let knownCountries: Set<String>
    /// Ids of phones and contact attributes that could not be read, so schedules naming them add no second problem.
    var unreadableContactIDs = Set<String>()

    init(service: [String: HSDSValue], line: Int, path: String, knownCountries: Set<String>) {
        self.service = service
        self.line = line
        self.path = path
        self.knownCountries = knownCountries
        idPath = "\(path).attributes"
    }

    mutating func record() -> DirectoryRecord? {
        let facts = self.facts(of: service, at: path, holder: .service)
        let base = checked(serviceRow(facts))
        var points = contactPoints(facts)
        let hours = schedules(zone: base?.timeZone, points: points)
        guard problems.isEmpty, var record = base else { return nil }
        for index in points.indices { points[index].point.schedule = hours.points[index] }
        record.schedule = hours.helpline
        record.contactPoints = points.map(\.point)
        return record
    }

    // MARK: - The helpline's own fields

    private static let terms: [(column: String, term: HSDSTerm)] = [
        ("id", .id), ("scope", .scope), ("time_zone", .timeZone), ("source_url", .sourceURL),
        ("source_seen", .sourceSeen), ("verified_by", .verifiedBy),
    ]

    private mutating func serviceRow(_ facts: [Fact]) -> CSVRow {
        var row = CSVRow()
        for (column, term) in Self.terms {
            guard let fact = facts.first(where: { $0.term == term }) else { continue }
            row.add(column, fact.value, at: fact.path)
        }
        idPath = facts.first { $0.term == .id }?.path ?? idPath
        for fact in facts where fact.term == .topic { addItem(&row, "topics", fact.value, at: fact.path) }
        for (column, key) in [("name", "name"), ("website", "url"), ("verified_on", "assured_date")] {
            row.add(column, string(service, key, at: path), at: "\(path).\(key)")
        }
        for (column, key) in [("min_age", "minimum_age"), ("max_age", "maximum_age")] {
            row.add(column, text(service, key, at: path), at: "\(path).\(key)")
        }
        row.add("status", status(), at: "\(path).status")
        // assurer_email, a person's address, is not read: the directory is public and names teams.
        for (area, at) in objects(service, "service_areas", at: path) {
            addItem(&row, "country", requiredString(area, "name", at: at), at: "\(at).name")
        }
        for (language, at) in objects(service, "languages", at: path) {
            addItem(&row, "languages", requiredString(language, "code", at: at), at: "\(at).code")
        }
        addTexts(facts, to: &row)
        return row
    }

    /// HSDS's status in the CSV's words; HSDS's "inactive" has no Cove equivalent.
    private mutating func status() -> String? {
        guard let text = string(service, "status", at: path) else { return nil }
        guard let status = DirectoryHSDS.statuses.first(where: { $0.hsds == text }) else {
            let known = DirectoryHSDS.statuses.map(\.hsds).joined(separator: ", ")
            problem("\(path).status", "\"\(text)\" is not a status Cove keeps: \(known)")
            return nil
        }
        return status.cove.rawValue
    }

    /// Where to report a column's problem when no single value is to blame, and what to say
    /// when it is missing altogether.
    private var fallbacks: [String: (path: String, missing: String?)] {
        let attribute = { (term: HSDSTerm, example: String) in
            "required: an attribute of \(DirectoryHSDS.taxonomyURI) with code \(term.rawValue), whose value is \(example)"
        }
        return [
            "id": ("\(path).attributes", attribute(.id, "the helpline's slug, such as gb-childline")),
            "time_zone": ("\(path).attributes", attribute(.timeZone, "an IANA zone, such as Europe/London")),
            "country": ("\(path).service_areas", "required: one or more service_areas named by ISO 3166-1 alpha-2 code"),
            "languages": ("\(path).languages", nil), "topics": ("\(path).attributes", nil),
        ]
    }

    /// The plain CSV's verdict on the row, each problem moved to the JSON value it is about.
    private mutating func checked(_ row: CSVRow) -> DirectoryRecord? {
        var fields = DirectoryFields(values: row.values, line: line, knownCountries: knownCountries)
        let record = fields.record()
        // A value of the wrong type is reported already, and reaches the CSV's rules as missing.
        let reported = Set(problems.compactMap(\.field))
        for found in fields.problems {
            let column = found.field ?? ""
            let fallback = fallbacks[column]
            let at = row.path(of: found) ?? fallback?.path ?? "\(path).\(column)"
            guard !reported.contains(at) else { continue }
            let missing = row.origins[column] == nil && found.message.hasPrefix("required")
            problem(at, missing ? fallback?.missing ?? found.message : found.message)
        }
        return record
    }

    /// The record `DirectoryFields` reads from `values` in an otherwise valid stand-in row, so that
    /// a value is checked on its own by the CSV's rules; its problems are moved to the JSON paths in
    /// `origins`, and it is nil when there is any.
    mutating func standInRecord(_ values: [String: String], origins: [String: String], fallback: String)
        -> DirectoryRecord? {
        let standIn = ["id": "stand-in", "name": "Stand-in", "country": "ZZ", "time_zone": "UTC"]
        var fields = DirectoryFields(values: standIn.merging(values) { $1 }, line: line, knownCountries: ["ZZ"])
        let record = fields.record()
        for found in fields.problems {
            problem(found.field.flatMap { origins[$0] } ?? fallback, found.message)
        }
        return fields.problems.isEmpty ? record : nil
    }

    /// A list item for the CSV, refused if it holds the CSV's list separator.
    mutating func addItem(_ row: inout CSVRow, _ column: String, _ text: String?, at itemPath: String) {
        guard let text else { return }
        guard text.contains(where: { !$0.isWhitespace }) else {
            problem(itemPath, "required")
            return
        }
        guard isSingleItem(text, at: itemPath) else { return }
        row.add(column, text, at: itemPath)
    }

    mutating func isSingleItem(_ text: String, at itemPath: String) -> Bool {
        guard text.contains(";") else { return true }
        problem(itemPath, "\"\(text)\" holds \";\", which the plain CSV puts between list items; give one value per entry")
        return false
    }

    // MARK: - Cove attributes

    /// The Cove attributes of `object`; attributes of other taxonomies are skipped.
    mutating func facts(of object: [String: HSDSValue], at objectPath: String, holder: HSDSTerm.Holder) -> [Fact] {
        var facts: [Fact] = []
        for (attribute, at) in objects(object, "attributes", at: objectPath) {
            guard let term = coveTerm(of: attribute, at: at) else { continue }
            guard term.holder == holder else {
                problem("\(at).taxonomy_term.code",
                        "\"\(term.rawValue)\" describes a \(term.holder.rawValue), not a \(holder.rawValue)")
                continue
            }
            guard let value = requiredString(attribute, "value", at: at) else { continue }
            if !term.isRepeatable, facts.contains(where: { $0.term == term }) {
                problem("\(at).taxonomy_term.code", "\"\(term.rawValue)\" is given twice")
                continue
            }
            facts.append(Fact(term: term, value: value, path: "\(at).value", id: string(attribute, "id", at: at)))
        }
        return facts
    }

    private mutating func coveTerm(of attribute: [String: HSDSValue], at attributePath: String) -> HSDSTerm? {
        let termPath = "\(attributePath).taxonomy_term"
        guard let term = object(attribute, "taxonomy_term", at: attributePath),
              string(term, "taxonomy", at: termPath) == DirectoryHSDS.taxonomyURI else { return nil }
        let code = string(term, "code", at: termPath)
        guard let known = code.flatMap(HSDSTerm.init(rawValue:)) else {
            let codes = HSDSTerm.allCases.map(\.rawValue).joined(separator: ", ")
            problem("\(termPath).code", "\"\(code ?? "")\" is not a term of \(DirectoryHSDS.taxonomyURI): use one of \(codes)")
            return nil
        }
        return known
    }

    // MARK: - Typed access

    /// The string at `key`; nil when absent or null, and a problem when of another type.
    mutating func string(_ object: [String: HSDSValue], _ key: String, at objectPath: String) -> String? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        case let other?:
            problem("\(objectPath).\(key)", "expected a string, found \(other.typeName)")
            return nil
        }
    }

    mutating func requiredString(_ object: [String: HSDSValue], _ key: String, at objectPath: String) -> String? {
        guard let value = object[key], value != .null else {
            problem("\(objectPath).\(key)", "required")
            return nil
        }
        return string(object, key, at: objectPath)
    }

    /// A string or number as text, as a CSV cell would hold it.
    mutating func text(_ object: [String: HSDSValue], _ key: String, at objectPath: String) -> String? {
        if case .number = object[key] { return object[key]?.text }
        return string(object, key, at: objectPath)
    }

    mutating func object(_ object: [String: HSDSValue], _ key: String, at objectPath: String) -> [String: HSDSValue]? {
        switch object[key] {
        case nil, .null?: return nil
        case .object(let fields)?: return fields
        case let other?:
            problem("\(objectPath).\(key)", "expected an object, found \(other.typeName)")
            return nil
        }
    }

    /// The objects of the array at `key`, each with its path; anything else there is a problem.
    mutating func objects(_ object: [String: HSDSValue], _ key: String, at objectPath: String)
        -> [(fields: [String: HSDSValue], path: String)] {
        guard let value = object[key], value != .null else { return [] }
        guard let items = value.arrayValue else {
            problem("\(objectPath).\(key)", "expected an array, found \(value.typeName)")
            return []
        }
        return items.enumerated().compactMap { index, item in
            let itemPath = "\(objectPath).\(key)[\(index)]"
            guard let fields = item.objectValue else {
                problem(itemPath, "expected an object, found \(item.typeName)")
                return nil
            }
            return (fields, itemPath)
        }
    }

    mutating func problem(_ field: String, _ message: String) {
        problems.append(DirectoryImportError(line: line, field: field, message: message))
    }
}

extension HSDSServiceReader {
    /// Values under the plain CSV's column names, for `DirectoryFields`, with the JSON path each came
    /// from; list columns join their items with ";", and `names` and `descriptions` with " | ", as the
    /// CSV does.
    struct CSVRow {
        private(set) var values: [String: String] = [:]
        private(set) var origins: [String: [(text: String, path: String)]] = [:]

        mutating func add(_ column: String, _ text: String?, at path: String, separator: String = ";") {
            guard let text else { return }
            values[column] = values[column].map { "\($0)\(separator)\(text)" } ?? text
            origins[column, default: []].append((text, path))
        }

        /// The path of the only value of the problem's column, or of the item its message quotes.
        func path(of problem: DirectoryImportError) -> String? {
            guard let column = problem.field, let sources = origins[column] else { return nil }
            if sources.count == 1 { return sources[0].path }
            let message = problem.message.lowercased()
            return sources.first { source in
                message.hasPrefix("\"\(source.text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())\"")
            }?.path
        }
    }
}
