import CoveCore
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Encoded help-now answers, kept until the first helpline in them opens or closes (at most a
/// minute), so the thousands of children asking about one country in that minute share one answer.
/// Keys name the directory copy, so an edit is never hidden behind an old answer.
final class HelpAnswerCache: Sendable {
    static let maximumAge: TimeInterval = 60
    /// Countries × languages × ages × topics is bounded in practice; this only stops abuse.
    static let maximumEntries = 20_000

    private struct Entry {
        let body: ByteBuffer
        let validUntil: Date
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    static func key(_ question: HelpRequest, language: Language, snapshot: DirectoryCache.Snapshot) -> String {
        [snapshot.id.uuidString, question.country, question.language ?? "", question.age.map(String.init) ?? "",
         question.topic ?? "", language.rawValue].joined(separator: "|")
    }

    func body(for key: String, at now: Date) -> ByteBuffer? {
        entries.withLockedValue { entries in
            guard let entry = entries[key], now < entry.validUntil else { return nil }
            return entry.body
        }
    }

    func keep(_ body: ByteBuffer, for key: String, until change: Date?, now: Date) {
        let validUntil = min(change ?? .distantFuture, now.addingTimeInterval(Self.maximumAge))
        entries.withLockedValue { entries in
            if entries.count >= Self.maximumEntries {
                entries = entries.filter { now < $0.value.validUntil }
                if entries.count >= Self.maximumEntries { entries.removeAll() }
            }
            entries[key] = Entry(body: body, validUntil: validUntil)
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
