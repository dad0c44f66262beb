import CoveCore
import Foundation
import Vapor

/// The data key's two uses: sealing what children and counsellors write, and hashing the
/// numbers and handles that link a child's repeat contacts.
struct DataProtection: Sendable {
    let sealer: Sealer
    let identifiers: IdentifierHasher

    init(key: DataKey) {
        sealer = Sealer(key: key)
        identifiers = IdentifierHasher(key: key)
    }

    /// `COVE_DATA_KEY` when set; otherwise the key file in the data folder, created on first start.
    /// An in-memory database holds nothing from before this process, so a key of its own is enough.
    static func key(for settings: Settings) throws -> DataKey {
        if let base64 = settings.dataKey { return try DataKey(base64: base64) }
        if case .sqliteInMemory = settings.database { return DataKey.ephemeral() }
        try FileManager.default.createDirectory(atPath: settings.dataDirectory, withIntermediateDirectories: true)
        return try DataKey.loadOrCreate(file: (settings.dataDirectory as NSString).appendingPathComponent("data.key"))
    }
}

extension Application {
    private struct DataProtectionKey: StorageKey { typealias Value = DataProtection }

    var dataProtection: DataProtection {
        get {
            guard let protection = storage[DataProtectionKey.self] else {
                fatalError("configureContactCentre() sets the data protection before any route runs")
            }
            return protection
        }
        set { storage[DataProtectionKey.self] = newValue }
    }
}
