import CoveCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

@Suite("Signing in")
struct SignInTests {
    @Test func firstAdministratorMustReplaceTheOneTimePassword() async throws {
        try await withCove { app, seeded in
            let browser = Browser(app)
            let signedIn = try await browser.signIn(seeded.administratorEmail, seeded.administratorPassword)
            #expect(signedIn.location == "/en/account")
            #expect(try await browser.get("/en/account").location == "/en/account/password")
            #expect(try await browser.get("/en/admin/people").location == "/en/account/password")

            try await browser.get("/en/account/password")
            let weak = try await browser.post("/en/account/password", [
                ("current_password", seeded.administratorPassword), ("new_password", "password1"),
                ("confirm_password", "password1")])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.body.string.contains("data-error=\"too-short\""))

            let changed = try await browser.post("/en/account/password", [
                ("current_password", seeded.administratorPassword), ("new_password", People.password),
                ("confirm_password", People.password)])
            #expect(changed.location == "/en/account?changed=1")
            #expect(try await browser.get("/en/account").status == .ok)
            #expect(try await browser.get("/en/admin/people").status == .ok)
            #expect(try await People.audit(app, action: "person.password_changed").count == 1)
        }
    }

    @Test func wrongPasswordsLockTheAccountForAWhile() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            let person = try await People.person(.counsellor, on: app)
            let browser = Browser(app)
            let wrong = try await browser.signIn(person.email, "not the password")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.string.contains("data-error=\"invalid\""))
            for _ in 2...5 { try await browser.post("/en/sign-in", [("email", person.email), ("password", "nope nope")]) }

            let locked = try await browser.post("/en/sign-in", [("email", person.email), ("password", People.password)])
            #expect(locked.body.string.contains("data-error=\"locked\""))
            #expect(try await People.audit(app, action: "person.locked").count == 1)

            clock.advance(by: 16 * 60)
            let after = try await browser.post("/en/sign-in", [("email", person.email), ("password", People.password)])
            #expect(after.location == "/en/account")
        }
    }

    @Test func unknownAccountsGetTheSameAnswerAsWrongPasswords() async throws {
        try await withCove { app, _ in
            let response = try await Browser(app).signIn("nobody@test.example", "whatever it is")
            #expect(response.status == .unauthorized)
            #expect(response.body.string.contains("data-error=\"invalid\""))
        }
    }

    @Test func signingInReplacesTheSessionID() async throws {
        try await withCove { app, _ in
            let person = try await People.person(.supervisor, on: app)
            let browser = Browser(app)
            try await browser.get("/en/sign-in")
            let before = browser.cookies[SessionKeys.cookieName]
            try await browser.post("/en/sign-in", [("email", person.email), ("password", People.password)])
            #expect(before != nil)
            #expect(browser.cookies[SessionKeys.cookieName] != before)
        }
    }

    @Test func sessionsEndAfterIdleTimeAndOnSignOut() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            let person = try await People.person(.counsellor, on: app)
            let browser = Browser(app)
            try await browser.signIn(person.email, People.password)
            #expect(try await browser.get("/en/account").status == .ok)
            clock.advance(by: 31 * 60)
            let expired = try await browser.get("/en/account")
            #expect(expired.location == "/en/sign-in?expired=1")
            let notice = try await browser.get(expired.location!).body.string
            #expect(notice.contains(app.localizer.catalogue(for: .english).format("sign_in.session_expired")))

            try await browser.signIn(person.email, People.password)
            #expect(try await browser.get("/en/account").status == .ok)
            let out = try await browser.post("/en/sign-out", [])
            #expect(out.location == "/en/sign-in?signed-out=1")
            #expect(try await browser.get("/en/account").location == "/en/sign-in")
        }
    }

    @Test func signInsAndFailuresAreAudited() async throws {
        try await withCove { app, _ in
            let person = try await People.person(.counsellor, on: app)
            let browser = Browser(app)
            try await browser.signIn(person.email, "wrong wrong wrong")
            try await browser.post("/en/sign-in", [("email", person.email), ("password", People.password)])
            let failed = try await People.audit(app, action: "session.sign_in_failed")
            let succeeded = try await People.audit(app, action: "session.sign_in")
            #expect(failed.map(\.actorID) == [person.id])
            #expect(succeeded.map(\.actorID) == [person.id])
            #expect(failed.allSatisfy { $0.detail?.contains(People.password) != true })
        }
    }
}
