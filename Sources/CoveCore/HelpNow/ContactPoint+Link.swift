/// Links a phone opens directly: `tel:` and `sms:` dial, the rest open a page or an app.
extension ContactPoint {
    /// The URL to put behind the contact point, or nil when its address cannot make one.
    public var link: String? {
        switch channel {
        case .voice: return Self.dialDigits(address).map { "tel:\($0)" }
        case .sms: return isWebAddress ? address : Self.dialDigits(address).map { "sms:\($0)" }
        case .whatsApp:
            // wa.me wants the full international number without "+"; a local number cannot be linked.
            if isWebAddress { return address }
            guard address.hasPrefix("+"), let digits = Self.dialDigits(address) else { return nil }
            return "https://wa.me/\(digits.dropFirst())"
        case .email: return "mailto:\(address)"
        case .webChat, .app: return isWebAddress ? address : nil
        }
    }

    private var isWebAddress: Bool {
        address.lowercased().hasPrefix("https://") || address.lowercased().hasPrefix("http://")
    }

    /// "+44 800 1111" → "+448001111", "116 111" → "116111"; nil when letters are mixed in.
    static func dialDigits(_ text: String) -> String? {
        let kept = text.filter { ($0.isASCII && $0.isNumber) || $0 == "+" }
        let dropped = text.filter { !(($0.isASCII && $0.isNumber) || $0 == "+") }
        guard !kept.isEmpty, dropped.allSatisfy({ " -.()".contains($0) }), !kept.dropFirst().contains("+") else { return nil }
        return kept
    }
}
