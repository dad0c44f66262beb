import CoveCore
import Fluent
import NIOConcurrencyHelpers
import Vapor

/// The directory in memory, so help-now answers without a query. A write through `DirectoryStore`
/// empties it; a copy older than `maximumAge` is reloaded anyway, because another instance sharing
/// the database may have written.
final class DirectoryCache: Sendable {
    struct Snapshot: Sendable {
        let records: [DirectoryRecord]
        let recordsByID: [String: DirectoryRecord]
        let listingsByCountry: [String: [HelplineListing]]
        /// International services that name no country, so serve all of them.
        let worldwide: [HelplineListing]
        let loadedAt: Date

        init(records: [DirectoryRecord], loadedAt: Date) {
            self.records = records
            recordsByID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            self.loadedAt = loadedAt
            var byCountry: [String: [HelplineListing]] = [:]
            var worldwide: [HelplineListing] = []
            for listing in records.map(\.listing) {
                if listing.coversEveryCountry { worldwide.append(listing) }
                for country in Set(listing.countries.map { $0.uppercased() }) {
                    byCountry[country, default: []].append(listing)
                }
            }
            listingsByCountry = byCountry
            self.worldwide = worldwide
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

    /// The generation counts invalidations, so a load that began before a write cannot store what
    /// it read once the write has landed.
    private let state = NIOLockedValueBox<(generation: Int, snapshot: Snapshot?)>((0, nil))

    func snapshot(on database: any Database, now: Date) async throws -> Snapshot {
        let (generation, cached) = state.withLockedValue { $0 }
        if let cached, cached.loadedAt <= now, now.timeIntervalSince(cached.loadedAt) < Self.maximumAge {
            return cached
        }
        let records = try await DirectoryStore(database: database, cache: self, now: now).records()
        let snapshot = Snapshot(records: records, loadedAt: now)
        state.withLockedValue { if $0.generation == generation { $0.snapshot = snapshot } }
        return snapshot
    }

    func invalidate() {
        state.withLockedValue { $0 = ($0.generation + 1, nil) }
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
