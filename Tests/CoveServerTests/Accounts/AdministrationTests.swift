import CoveCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

@Suite("Administering people and organisations")
struct AdministrationTests {
    @Test func anAdministratorCreatesAPersonWhoMustChangeTheirPassword() async throws {
        try await withCove { app, _ in
            let admin = try await People.person(.systemAdministrator, on: app)
            let helpline = try await People.organisation(.helpline, on: app)
            let browser = Browser(app)
            try await browser.signIn(admin.email, People.password)
            try await browser.get("/en/admin/people/new")
            let created = try await browser.post("/en/admin/people", [
                ("name", "Amina Njoroge"), ("email", "Amina@Helpline.example"),
                ("organisation", helpline.id!.uuidString), ("roles[]", "counsellor")])
            #expect(created.status == .ok)
            let html = created.body.string
            let password = try #require(html.firstMatch(of: /one-time-password[^>]*>[^<]*?: ([a-z0-9]{16})\./)?.1)

            let person = try #require(try await Person.query(on: app.db).filter(\.$email == "amina@helpline.example").first())
            #expect(person.mustChangePassword)
            #expect(person.roleList == [.counsellor])
            #expect(try await People.audit(app, action: "person.create").contains { $0.recordID == person.id?.uuidString })
            let newcomer = Browser(app)
            #expect(try await newcomer.signIn(person.email, String(password)).location == "/en/account")
        }
    }

    @Test func rolesMustFitTheOrganisation() async throws {
        try await withCove { app, _ in
            let admin = try await People.person(.systemAdministrator, on: app)
            let ministry = try await People.organisation(.nationalFocalPoint, on: app)
            let browser = Browser(app)
            try await browser.signIn(admin.email, People.password)
            let refused = try await browser.post("/en/admin/people", [
                ("name", "Someone"), ("email", "someone@ministry.example"),
                ("organisation", ministry.id!.uuidString), ("roles[]", "counsellor")])
            #expect(refused.status == .unprocessableEntity)
            #expect(try await Person.query(on: app.db).filter(\.$email == "someone@ministry.example").count() == 0)
        }
    }

    @Test func aHelplineAdministratorManagesOnlyTheirOwnHelpline() async throws {
        try await withCove { app, _ in
            let ownHelpline = try await People.organisation(.helpline, on: app)
            let otherHelpline = try await People.organisation(.helpline, on: app)
            let admin = try await People.person(.helplineAdministrator, on: app, in: ownHelpline)
            let colleague = try await People.person(.counsellor, on: app, in: ownHelpline)
            let stranger = try await People.person(.counsellor, on: app, in: otherHelpline)
            let browser = Browser(app)
            try await browser.signIn(admin.email, People.password)
            let list = try await browser.get("/en/admin/people").body.string
            #expect(list.contains(colleague.email))
            #expect(!list.contains(stranger.email))
            let reset = try await browser.post("/en/admin/people/\(stranger.id!)/reset-password", [])
            #expect(reset.status == .notFound)
            let sneaky = try await browser.post("/en/admin/people", [
                ("name", "Sneaky"), ("email", "sneaky@other.example"),
                ("organisation", otherHelpline.id!.uuidString), ("roles[]", "counsellor")])
            #expect(sneaky.status == .unprocessableEntity)
        }
    }

    @Test func passwordResetLiftsALockAndForcesAChange() async throws {
        try await withCove { app, _ in
            let admin = try await People.person(.systemAdministrator, on: app)
            let person = try await People.person(.counsellor, on: app)
            person.lockoutState = .init(failedAttempts: 5, lockedUntil: app.clock.now().addingTimeInterval(600))
            try await person.save(on: app.db)
            let browser = Browser(app)
            try await browser.signIn(admin.email, People.password)
            try await browser.get("/en/admin/people")
            let reset = try await browser.post("/en/admin/people/\(person.id!)/reset-password", [])
            let password = try #require(reset.body.string.firstMatch(of: /: ([a-z0-9]{16})\./)?.1)
            let fresh = Browser(app)
            #expect(try await fresh.signIn(person.email, String(password)).location == "/en/account")
            #expect(try await fresh.get("/en/account").location == "/en/account/password")
            #expect(try await People.audit(app, action: "person.password_reset").count == 1)
        }
    }

    @Test func organisationsNeedTheirCountryOrRegion() async throws {
        try await withCove { app, _ in
            let admin = try await People.person(.systemAdministrator, on: app)
            let browser = Browser(app)
            try await browser.signIn(admin.email, People.password)
            try await browser.get("/en/admin/organisations")
            let missing = try await browser.post("/en/admin/organisations", [("name", "Childline Kenya"), ("kind", "helpline")])
            #expect(missing.status == .unprocessableEntity)
            let wrong = try await browser.post("/en/admin/organisations", [("name", "Childline X"), ("kind", "helpline"), ("country", "XX")])
            #expect(wrong.status == .unprocessableEntity)
            // As the browser sends it: the region select is always in the form, empty here.
            let made = try await browser.post("/en/admin/organisations", [("name", "Childline Kenya"), ("kind", "helpline"),
                                                                          ("country", "KE"), ("region", "")])
            #expect(made.location == "/en/admin/organisations")
            let saved = try await Organisation.query(on: app.db).filter(\.$name == "Childline Kenya").first()
            #expect(saved?.countryCode == "KE")
        }
    }

    @Test func theAuditLogFiltersByActionAndActor() async throws {
        try await withCove { app, _ in
            let admin = try await People.person(.systemAdministrator, on: app)
            let counsellor = try await People.person(.counsellor, on: app)
            try await Browser(app).signIn(counsellor.email, "wrong wrong wrong")
            let browser = Browser(app)
            try await browser.signIn(admin.email, People.password)
            let filtered = try await browser.get("/en/admin/audit?action=session.sign_in_failed").body.string
            #expect(filtered.contains(counsellor.email))
            #expect(!filtered.contains(">session.sign_in<"))
            let json = try await browser.get("/api/v1/audit-events?actor=\(counsellor.email)")
            #expect(json.status == .ok)
            let rows = try json.content.decode([AuditRoutes.Row].self)
            #expect(!rows.isEmpty && rows.allSatisfy { $0.actor == counsellor.email })
        }
    }
}

@Suite("Two-step policy for a helpline")
struct TwoFactorPolicyTests {
    @Test func aHelplineAdministratorRequiresItForTheirOwnHelplineOnly() async throws {
        try await withCove { app, _ in
            let helpline = try await People.organisation(.helpline, on: app)
            let other = try await People.organisation(.helpline, on: app)
            let admin = try await People.person(.helplineAdministrator, on: app, in: helpline)
            let browser = Browser(app)
            try await browser.signIn(admin.email, People.password)
            let account = try await browser.get("/en/account").body.string
            #expect(account.contains("/en/admin/organisations/\(helpline.id!)/two-factor"))

            let elsewhere = try await browser.post("/en/admin/organisations/\(other.id!)/two-factor", [("required", "1")])
            #expect(elsewhere.status == .notFound)
            #expect(try await Organisation.find(other.id, on: app.db)?.requiresTwoFactor == false)
            let set = try await browser.post("/en/admin/organisations/\(helpline.id!)/two-factor", [("required", "1")])
            #expect(set.location == "/en/account")
            #expect(try await Organisation.find(helpline.id, on: app.db)?.requiresTwoFactor == true)
            #expect(try await browser.get("/en/account").location == "/en/account/two-factor")
        }
    }
}
