import Foundation

/// Reading the cells of an SDMX-JSON message: attribute indices, values, keys.
extension SDMXJSONReader {
    /// The values of the attributes attached at `level`, by id, from `cells` (the data set's or a
    /// series' `attributes`, or an observation's array past its measures); nil when an index is
    /// wrong. An absent index means the attribute's default, a null one no value.
    mutating func attributeValues(_ level: SDMXJSONLayout.Level, cells: [HSDSValue], offset: Int, path: String,
                                 layout: SDMXJSONLayout) -> [String: String]? {
        var values: [String: String] = [:]
        var valid = true
        for attribute in layout.attributes where attribute.slot.level == level {
            let position = offset + attribute.slot.position
            guard position < cells.count else {
                values[attribute.id] = attribute.fallback
                continue
            }
            let cell = cells[position]
            if cell == .null { continue }
            guard let index = Self.integer(cell), index < attribute.values.count else {
                report(.badAttribute, "\(path)[\(position)]", columnName: attribute.id,
                       "expected the index of one of the \(attribute.values.count) values of \(attribute.id), or null; "
                       + "found \(Self.shown(cell))")
                valid = false
                continue
            }
            values[attribute.id] = attribute.values[index]
        }
        return valid ? values : nil
    }

    enum CellNumber: Equatable {
        case missing, number(Double), negative(Double), invalid
    }

    /// OBS_VALUE as a number: JSON's, or a string of plain decimal digits as some producers write
    /// it; `null`, an empty string and SDMX's `NaN` are a missing value.
    static func number(in cell: HSDSValue) -> CellNumber {
        let number: Double
        switch cell {
        case .null:
            return .missing
        case .number(let value):
            number = value
        case .string(let text):
            if text.isEmpty || text == "NaN" { return .missing }
            guard let value = SubmissionRowReader.number(text), value.isFinite else { return .invalid }
            number = value
        default:
            return .invalid
        }
        return number < 0 ? .negative(number) : .number(number == 0 ? 0 : number)
    }

    /// A whole number from 0 to 10^9 as JSON writes an index; nil for anything else.
    static func integer(_ value: HSDSValue) -> Int? {
        guard case .number(let number) = value, number >= 0, number < 1e9, number == number.rounded() else { return nil }
        return Int(number)
    }

    /// `"0:12:3"` as `[0, 12, 3]` when it has `count` indices of plain digits; `""` when `count` is 0.
    static func indices(_ key: String, count: Int) -> [Int]? {
        guard count > 0 else { return key.isEmpty ? [] : nil }
        let parts = key.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == count else { return nil }
        var indices: [Int] = []
        for part in parts {
            guard (1...9).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }), let index = Int(part) else { return nil }
            indices.append(index)
        }
        return indices
    }

    /// Keys in the order of their indices (`"2:10"` after `"2:9"`), the text breaking ties, so
    /// observations and problems come out in the same order on every run.
    static func sortedKeys(_ object: [String: HSDSValue]) -> [String] {
        let numbers = Dictionary(uniqueKeysWithValues: object.keys.map { key in
            (key, key.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) ?? Int.max })
        })
        return object.keys.sorted { lhs, rhs in
            let left = numbers[lhs] ?? [], right = numbers[rhs] ?? []
            return left == right ? lhs < rhs : left.lexicographicallyPrecedes(right)
        }
    }

    /// A JSON value as a message shows it.
    static func shown(_ value: HSDSValue) -> String {
        switch value {
        case .string(let text): SubmissionProblem.quoted(text)
        case .number(let number): SubmissionProblem.text(for: number)
        default: value.typeName
        }
    }
}

/// Where an observation sits: its series key's indices and its own key's.
struct SDMXJSONPlace {
    let series: [Int]
    let observation: [Int]

    /// The index a key gives the component in `slot`; a data set level component has one value.
    func index(_ slot: SDMXJSONLayout.Slot) -> Int {
        switch slot.level {
        case .dataSet: 0
        case .series: slot.position < series.count ? series[slot.position] : Int.max
        case .observation: slot.position < observation.count ? observation[slot.position] : Int.max
        }
    }
}
