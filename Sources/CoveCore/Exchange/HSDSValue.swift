import Foundation

/// Any JSON value, kept as written.
///
/// The HSDS import reads documents through this rather than through `Codable` models: a model
/// stops at the first field of the wrong type, while an import must report every problem, each
/// at its own path, and ignore the many HSDS fields Cove has no use for.
enum HSDSValue: Hashable, Sendable, Codable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([HSDSValue])
    case object([String: HSDSValue])

    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }

    static func int(_ value: Int) -> HSDSValue { .number(Double(value)) }

    /// An object of the fields that have a value: HSDS leaves unknown facts out rather than null.
    static func fields(_ pairs: KeyValuePairs<String, HSDSValue?>) -> HSDSValue {
        var object: [String: HSDSValue] = [:]
        for (key, value) in pairs { if let value { object[key] = value } }
        return .object(object)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Commonest first: every failed attempt costs a thrown error.
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([String: HSDSValue].self) {
            self = .object(value)
        } else if let value = try? container.decode([HSDSValue].self) {
            self = .array(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else {
            self = .number(try container.decode(Double.self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        // Whole numbers as integers, so ages read "12" rather than "12.0" in every encoder.
        case .number(let value) where value.rounded() == value && abs(value) < 1e15: try container.encode(Int(value))
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let values): try container.encode(values)
        case .object(let fields): try container.encode(fields)
        }
    }

    var objectValue: [String: HSDSValue]? {
        if case .object(let fields) = self { fields } else { nil }
    }

    var arrayValue: [HSDSValue]? {
        if case .array(let values) = self { values } else { nil }
    }

    var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The field's text as the plain CSV would hold it: numbers without a needless ".0".
    var text: String? {
        switch self {
        case .string(let value): value
        case .number(let value) where value.rounded() == value && abs(value) < 1e15: String(Int(value))
        case .number(let value): String(value)
        default: nil
        }
    }

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
