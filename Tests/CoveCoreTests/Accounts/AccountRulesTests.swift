import Foundation
import Testing
@testable import CoveCore

@Suite("Account rules")
struct AccountRulesTests {
    @Test func lockoutAfterFiveFailuresForFifteenMinutes() {
        let policy = LockoutPolicy()
        let start = Date(timeIntervalSince1970: 1_000_000)
        var state = LockoutPolicy.State()
        for attempt in 1...4 {
            state = policy.recordingFailure(state, at: start)
            #expect(!policy.isLocked(state, at: start), "attempt \(attempt)")
        }
        state = policy.recordingFailure(state, at: start)
        #expect(policy.isLocked(state, at: start))
        #expect(policy.minutesRemaining(state, at: start.addingTimeInterval(30)) == 15)
        #expect(!policy.isLocked(state, at: start.addingTimeInterval(15 * 60)))
        let afterExpiry = policy.recordingFailure(state, at: start.addingTimeInterval(16 * 60))
        #expect(afterExpiry.failedAttempts == 1)
        #expect(policy.recordingSuccess(state) == .init())
    }

    @Test(arguments: [
        ("short", PasswordPolicy.Violation.tooShort(minimum: 12)),
        ("passwordpassword", .tooCommon),
        ("aaaaaaaaaaaaaaaa", .tooCommon),
        ("qwertyuiop12", .tooCommon),
    ])
    func weakPasswordsAreRefused(password: String, violation: PasswordPolicy.Violation) {
        #expect(PasswordPolicy().check(new: password, confirmation: password) == violation)
    }

    @Test func goodPasswordsPassAndMismatchesDoNot() {
        let policy = PasswordPolicy()
        #expect(policy.check(new: "river lantern autumn", confirmation: "river lantern autumn") == nil)
        #expect(policy.check(new: "river lantern autumn", confirmation: "river lantern") == .mismatch)
        #expect(policy.check(new: "river lantern autumn", confirmation: "river lantern autumn",
                             current: "river lantern autumn") == .sameAsCurrent)
    }

    @Test func rolesBelongToTheirKindOfOrganisation() {
        #expect(OrganisationKind.helpline.allowedRoles == [.counsellor, .supervisor, .helplineAdministrator])
        #expect(OrganisationKind.regionalOffice.allowedRoles == [.regionalOfficer])
        #expect(!Role.counsellor.isAllowed(in: .nationalFocalPoint))
        #expect(Role.systemAdministrator.isAllowed(in: .secretariat))
    }

    @Test func oneTimeSecretsAvoidConfusableLetters() {
        var generator = SystemRandomNumberGenerator()
        let password = OneTimeSecrets.password(using: &generator)
        #expect(password.count == 16)
        #expect(password.allSatisfy { !"0o1il".contains($0) })
        let codes = OneTimeSecrets.recoveryCodes(using: &generator)
        #expect(Set(codes).count == 10)
        #expect(codes.allSatisfy { $0.count == 11 && $0.dropFirst(5).first == "-" })
        #expect(OneTimeSecrets.normaliseRecoveryCode(" K3MZP 7QRTX ") == "k3mzp-7qrtx")
    }

    @Test func otpauthURIsFollowTheKeyURIFormat() {
        let uri = OTPAuthURI(issuer: "Cove", accountName: "amina@helpline.example", base32Secret: "JBSWY3DPEHPK3PXP")
        #expect(uri.string == "otpauth://totp/Cove:amina%40helpline.example?secret=JBSWY3DPEHPK3PXP&issuer=Cove&algorithm=SHA1&digits=6&period=30")
        #expect(uri.groupedSecret == "JBSW Y3DP EHPK 3PXP")
    }

    @Test(arguments: [("a@b.example", true), ("no-at-sign", false), ("x@nodot", false), ("sp ace@b.example", false)])
    func emailAddressesAreCheckedLightly(address: String, plausible: Bool) {
        #expect(EmailAddress.isPlausible(address) == plausible)
    }
}
