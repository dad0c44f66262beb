import CoveCore
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

@Suite("Directory cache")
struct DirectoryCacheTests {
    private func kenya(_ app: Application) async throws -> String {
        try await app.testing().sendRequest(.GET, "/api/v1/help?country=KE").body.string
    }

    @Test func aWriteByAnotherInstanceIsSeenOnceTheCopyHasAged() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            #expect(try await kenya(app).contains("tel:116\""))
            // Another instance shares the database but not this process's cache.
            let elsewhere = DirectoryStore(database: app.db, cache: DirectoryCache(), now: clock.now)
            var record = try #require(try await elsewhere.helpline(slug: "ke-child-helpline-116")).record()
            record.contactPoints[0].address = "116 222"
            try await elsewhere.save(record, as: .updating(expectedVersion: 1), by: .commandLine)
            #expect(try await kenya(app).contains("tel:116\""), "served from the copy while it is fresh")

            clock.advance(by: DirectoryCache.maximumAge + 1)
            var seen = false
            for _ in 0..<100 where !seen {
                seen = try await kenya(app).contains("tel:116222")
                if !seen { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(seen)
        }
    }

    @Test func anAgedCopyWithNoWriteSinceIsKept() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            let first = try await app.directoryCache.snapshot(on: app.db, now: clock.now)
            clock.advance(by: DirectoryCache.maximumAge + 1)
            _ = try await app.directoryCache.snapshot(on: app.db, now: clock.now)
            var kept = first
            for _ in 0..<100 {
                kept = try await app.directoryCache.snapshot(on: app.db, now: clock.now)
                if kept.loadedAt > first.loadedAt { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(kept.loadedAt > first.loadedAt)
            #expect(kept.id == first.id)
        }
    }
}
