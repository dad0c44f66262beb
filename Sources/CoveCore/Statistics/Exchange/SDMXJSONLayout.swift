import Foundation

/// Where an SDMX-JSON structure puts each component Cove reads, and what its values mean: read
/// once per structure, then used for every observation of the data sets that refer to it.
struct SDMXJSONLayout {
    /// The level a component is attached to; a key at that level holds one index per component.
    enum Level: String, CaseIterable {
        case dataSet, series, observation
    }

    struct Slot {
        let level: Level
        /// The component's place among those of its level, the place of its index in a key.
        let position: Int
    }

    struct Attribute {
        let id: String
        let slot: Slot
        /// Each listed value's text; nil for a `null` entry, which means no value.
        let values: [String?]
        /// The value of an observation whose array stops before this attribute.
        let fallback: String?
    }

    /// Per dimension of the dataflow, in key order; every one is found when reading goes on.
    var dimensions: [Slot?]
    var codes: [[String]]
    var time: Slot?
    var periods: [TimePeriod] = []
    /// How many dimensions each level has: the number of indices in its keys.
    var counts: [Level: Int] = [:]
    var attributes: [Attribute] = []
    /// Measures listed before the attribute indices in an observation's array; 1 in SDMX-JSON 1.0.
    var measureCount = 1
    /// OBS_VALUE's place among them.
    var valuePosition = 0

    init(dimensionCount: Int) {
        dimensions = Array(repeating: nil, count: dimensionCount)
        codes = Array(repeating: [], count: dimensionCount)
    }

    func count(_ level: Level) -> Int { counts[level] ?? 0 }
}

extension SDMXJSONReader {
    /// The layout of the structure at `path`, or nil, with every problem reported, when it does
    /// not describe this dataflow: a code outside its codelist, a dimension missing or unknown, a
    /// period Cove does not collect. Data sets are not read past a broken structure.
    mutating func layout(of value: HSDSValue, path: String) -> SDMXJSONLayout? {
        let before = problems.count
        guard let object = value.objectValue else {
            report(.malformedJSON, path, "expected a structure object, found \(value.typeName)")
            return nil
        }
        guard let dimensions = object["dimensions"]?.objectValue else {
            report(.malformedJSON, "\(path).dimensions", "no dimensions object; the message must say which dimensions its keys hold")
            return nil
        }
        var layout = SDMXJSONLayout(dimensionCount: structure.dimensions.count)
        for level in SDMXJSONLayout.Level.allCases {
            guard let components = list(dimensions[level.rawValue], path: "\(path).dimensions.\(level.rawValue)") else { continue }
            layout.counts[level] = components.count
            for (position, component) in components.enumerated() {
                readDimension(component, at: SDMXJSONLayout.Slot(level: level, position: position),
                              path: "\(path).dimensions.\(level.rawValue)[\(position)]", into: &layout)
            }
        }
        let needed = structure.dimensions.map(\.id) + [structure.timeDimension]
        let found = layout.dimensions.map { $0 != nil } + [layout.time != nil]
        for (id, isFound) in zip(needed, found) where !isFound {
            report(.missingColumn, "\(path).dimensions", columnName: id,
                   "the message has no \(id) dimension; \(structure.reference) needs \(needed.joined(separator: ", "))")
        }
        readMeasures(object["measures"], path: "\(path).measures", into: &layout)
        readAttributes(object["attributes"], path: "\(path).attributes", into: &layout)
        checkDataflow(object["links"], path: "\(path).links")
        return problems.count == before ? layout : nil
    }

    /// The array at `path`; nil, and nothing reported, when the field is absent or null.
    mutating func list(_ value: HSDSValue?, path: String) -> [HSDSValue]? {
        guard let value, value != .null else { return nil }
        guard let list = value.arrayValue else {
            report(.malformedJSON, path, "expected an array, found \(value.typeName)")
            return nil
        }
        return list
    }

    private mutating func readDimension(_ component: HSDSValue, at slot: SDMXJSONLayout.Slot, path: String,
                                        into layout: inout SDMXJSONLayout) {
        guard let object = component.objectValue, let id = object["id"]?.stringValue else {
            report(.malformedJSON, path, "expected a dimension object with an id")
            return
        }
        guard let texts = valueTexts(object["values"], path: "\(path).values", id: id) else { return }
        if slot.level == .dataSet, texts.count != 1 {
            report(.malformedJSON, "\(path).values", columnName: id,
                   "a dimension at data set level has exactly one value; \(id) lists \(texts.count)")
        }
        if id == structure.timeDimension {
            guard layout.time == nil else { return report(.duplicateColumn, path, columnName: id, "\(id) is listed twice") }
            layout.time = slot
            for (index, text) in texts.enumerated() {
                do {
                    let period = try TimePeriod(parsing: text)
                    layout.periods.append(period)
                } catch {
                    report(.badPeriod, "\(path).values[\(index)]", columnName: id, "\(quoted(text)) is not a period: \(error.reason)")
                }
            }
        } else if let index = structure.dimensions.firstIndex(where: { $0.id == id }) {
            guard layout.dimensions[index] == nil else { return report(.duplicateColumn, path, columnName: id, "\(id) is listed twice") }
            let dimension = structure.dimensions[index]
            layout.dimensions[index] = slot
            layout.codes[index] = texts
            for (position, code) in texts.enumerated() where !dimension.codes.contains(code) {
                report(.unknownCode, "\(path).values[\(position)]", columnName: id, "\(quoted(code)) is not a code of \(dimension.codelist)")
            }
        } else {
            let ids = (structure.dimensions.map(\.id) + [structure.timeDimension]).joined(separator: ", ")
            report(.wrongDataflow, "\(path).id", columnName: id,
                   "\(quoted(id)) is not a dimension of \(structure.reference), whose dimensions are \(ids)")
        }
    }

