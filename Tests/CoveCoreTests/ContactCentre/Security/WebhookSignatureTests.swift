import Foundation
import Testing
@testable import CoveCore

// Every expected signature here was computed with Python's standard library, not with Cove:
//   Twilio: base64.b64encode(hmac.new(token.encode(), (url + "".join(k + v for k, v in
//           sorted(params))).encode(), hashlib.sha1).digest())
//   Meta:   "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()

@Suite("Twilio signature")
struct TwilioSignatureTests {
    /// The example in Twilio's security documentation; Python gives Twilio's published signature.
    static let documentedURL = "https://mycompany.com/myapp.php?foo=1&bar=2"
    static let documentedParameters = [
        ("To", "+18005551212"), ("Digits", "1234"), ("Caller", "+14158675309"),
        ("From", "+14158675309"), ("CallSid", "CA1234567890ABCDE"),
    ]
    static let documentedSignature = "RSOYDt4T1cUTdK1PDd93/VVr8B8="

    static let token = "0123456789abcdef0123456789abcdef"
    static let smsURL = "https://cove.example.org/webhooks/twilio/sms?helpline=ke-116&lang=sw"
    /// Out of order, with a repeated name, case that a case-blind sort would misplace, and
    /// Arabic and an emoji in the body.
    static let smsParameters = [
        ("To", "+254700000111"), ("Body", "Habari \u{1F44B} \u{0645}\u{0631}\u{062D}\u{0628}\u{0627}"),
        ("From", "+254712345678"), ("Tag", "b"), ("alpha", "1"), ("Zeta", "2"), ("Tag", "a"),
        ("MessageSid", "SM0123456789abcdef0123456789abcdef"),
    ]
    static let smsSignature = "T36DATEal7IQNuHIX/qZHZnBJOU="

    @Test func theDocumentedExampleChecksOut() {
        let computed = TwilioSignature.expected(url: Self.documentedURL, parameters: Self.documentedParameters, authToken: "12345")

        #expect(computed == Self.documentedSignature)
        #expect(TwilioSignature.isValid(Self.documentedSignature, url: Self.documentedURL,
                                        parameters: Self.documentedParameters, authToken: "12345"))
    }

    @Test func parametersAreSortedByNameThenValueWhateverTheirOrder() {
        #expect(TwilioSignature.expected(url: Self.smsURL, parameters: Self.smsParameters, authToken: Self.token) == Self.smsSignature)
        #expect(TwilioSignature.isValid(Self.smsSignature, url: Self.smsURL,
                                        parameters: Self.smsParameters.reversed(), authToken: Self.token))
    }

    /// "e" + U+0301 and U+00E9 look alike and are equal as Swift strings, but Twilio sorts bytes.
    @Test func valuesSortByTheirBytes() {
        let url = "https://cove.example.org/webhooks/twilio/sms"
        let parameters = [("Body", "\u{00E9}"), ("Body", "e\u{0301}")]

        #expect(TwilioSignature.expected(url: url, parameters: parameters, authToken: Self.token) == "Aj789RfKkzbZHp+gumMA1oC2EWU=")
    }

    @Test(arguments: [
        (smsURL, smsParameters.map { ($0.0, $0.0 == "Body" ? "Habari" : $0.1) }),
        (smsURL, Array(smsParameters.dropLast())),
        (smsURL, smsParameters + [("Extra", "")]),
        (smsURL, smsParameters.map { ($0.0, $0.0 == "Tag" ? "c" : $0.1) }),
        ("https://cove.example.org/webhooks/twilio/sms?helpline=tz-116&lang=sw", smsParameters),
        ("https://cove.example.org/webhooks/twilio/sms", smsParameters),
        ("http://cove.example.org/webhooks/twilio/sms?helpline=ke-116&lang=sw", smsParameters),
    ])
    func anyChangeInvalidatesTheSignature(url: String, parameters: [(String, String)]) {
        #expect(!TwilioSignature.isValid(Self.smsSignature, url: url, parameters: parameters, authToken: Self.token))
    }

    @Test func anotherTokenInvalidatesTheSignature() {
        #expect(!TwilioSignature.isValid(Self.smsSignature, url: Self.smsURL, parameters: Self.smsParameters,
                                         authToken: "fedcba9876543210fedcba9876543210"))
    }

    /// Twilio may sign with or without the port, so its libraries try both; Cove does too.
    @Test func aDefaultPortMayBeSignedOrNot() {
        let signedWithoutPort = "3e82XXjyC+0LYnx7fl2W7Ivw9/o="
        let signedWith8443 = "PkixWJgCsoQvsXiNb25BLRl89NA="
        let parameters = [("CallSid", "CA1")]

        #expect(TwilioSignature.isValid(signedWithoutPort, url: "https://cove.example.org:443/webhooks/twilio/voice",
                                        parameters: parameters, authToken: Self.token))
        #expect(TwilioSignature.isValid(signedWithoutPort, url: "https://cove.example.org/webhooks/twilio/voice",
                                        parameters: parameters, authToken: Self.token))
        #expect(TwilioSignature.isValid(signedWith8443, url: "https://cove.example.org:8443/webhooks/twilio/voice",
                                        parameters: parameters, authToken: Self.token))
        #expect(!TwilioSignature.isValid(signedWith8443, url: "https://cove.example.org:9443/webhooks/twilio/voice",
                                         parameters: parameters, authToken: Self.token))
    }

    @Test(arguments: [
        "https://cove.example.org/a": ["https://cove.example.org/a", "https://cove.example.org:443/a"],
        "http://u:p@cove.example.org:8080/a?b=c": ["http://u:p@cove.example.org:8080/a?b=c", "http://u:p@cove.example.org/a?b=c"],
        "https://[::1]/a": ["https://[::1]/a", "https://[::1]:443/a"],
        "https://[::1]:8443": ["https://[::1]:8443", "https://[::1]"],
        "not a url": ["not a url"],
    ])
    func urlsWithAndWithoutThePort(url: String, candidates: [String]) {
        #expect(TwilioSignature.urlsTwilioMaySign(url) == candidates)
    }

    @Test(arguments: ["", "RSOYDt4T1cUTdK1PDd93/VVr8B8", " RSOYDt4T1cUTdK1PDd93/VVr8B8=", "not base64!", "RSOYDt4T1cUTdK1PDd93/VVr8B8A9g=="])
    func malformedHeadersAreInvalid(header: String) {
        #expect(!TwilioSignature.isValid(header, url: Self.documentedURL, parameters: Self.documentedParameters, authToken: "12345"))
    }

    @Test func anEmptyTokenValidatesNothing() {
        let signedWithEmptyToken = TwilioSignature.expected(url: Self.smsURL, parameters: [], authToken: "")

        #expect(!TwilioSignature.isValid(signedWithEmptyToken, url: Self.smsURL, parameters: [], authToken: ""))
    }
}

