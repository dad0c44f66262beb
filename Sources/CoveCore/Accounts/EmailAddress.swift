/// A light check of email addresses: enough to catch typing slips, not a full RFC 5322 parser.
public enum EmailAddress {
    public static func isPlausible(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), text.count <= 254 else { return false }
        return !text.contains { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," }
    }

    public static func normalised(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}

import Foundation
