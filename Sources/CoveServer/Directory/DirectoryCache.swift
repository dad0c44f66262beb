import CoveCore
import Fluent
import NIOConcurrencyHelpers
import Vapor

/// The directory in memory, so help-now answers without a query. A write through `DirectoryStore`
/// empties it; a copy older than `maximumAge` is reloaded anyway, because another instance sharing
/// the database may have written.
final class DirectoryCache: Sendable {
    struct Snapshot: Sendable {
        /// Tells copies apart, so what was worked out from one copy is not reused with the next.
        let id = UUID()
        let records: [DirectoryRecord]
        /// Which revisions the copy was read at; see `DirectoryStore.changeMark()`.
        let mark: DirectoryStore.ChangeMark
        let recordsByID: [String: DirectoryRecord]
        let listingsByCountry: [String: [HelplineListing]]
        /// International services that name no country, so serve all of them.
        let worldwide: [HelplineListing]
        private(set) var loadedAt: Date

        init(records: [DirectoryRecord], mark: DirectoryStore.ChangeMark, loadedAt: Date) {
            self.records = records
            self.mark = mark
            recordsByID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            self.loadedAt = loadedAt
            var byCountry: [String: [HelplineListing]] = [:]
            var worldwide: [HelplineListing] = []
            for listing in records.map(\.listing) {
                if listing.coversEveryCountry { worldwide.append(listing) }
                for country in listing.countryCodes {
                    byCountry[country, default: []].append(listing)
                }
            }
            listingsByCountry = byCountry
            self.worldwide = worldwide
        }

        mutating func refresh(at instant: Date) {
            loadedAt = instant
        }

        /// Neighbouring countries' helplines as a child abroad can reach them, minus `own`.
        func neighbourListings(for countries: [String], excluding own: [HelplineListing]) -> [HelplineListing] {
            let ownIDs = Set(own.map(\.id))
            return listings(for: countries).filter { !ownIDs.contains($0.id) }
                .compactMap { recordsByID[$0.id]?.crossBorderListing }
        }

        /// Listings serving any of `countries`, each once, with the worldwide ones.
        func listings(for countries: [String]) -> [HelplineListing] {
            var seen = Set<String>()
            return (countries.flatMap { listingsByCountry[$0.uppercased()] ?? [] } + worldwide)
                .filter { seen.insert($0.id).inserted }
        }
    }

    static let maximumAge: TimeInterval = 30

    private struct State {
        /// Counts invalidations, so a load that began before a write cannot store what it read.
        var generation = 0
        var snapshot: Snapshot?
        var loading: Task<Snapshot, any Error>?
    }

    private let state = NIOLockedValueBox(State())

    /// The current copy. Only one load runs at a time, however many requests miss together; a copy
    /// that has only aged is still served while a fresh one loads, but one emptied by a write is not.
    func snapshot(on database: any Database, now: Date) async throws -> Snapshot {
        let (cached, loading) = state.withLockedValue { state -> (Snapshot?, Task<Snapshot, any Error>?) in
            if let snapshot = state.snapshot, snapshot.loadedAt <= now,
               now.timeIntervalSince(snapshot.loadedAt) < Self.maximumAge {
                return (snapshot, nil)
            }
            let task = state.loading ?? startLoading(&state, on: database, now: now)
            return (state.snapshot, task)
        }
        if let cached { return cached }
        return try await loading!.value
    }

    private func startLoading(_ state: inout State, on database: any Database, now: Date) -> Task<Snapshot, any Error> {
        let generation = state.generation
        let aged = state.snapshot
        let task = Task {
            defer { self.state.withLockedValue { if $0.generation == generation { $0.loading = nil } } }
            let store = DirectoryStore(database: database, cache: self, now: now)
            let mark = try await store.changeMark()
            let snapshot: Snapshot
            if var unchanged = aged, unchanged.mark == mark {
                // Nobody wrote, here or in another instance: keep the copy, and with it every
                // schedule's memo and every kept answer.
                unchanged.refresh(at: now)
                snapshot = unchanged
            } else {
                snapshot = Snapshot(records: try await store.records(), mark: mark, loadedAt: now)
            }
            self.state.withLockedValue { if $0.generation == generation { $0.snapshot = snapshot } }
            return snapshot
        }
        state.loading = task
        return task
    }

    func invalidate() {
        state.withLockedValue { $0 = State(generation: $0.generation + 1) }
    }
}

extension Application {
    private struct DirectoryCacheKey: StorageKey { typealias Value = DirectoryCache }

    /// Set up in `configure`, before the server takes requests.
    var directoryCache: DirectoryCache { storage[DirectoryCacheKey.self]! }

    func configureDirectoryCache() {
        storage[DirectoryCacheKey.self] = DirectoryCache()
    }
}
