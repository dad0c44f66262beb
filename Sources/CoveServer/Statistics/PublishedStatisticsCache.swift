import CoveCore
import Fluent
import NIOConcurrencyHelpers
import Vapor

/// Published observations in memory, per dataflow, so the public pages and open data do not read
/// a whole dataflow for every request. Publishing empties it; a copy older than `maximumAge` is
/// read again anyway, because another instance sharing the database may have published.
final class PublishedStatisticsCache: Sendable {
    private struct Entry: Sendable {
        var observations: [SDMXObservation]
        var loadedAt: Date
    }

    static let maximumAge: TimeInterval = 60

    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    func observations(of structure: DataflowStructure, on db: any Database, now: Date) async throws -> [SDMXObservation] {
        if let entry = entries.withLockedValue({ $0[structure.id] }), now.timeIntervalSince(entry.loadedAt) < Self.maximumAge {
            return entry.observations
        }
        let loaded = try await PublishedObservationStore.observations(of: structure.id, structure: structure, on: db)
        entries.withLockedValue { $0[structure.id] = Entry(observations: loaded, loadedAt: now) }
        return loaded
    }

    func invalidate() {
        entries.withLockedValue { $0.removeAll() }
    }
}

extension Application {
    private struct PublishedStatisticsKey: StorageKey {
        typealias Value = PublishedStatisticsCache
    }

    var publishedStatistics: PublishedStatisticsCache {
        if let cache = storage[PublishedStatisticsKey.self] { return cache }
        let cache = PublishedStatisticsCache()
        storage[PublishedStatisticsKey.self] = cache
        return cache
    }
}
