import CoveCore
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Encoded help-now answers, kept until the first helpline in them opens or closes (at most a
/// minute), so the thousands of children asking about one country in that minute share one answer.
/// Keys name the directory copy, so an edit is never hidden behind an old answer.
final class HelpAnswerCache: Sendable {
    static let maximumAge: TimeInterval = 60
    /// Countries × the languages children ask in is a few thousand; odd languages, ages and topics
    /// can make keys without end, so past this the whole cache starts again (cheaply, once).
    static let maximumEntries = 5_000

    struct Kept {
        let body: ByteBuffer
        let validUntil: Date
    }

    private let entries = NIOLockedValueBox<[String: Kept]>([:])

    static func key(_ question: HelpRequest, language: Language, snapshot: DirectoryCache.Snapshot) -> String {
        [snapshot.id.uuidString, question.country, question.language ?? "", question.age.map(String.init) ?? "",
         question.topic ?? "", language.rawValue].joined(separator: "|")
    }

    /// The first opening or closing in the answer, but no later than a minute from now.
    static func validUntil(change: Date?, now: Date) -> Date {
        min(change ?? .distantFuture, now.addingTimeInterval(maximumAge))
    }

    func kept(for key: String, at now: Date) -> Kept? {
        entries.withLockedValue { entries in
            guard let kept = entries[key], now < kept.validUntil else { return nil }
            return kept
        }
    }

    func keep(_ body: ByteBuffer, for key: String, until validUntil: Date) {
        entries.withLockedValue { entries in
            if entries.count >= Self.maximumEntries { entries.removeAll(keepingCapacity: true) }
            entries[key] = Kept(body: body, validUntil: validUntil)
        }
    }

    static func encode(_ response: HelpResponse) throws -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return ByteBuffer(data: try encoder.encode(response))
    }
}

extension Application {
    private struct HelpAnswersKey: StorageKey { typealias Value = HelpAnswerCache }

    var helpAnswers: HelpAnswerCache { storage[HelpAnswersKey.self]! }

    func configureHelpAnswers() {
        storage[HelpAnswersKey.self] = HelpAnswerCache()
    }
}
