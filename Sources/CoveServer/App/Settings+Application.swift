import CoveCore
import Vapor

extension Application {
    private struct SettingsKey: StorageKey { typealias Value = Settings }

    /// The settings Cove was configured with; set once by `configure`.
    public var settings: Settings {
        get { storage[SettingsKey.self] ?? Settings() }
        set { storage[SettingsKey.self] = newValue }
    }
}
