import CoveCore
import Crypto
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

@Suite("Two-step verification")
struct TwoFactorTests {
    static func code(secret: String, at date: Date) -> String {
        let key = [UInt8](decodingBase32: secret.replacingOccurrences(of: " ", with: ""))!
        return TOTP(key: SymmetricKey(data: key), digest: .sha1, digits: .six, interval: 30).generate(time: date)
    }

    static func text(of id: String, in html: String) -> String? {
        guard let start = html.range(of: "id=\"\(id)\"") else { return nil }
        let afterTag = html[start.upperBound...].drop { $0 != ">" }.dropFirst()
        return afterTag.prefix { $0 != "<" }.description
    }

    /// Enrols `person` through the pages and returns the secret and the recovery codes.
    static func enrol(_ browser: Browser, clock: TestClock) async throws -> (String, [String]) {
        let page = try await browser.get("/en/account/two-factor").body.string
        let secret = try #require(text(of: "totp-secret", in: page))
        #expect(text(of: "totp-uri", in: page)?.hasPrefix("otpauth://totp/Cove:") == true)
        #expect(page.contains("<figure id=\"totp-qr\" class=\"qr\"><svg"))
        let done = try await browser.post("/en/account/two-factor", [("code", code(secret: secret, at: clock.now))])
        let html = done.body.string
        let codes = html.components(separatedBy: "<li><code>").dropFirst().map { $0.prefix { $0 != "<" }.description }
        return (secret, codes)
    }

    struct Enrolled {
        var person: Person
        var browser: Browser
        var secret: String
        var codes: [String]

        /// Signs in again with the password, leaving the browser at the second step.
        func signInWithPassword() async throws {
            try await browser.signIn(person.email, People.password)
        }
    }

    /// A person who has enrolled through the pages and signed out again.
    static func enrolledPerson(_ role: Role, on app: Application, clock: TestClock) async throws -> Enrolled {
        let person = try await People.person(role, on: app)
        let browser = Browser(app)
        try await browser.signIn(person.email, People.password)
        let (secret, codes) = try await enrol(browser, clock: clock)
        try await browser.post("/en/sign-out", [])
        return Enrolled(person: person, browser: browser, secret: secret, codes: codes)
    }

    @Test func enrolThenSignInWithACode() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            let enrolled = try await Self.enrolledPerson(.counsellor, on: app, clock: clock)
            let browser = enrolled.browser
            #expect(enrolled.codes.count == 10)

            clock.advance(by: 60)
            let first = try await browser.signIn(enrolled.person.email, People.password)
            #expect(first.location == "/en/sign-in/two-factor")
            #expect(try await browser.get("/en/account").location == "/en/sign-in/two-factor")
            try await browser.get("/en/sign-in/two-factor")
            let wrong = try await browser.post("/en/sign-in/two-factor", [("code", "000000")])
            #expect(wrong.body.string.contains("data-error=\"invalid-code\""))
            let right = try await browser.post("/en/sign-in/two-factor", [("code", Self.code(secret: enrolled.secret, at: clock.now))])
            #expect(right.location == "/en/account")
            #expect(try await browser.get("/en/account").status == .ok)
        }
    }

    @Test func aCodeCannotBeUsedTwice() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            let enrolled = try await Self.enrolledPerson(.supervisor, on: app, clock: clock)
            let browser = enrolled.browser
            clock.advance(by: 90)
            let code = Self.code(secret: enrolled.secret, at: clock.now)
            try await enrolled.signInWithPassword()
            #expect(try await browser.post("/en/sign-in/two-factor", [("code", code)]).location == "/en/account")
            try await browser.post("/en/sign-out", [])
            try await enrolled.signInWithPassword()
            let replay = try await browser.post("/en/sign-in/two-factor", [("code", code)])
            #expect(replay.status == .unauthorized)
        }
    }

    @Test func aRecoveryCodeWorksOnce() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            let enrolled = try await Self.enrolledPerson(.counsellor, on: app, clock: clock)
            let browser = enrolled.browser, codes = enrolled.codes
            try await enrolled.signInWithPassword()
            let typed = codes[3].uppercased().replacingOccurrences(of: "-", with: " ")
            #expect(try await browser.post("/en/sign-in/two-factor", [("code", typed)]).location == "/en/account")
            try await browser.post("/en/sign-out", [])
            try await enrolled.signInWithPassword()
            #expect(try await browser.post("/en/sign-in/two-factor", [("code", codes[3])]).status == .unauthorized)
            #expect(try await People.audit(app, action: "person.recovery_code_used").count == 1)
        }
    }

    @Test func anOrganisationCanRequireIt() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            let helpline = try await People.organisation(.helpline, on: app, requiresTwoFactor: true)
            let person = try await People.person(.counsellor, on: app, in: helpline)
            let browser = Browser(app)
            try await browser.signIn(person.email, People.password)
            #expect(try await browser.get("/en/account").location == "/en/account/two-factor")
            _ = try await Self.enrol(browser, clock: clock)
            #expect(try await browser.get("/en/account").status == .ok)
        }
    }
}