@Suite("Meta signature")
struct MetaSignatureTests {
    static let secret = "meta-app-secret-for-tests"
    static let body = Data(#"{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"from":"254712345678","text":{"body":"\#u{0645}\#u{0631}\#u{062D}\#u{0628}\#u{0627} \#u{1F44B}"}}]}}]}]}"#.utf8)
    static let signature = "sha256=a227953ca2a1bcb7fad7f2a554f89f86ec707cd8b9a7ef88246bc3ddf9b6e807"

    @Test func aSignedBodyChecksOut() {
        #expect(MetaSignature.expected(body: Self.body, appSecret: Self.secret) == Self.signature)
        #expect(MetaSignature.isValid(Self.signature, body: Self.body, appSecret: Self.secret))
        #expect(MetaSignature.isValid(Self.signature, body: Array(Self.body), appSecret: Self.secret))
    }

    @Test func anEmptyBodyHasItsOwnSignature() {
        let signature = "sha256=03e719fee63ca882a1a8234094c530494bec5eb01961697b3c4298bd998807de"

        #expect(MetaSignature.isValid(signature, body: Data(), appSecret: Self.secret))
        #expect(!MetaSignature.isValid(signature, body: Self.body, appSecret: Self.secret))
    }

    @Test(arguments: [0, 40, -1])
    func anAlteredBodyIsInvalid(offset: Int) {
        var body = Array(Self.body)
        body[offset < 0 ? body.count + offset : offset] ^= 0x20

        #expect(!MetaSignature.isValid(Self.signature, body: body, appSecret: Self.secret))
    }

    @Test func anotherSecretIsInvalid() {
        #expect(!MetaSignature.isValid(Self.signature, body: Self.body, appSecret: "another-secret"))
        #expect(!MetaSignature.isValid(MetaSignature.expected(body: Self.body, appSecret: ""), body: Self.body, appSecret: ""))
    }

    @Test func upperCaseHexIsTheSameSignature() {
        let upper = "sha256=" + Self.signature.dropFirst(7).uppercased()

        #expect(MetaSignature.isValid(upper, body: Self.body, appSecret: Self.secret))
    }

    @Test(arguments: [
        "",
        "sha256=",
        String(signature.dropFirst(7)),
        "SHA256=" + signature.dropFirst(7),
        "sha1=" + signature.dropFirst(7),
        String(signature.dropLast()),
        signature + "0",
        signature + "00",
        String(signature.dropLast(2)) + "zz",
        " " + signature,
    ])
    func malformedHeadersAreInvalid(header: String) {
        #expect(!MetaSignature.isValid(header, body: Self.body, appSecret: Self.secret))
    }
}
