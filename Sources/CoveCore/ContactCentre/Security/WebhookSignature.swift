import Crypto
import Foundation

/// Twilio's `X-Twilio-Signature` on form-encoded webhooks: base64 of HMAC-SHA1, keyed with the
/// account's auth token, over the full URL Twilio requested followed by every POST parameter's
/// name and value with no delimiters, sorted by name and then by value.
public enum TwilioSignature {
    public static let headerName = "X-Twilio-Signature"

    /// The header Twilio would send; for tests and the fake provider.
    public static func expected(url: String, parameters: [(String, String)], authToken: String) -> String {
        Data(code(url: url, parameters: parameters, authToken: authToken)).base64EncodedString()
    }

    /// Whether `header` signs this request. `url` is the address Twilio was given, query string
    /// included, as the public URL and request path reconstruct it; `parameters` are all the
    /// decoded form fields in any order, repeats included.
    public static func isValid(_ header: String, url: String, parameters: [(String, String)], authToken: String) -> Bool {
        guard !authToken.isEmpty, let given = Data(base64Encoded: header),
              given.count == Insecure.SHA1.byteCount else { return false }
        // Every candidate is checked, so timing does not reveal which form of the URL matched.
        return urlsTwilioMaySign(url).reduce(false) { matched, candidate in
            ConstantTime.isEqual(code(url: candidate, parameters: parameters, authToken: authToken), given) || matched
        }
    }

    static func code(url: String, parameters: [(String, String)], authToken: String) -> [UInt8] {
        var message = url
        for (name, value) in parameters.sorted(by: precedes) {
            message += name + value
        }
        let key = SymmetricKey(data: Data(authToken.utf8))
        return Array(HMAC<Insecure.SHA1>.authenticationCode(for: Data(message.utf8), using: key))
    }

    /// Twilio sorts as Unix does, byte by byte; Swift's own string order would differ outside ASCII.
    static func precedes(_ lhs: (String, String), _ rhs: (String, String)) -> Bool {
        guard lhs.0.utf8.elementsEqual(rhs.0.utf8) else {
            return lhs.0.utf8.lexicographicallyPrecedes(rhs.0.utf8)
        }
        return lhs.1.utf8.lexicographicallyPrecedes(rhs.1.utf8)
    }

    /// `url`, and `url` with its port dropped or the scheme's default port added: Twilio does not
    /// always sign the port as configured, so its own libraries accept either form.
    static func urlsTwilioMaySign(_ url: String) -> [String] {
        guard let schemeEnd = url.range(of: "://") else { return [url] }
        let authorityEnd = url[schemeEnd.upperBound...].firstIndex { "/?#".contains($0) } ?? url.endIndex
        let authority = url[schemeEnd.upperBound..<authorityEnd]
        let hostStart = authority.lastIndex(of: "@").map(authority.index(after:)) ?? authority.startIndex
        let host = authority[hostStart...]
        if let colon = host.lastIndex(of: ":"), !host[colon...].contains("]") {
            return [url, String(url[..<colon] + url[authorityEnd...])]
        }
        let defaultPorts = ["https": "443", "http": "80"]
        guard let port = defaultPorts[url[..<schemeEnd.lowerBound].lowercased()] else { return [url] }
        return [url, String(url[..<authorityEnd]) + ":" + port + String(url[authorityEnd...])]
    }
}

/// Meta's `X-Hub-Signature-256` on WhatsApp Cloud API webhooks: "sha256=" and the lowercase hex
/// HMAC-SHA256 of the raw request body, keyed with the app secret.
public enum MetaSignature {
    public static let headerName = "X-Hub-Signature-256"
    static let prefix = "sha256="

    /// The header Meta would send; for tests and the fake provider.
    public static func expected(body: some DataProtocol, appSecret: String) -> String {
        prefix + Hex.encode(code(body: body, appSecret: appSecret))
    }

    /// Whether `header` signs `body`, which must be the bytes as received: parsing and
    /// re-encoding JSON changes them.
    public static func isValid(_ header: String, body: some DataProtocol, appSecret: String) -> Bool {
        guard !appSecret.isEmpty, header.utf8.starts(with: prefix.utf8),
              let given = Hex.decode(header.utf8.dropFirst(prefix.utf8.count)),
              given.count == SHA256.byteCount else { return false }
        return ConstantTime.isEqual(code(body: body, appSecret: appSecret), given)
    }

    static func code(body: some DataProtocol, appSecret: String) -> [UInt8] {
        let key = SymmetricKey(data: Data(appSecret.utf8))
        return Array(HMAC<SHA256>.authenticationCode(for: body, using: key))
    }
}
