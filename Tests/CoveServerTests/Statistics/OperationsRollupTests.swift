import CoveCore
import Fluent
import Foundation
import Testing
import Vapor
@testable import CoveServer

@Suite("Operations rollups: offered, answered, wait")
struct OperationsRollupTests {
    private func cells(_ app: Application) async throws -> [String: [Double]] {
        let rows = try await OperationsRollupCell.query(on: app.db).all()
        return Dictionary(uniqueKeysWithValues: rows.map { row in
            ("\(row.country)|\(row.month)|\(row.channel)", [Double(row.offered), Double(row.answered), row.waitSeconds])
        })
    }

    @Test func eachChatIsOfferedOnceAndAnsweredOnceWithItsWait() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let counsellor = try await fixture.counsellor()
            let chats = [try await fixture.startChat(), try await fixture.startChat(), try await fixture.startChat()]
            clock.advance(by: 12)

            try await app.routing.accept(chats[0].conversation, by: try counsellor.requireID())
            try await app.routing.finish(chats[0].conversation, by: try counsellor.requireID())
            try await app.routing.route()
            let next = try #require(try await RoutingOffer.query(on: app.db).first())
            try await app.routing.accept(next.$conversation.id, by: try counsellor.requireID())

            let month = ContactRollup.month(of: clock.now, in: TimeZone(identifier: fixture.helpline.timeZone)!)
            let cell = try #require(try await cells(app)["KE|\(month)|web-chat"])
            #expect(cell[0] == 3 && cell[1] == 2)
            #expect(cell[2] == 24, "both answered chats waited the 12 seconds the clock moved")
            await fixture.stop()
        }
    }

    @Test func rebuildingGivesTheSameCellsAsCountingAsTheyHappened() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let counsellor = try await fixture.counsellor()
            let first = try await fixture.startChat()
            _ = try await fixture.startChat()
            clock.advance(by: 5)
            try await app.routing.accept(first.conversation, by: try counsellor.requireID())
            let incremental = try await cells(app)
            try await OperationsRollupCell.query(on: app.db).set(\.$offered, to: 99).update()

            let summary = try await CoveStatistics.rebuildRollups(on: app)

            #expect(try await cells(app) == incremental)
            #expect(summary.conversations == 2 && summary.operationsCells == 1)
            await fixture.stop()
        }
    }
}
