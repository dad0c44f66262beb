/// Compares every catalogue against the reference one, so a missing or broken translation
/// fails the tests instead of showing a raw key to a child.
public enum CatalogueAudit {
    public enum Problem: Equatable, Sendable, CustomStringConvertible {
        case missingKey(Language, key: String)
        case extraKey(Language, key: String)
        case placeholdersDiffer(Language, key: String, expected: Set<String>, found: Set<String>)
        case emptyMessage(Language, key: String)
        case reviewListNamesUnknownKey(Language, key: String)

        public var description: String {
            switch self {
            case let .missingKey(language, key): "\(language.rawValue): missing \"\(key)\""
            case let .extraKey(language, key): "\(language.rawValue): \"\(key)\" is not in the reference catalogue"
            case let .placeholdersDiffer(language, key, expected, found):
                "\(language.rawValue): \"\(key)\" has placeholders \(found.sorted()), expected \(expected.sorted())"
            case let .emptyMessage(language, key): "\(language.rawValue): \"\(key)\" is empty"
            case let .reviewListNamesUnknownKey(language, key):
                "\(language.rawValue): needs_native_review names unknown key \"\(key)\""
            }
        }
    }

    public static func problems(reference: MessageCatalogue, others: [MessageCatalogue]) -> [Problem] {
        others.flatMap { problems(in: $0, against: reference) }
    }

    static func problems(in catalogue: MessageCatalogue, against reference: MessageCatalogue) -> [Problem] {
        let language = catalogue.language
        var found: [Problem] = []
        for key in reference.messages.keys.sorted() {
            guard let text = catalogue.messages[key] else {
                found.append(.missingKey(language, key: key))
                continue
            }
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                found.append(.emptyMessage(language, key: key))
            }
            let expected = MessageCatalogue.placeholders(in: reference.messages[key]!)
            let actual = MessageCatalogue.placeholders(in: text)
            if expected != actual {
                found.append(.placeholdersDiffer(language, key: key, expected: expected, found: actual))
            }
        }
        for key in catalogue.messages.keys.sorted() where reference.messages[key] == nil {
            found.append(.extraKey(language, key: key))
        }
        for key in catalogue.needsNativeReview.sorted() where reference.messages[key] == nil {
            found.append(.reviewListNamesUnknownKey(language, key: key))
        }
        return found
    }
}

import Foundation
