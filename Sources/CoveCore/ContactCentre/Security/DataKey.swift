import Crypto
import Foundation

/// Cove's one 256-bit data key, the root of every sealed transcript and case note and of the
/// hashes that link repeat contacts. Lose it and sealed records cannot be read; leak it and they
/// can. It is therefore never printed, logged or put in an error.
///
/// The key itself is used for nothing: each purpose gets its own key derived with HKDF-SHA256,
/// so the key AES-GCM sees is never also an HMAC key.
public struct DataKey: Sendable {
    /// AES-256 and HMAC-SHA256 both want 32 bytes.
    public static let byteCount = 32

    /// What each derived key is for. The labels are part of the stored format: changing one
    /// changes its key and makes everything made with the old one unreadable or unlinkable.
    enum Purpose: String, CaseIterable {
        case sealing = "cove/sealing/v1"
        case identifierHashing = "cove/identifier-hashing/v1"
    }

    let sealingKey: SymmetricKey
    let identifierHashingKey: SymmetricKey

    init(_ master: SymmetricKey) {
        sealingKey = Self.derive(.sealing, from: master)
        identifierHashingKey = Self.derive(.identifierHashing, from: master)
    }

    /// Reads the value of the `COVE_DATA_KEY` environment variable: 32 bytes in base64, with any
    /// surrounding whitespace ignored.
    public init(base64: String) throws(DataKeyError) {
        try self.init(base64: base64, source: .environment)
    }

    init(base64: String, source: DataKeyError.Source) throws(DataKeyError) {
        let text = base64.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Data(base64Encoded: text) else { throw .notBase64(source) }
        guard bytes.count == Self.byteCount else { throw .wrongLength(source, byteCount: bytes.count) }
        self.init(SymmetricKey(data: bytes))
    }

    /// A fresh key kept nowhere, for tests and in-memory databases: what it seals is lost with it.
    public static func ephemeral() -> DataKey {
        DataKey(SymmetricKey(size: .bits256))
    }

    static func derive(_ purpose: Purpose, from master: SymmetricKey) -> SymmetricKey {
        // No salt: the master key is already uniformly random, which is what a salt would buy.
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master,
            info: Data(purpose.rawValue.utf8),
            outputByteCount: byteCount
        )
    }
}

// Interpolating or dumping the key by mistake must not put it in a log.
extension DataKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "DataKey(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
