import Foundation

/// The `otpauth://` URI that authenticator apps read (Google Authenticator key URI format).
public struct OTPAuthURI: Sendable, Equatable {
    public var issuer: String
    public var accountName: String
    public var base32Secret: String
    public var digits: Int = 6
    public var period: Int = 30

    public init(issuer: String, accountName: String, base32Secret: String) {
        self.issuer = issuer
        self.accountName = accountName
        self.base32Secret = base32Secret
    }

    public var string: String {
        let label = "\(encode(issuer)):\(encode(accountName))"
        let secret = base32Secret.replacingOccurrences(of: "=", with: "")
        return "otpauth://totp/\(label)?secret=\(secret)&issuer=\(encode(issuer))"
            + "&algorithm=SHA1&digits=\(digits)&period=\(period)"
    }

    /// The secret in groups of four, easier to type by hand.
    public var groupedSecret: String {
        let secret = Array(base32Secret.replacingOccurrences(of: "=", with: ""))
        return stride(from: 0, to: secret.count, by: 4)
            .map { String(secret[$0..<min($0 + 4, secret.count)]) }
            .joined(separator: " ")
    }

    private func encode(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