    /// The ids of a dimension's values (or their `value`, as SDMX-JSON 2.0 also allows); nil when
    /// the list is missing or an entry has neither. A value listed twice would make two keys mean
    /// the same observation, so it is refused.
    private mutating func valueTexts(_ value: HSDSValue?, path: String, id: String) -> [String]? {
        guard let values = value?.arrayValue else {
            report(.malformedJSON, path, columnName: id, "expected the array of \(id)'s values")
            return nil
        }
        var texts: [String] = []
        var first: [String: Int] = [:]
        for (index, entry) in values.enumerated() {
            guard let text = Self.text(of: entry) else {
                report(.malformedJSON, "\(path)[\(index)]", columnName: id, "expected a value with an id, found \(entry.typeName)")
                return nil
            }
            if let earlier = first[text] {
                report(.duplicateKey, "\(path)[\(index)]", columnName: id, "\(quoted(text)) is listed again; it is already \(path)[\(earlier)]")
            }
            first[text] = first[text] ?? index
            texts.append(text)
        }
        return texts
    }

    /// `{"id": "F", "name": "Girls"}` or `{"value": 3}` as text; nil for anything else.
    static func text(of entry: HSDSValue) -> String? {
        entry.objectValue?["id"]?.stringValue ?? entry.objectValue?["value"]?.text
    }

    private mutating func readMeasures(_ value: HSDSValue?, path: String, into layout: inout SDMXJSONLayout) {
        guard let value, value != .null else { return }
        guard let measures = list(value.objectValue?["observation"], path: "\(path).observation"), !measures.isEmpty else { return }
        layout.measureCount = measures.count
        let ids = measures.map { $0.objectValue?["id"]?.stringValue }
        if let position = ids.firstIndex(of: SDMXComponent.observationValue) {
            layout.valuePosition = position
        } else if measures.count > 1 {
            report(.missingColumn, "\(path).observation", columnName: SDMXComponent.observationValue,
                   "none of the \(measures.count) measures is OBS_VALUE")
        }
    }

    /// The attributes Cove keeps, wherever they are attached; others (TITLE, DECIMALS, …) are
    /// skipped, as in a CSV file, but keep their places in the arrays.
    private mutating func readAttributes(_ value: HSDSValue?, path: String, into layout: inout SDMXJSONLayout) {
        guard let value, value != .null else { return }
        guard let levels = value.objectValue else {
            return report(.malformedJSON, path, "expected an object of attributes by level, found \(value.typeName)")
        }
        let kept = [SDMXComponent.observationStatus, SDMXComponent.confidentialityStatus].filter { structure.attribute($0) != nil }
            + [SDMXComponent.unitMultiplier]
        for level in SDMXJSONLayout.Level.allCases {
            guard let components = list(levels[level.rawValue], path: "\(path).\(level.rawValue)") else { continue }
            for (position, component) in components.enumerated() {
                let componentPath = "\(path).\(level.rawValue)[\(position)]"
                guard let object = component.objectValue, let id = object["id"]?.stringValue else {
                    report(.malformedJSON, componentPath, "expected an attribute object with an id")
                    continue
                }
                guard kept.contains(id) else { continue }
                guard !layout.attributes.contains(where: { $0.id == id }) else {
                    report(.duplicateColumn, componentPath, columnName: id, "\(id) is listed twice")
                    continue
                }
                var texts: [String?] = []
                for (index, entry) in (list(object["values"], path: "\(componentPath).values") ?? []).enumerated() {
                    let text = entry == .null ? nil : Self.text(of: entry)
                    if entry != .null, text == nil {
                        report(.malformedJSON, "\(componentPath).values[\(index)]", columnName: id,
                               "expected a value with an id, found \(entry.typeName)")
                    }
                    if let text { checkAttribute(id, text, path: "\(componentPath).values[\(index)]") }
                    texts.append(text)
                }
                let fallback = object["default"]?.text
                if let fallback { checkAttribute(id, fallback, path: "\(componentPath).default") }
                layout.attributes.append(.init(id: id, slot: .init(level: level, position: position), values: texts, fallback: fallback))
            }
        }
    }

    /// Reports a value CSV would refuse too: a code outside the attribute's codelist, or a
    /// UNIT_MULT that is not a power of ten Cove accepts.
    private mutating func checkAttribute(_ id: String, _ text: String, path: String) {
        if id == SDMXComponent.unitMultiplier {
            guard let multiplier = Int(text), (-15...15).contains(multiplier) else {
                return report(.badAttribute, path, columnName: id,
                              "\(quoted(text)) is not a power of ten; UNIT_MULT is a whole number such as 0, 3 or 6")
            }
        } else if let attribute = structure.attribute(id), !attribute.codes.contains(text) {
            report(.unknownCode, path, columnName: id, "\(quoted(text)) is not a code of \(attribute.codelist)")
        }
    }

    /// Reports a link to another dataflow, named by its URN; links without one are not judged.
    mutating func checkDataflow(_ value: HSDSValue?, path: String) {
        for (index, link) in (value?.arrayValue ?? []).enumerated() {
            guard let object = link.objectValue, object["rel"]?.stringValue?.lowercased() == "dataflow",
                  let urn = object["urn"]?.stringValue, let equals = urn.lastIndex(of: "="),
                  let reference = DataflowReference(parsing: String(urn[urn.index(after: equals)...])),
                  reference != structure.reference
            else { continue }
            report(.wrongDataflow, "\(path)[\(index)].urn", "the message is for \(reference); this submission is for \(structure.reference)")
        }
    }
}
