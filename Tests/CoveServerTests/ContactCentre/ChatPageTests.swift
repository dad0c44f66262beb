import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

@Suite("Chat pages")
struct ChatPageTests {
    @Test func theChildsChatPageSetsNoCookieAndNamesTheHelpline() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)

            let response = try await app.testing().sendRequest(.GET, "/fr/chat/\(ContactCentreFixture.slug)")

            #expect(response.status == .ok)
            #expect(response.headers[.setCookie].isEmpty)
            #expect(response.body.string.contains("id=\"chat-start-form\""))
            #expect(response.body.string.contains("lang=\"fr\""))
            await fixture.stop()
        }
    }

    @Test func anUnknownHelplineHasNoChatPage() async throws {
        try await withCove { app, _ in
            let response = try await app.testing().sendRequest(.GET, "/en/chat/no-such-line")
            #expect(response.status == .notFound)
        }
    }

    @Test func theConsoleOpensForCounsellorsOnly() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let counsellor = try await fixture.counsellor()
            let officer = try await People.person(.regionalOfficer, on: app)
            let counsellorBrowser = Browser(app)
            try await counsellorBrowser.signIn(counsellor.email, People.password)
            let officerBrowser = Browser(app)
            try await officerBrowser.signIn(officer.email, People.password)

            let allowed = try await counsellorBrowser.get("/en/console")
            let refused = try await officerBrowser.get("/en/console")

            #expect(allowed.status == .ok)
            #expect(allowed.body.string.contains("/console/socket"))
            #expect(allowed.body.string.contains("id=\"console-offline\""), "calls and walk-ins are recorded from the console")
            #expect(refused.status == .forbidden)
            await fixture.stop()
        }
    }
}
