import Crypto
import Foundation

/// Seals text that must be unreadable at rest (transcripts, case notes) with AES-256-GCM under
/// the data key's sealing key.
///
/// A sealed value is one format byte (0x01), then the 12-byte nonce, the ciphertext and the
/// 16-byte tag. The authenticated data is the format byte followed by the UTF-8 of `context`, so
/// a value opens only where it was sealed: pass where it lives, e.g. "message:<uuid>", spelt the
/// same way every time. A value copied to another row, or relabelled as another format, fails.
public struct Sealer: Sendable {
    static let formatVersion: UInt8 = 0x01
    /// The size of a sealed empty text: format byte, nonce and tag.
    static let minimumByteCount = 1 + 12 + 16

    private let key: SymmetricKey

    public init(key: DataKey) {
        self.key = key.sealingKey
    }

    /// Seals `text` with a fresh random nonce, so sealing the same text twice gives different
    /// values and equal texts cannot be spotted in the database.
    public func seal(_ text: String, context: String) throws(SealingError) -> Data {
        let box: AES.GCM.SealedBox
        do {
            box = try AES.GCM.seal(Data(text.utf8), using: key, authenticating: Self.associatedData(context))
        } catch {
            throw .sealingFailed
        }
        // `combined` is nil only for nonces other than 12 bytes, which AES.GCM.seal never picks.
        guard let combined = box.combined else { throw .sealingFailed }
        return Data([Self.formatVersion]) + combined
    }

    /// The text sealed under `context` with this key, or an error saying which check failed.
    public func open(_ sealed: Data, context: String) throws(SealingError) -> String {
        guard let version = sealed.first else { throw .tooShort(byteCount: 0) }
        guard version == Self.formatVersion else { throw .unknownVersion(version) }
        guard sealed.count >= Self.minimumByteCount else { throw .tooShort(byteCount: sealed.count) }
        let plaintext: Data
        do {
            // Copied so the box gets indices from zero whatever slice the caller passed.
            let box = try AES.GCM.SealedBox(combined: Data(sealed.dropFirst()))
            plaintext = try AES.GCM.open(box, using: key, authenticating: Self.associatedData(context))
        } catch {
            throw .authenticationFailed
        }
        guard let text = String(data: plaintext, encoding: .utf8) else { throw .notText }
        return text
    }

    static func associatedData(_ context: String) -> Data {
        Data([formatVersion]) + Data(context.utf8)
    }
}

/// Why a value could not be sealed or opened. Never carries any of the value or its text.
public enum SealingError: Error, Equatable, Sendable, CustomStringConvertible {
    case sealingFailed
    case tooShort(byteCount: Int)
    case unknownVersion(UInt8)
    case authenticationFailed
    case notText

    public var description: String {
        switch self {
        case .sealingFailed:
            "the text could not be sealed"
        case .tooShort(let byteCount):
            "the sealed value is \(byteCount) bytes, shorter than the \(Sealer.minimumByteCount) of any sealed value"
        case .unknownVersion(let version):
            "the sealed value has format \(version), which this version of Cove cannot open"
        case .authenticationFailed:
            "the sealed value failed authentication: the data key does not match or the record was altered"
        case .notText:
            "the opened value is not UTF-8 text"
        }
    }
}
