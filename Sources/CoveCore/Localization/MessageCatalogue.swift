import Foundation

/// One language's messages. Placeholders are written `{name}` and filled by `format`.
public struct MessageCatalogue: Sendable, Equatable {
    public let language: Language
    public let messages: [String: String]
    /// Keys whose translation is a draft still waiting for a native speaker's review.
    public let needsNativeReview: Set<String>

    public init(language: Language, messages: [String: String], needsNativeReview: Set<String> = []) {
        self.language = language
        self.messages = messages
        self.needsNativeReview = needsNativeReview
    }

    public enum LoadError: Error, CustomStringConvertible, Equatable {
        case malformed(file: String, reason: String)
        case wrongLanguage(file: String, declared: String)

        public var description: String {
            switch self {
            case let .malformed(file, reason): "\(file): not a message catalogue: \(reason)"
            case let .wrongLanguage(file, declared): "\(file): declares language \"\(declared)\""
            }
        }
    }

    private struct File: Decodable {
        var language: String
        var needs_native_review: [String]?
        var messages: [String: String]
    }

    public init(json: Data, expected language: Language, fileName: String) throws {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: json)
        } catch {
            throw LoadError.malformed(file: fileName, reason: "\(error)")
        }
        guard file.language == language.rawValue else {
            throw LoadError.wrongLanguage(file: fileName, declared: file.language)
        }
        self.init(language: language, messages: file.messages, needsNativeReview: Set(file.needs_native_review ?? []))
    }

    /// The message for `key` with its placeholders filled; the key itself when missing, so a
    /// gap shows up on the page instead of crashing it (the catalogue test catches gaps first).
    public func format(_ key: String, _ arguments: [String: String] = [:]) -> String {
        guard var text = messages[key] else { return key }
        for (name, value) in arguments {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }

    /// Names of the `{placeholders}` in a message.
    public static func placeholders(in text: String) -> Set<String> {
        var names = Set<String>()
        var current: String?
        for character in text {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                if !name.isEmpty { names.insert(name) }
                current = nil
            } else if current != nil {
                current!.append(character)
            }
        }
        return names
    }
}
