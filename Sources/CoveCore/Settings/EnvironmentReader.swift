import Foundation

/// Typed reads of environment variables; each failure names the variable and the value.
struct EnvironmentReader {
    let environment: [String: String]

    func string(_ name: String) throws(SettingsError) -> String? {
        guard let raw = environment[name] else { return nil }
        let value = raw.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { throw SettingsError(setting: name, reason: "is set but empty") }
        return value
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(SettingsError) -> Int? {
        guard let value = try string(name) else { return nil }
        guard let number = Int(value), range.contains(number) else {
            throw SettingsError(setting: name, reason: "must be a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(value)\"")
        }
        return number
    }

    func choice(_ name: String, from options: [String]) throws(SettingsError) -> String? {
        guard let value = try string(name)?.lowercased() else { return nil }
        guard options.contains(value) else {
            throw SettingsError(setting: name, reason: "must be one of \(options.joined(separator: ", ")), got \"\(value)\"")
        }
        return value
    }

    func httpURL(_ name: String) throws(SettingsError) -> URL? {
        guard let value = try string(name) else { return nil }
        guard let url = URL(string: value), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", url.host != nil else {
            throw SettingsError(setting: name, reason: "must be an http:// or https:// address, got \"\(value)\"")
        }
        return url
    }

    func email(_ name: String) throws(SettingsError) -> String? {
        guard let value = try string(name) else { return nil }
        guard EmailAddress.isPlausible(value) else {
            throw SettingsError(setting: name, reason: "must be an email address, got \"\(value)\"")
        }
        return value.lowercased()
    }

    /// Checked here so a wrong key stops `cove serve` before it opens any sealed record.
    func dataKey(_ name: String) throws(SettingsError) -> String? {
        guard let value = try string(name) else { return nil }
        do {
            _ = try DataKey(base64: value)
        } catch {
            throw SettingsError(setting: name, reason: "\(error)")
        }
        return value
    }

    func database(_ name: String, dataDirectory: String) throws(SettingsError) -> Settings.Database {
        guard let value = try string(name) else {
            return .sqlite(path: (dataDirectory as NSString).appendingPathComponent("cove.sqlite"))
        }
        if value == "sqlite::memory:" { return .sqliteInMemory }
        guard let url = URL(string: value), let scheme = url.scheme?.lowercased() else {
            throw SettingsError(setting: name, reason: "must be a postgres:// URL")
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw SettingsError(setting: name, reason: "scheme \"\(scheme)\" is not supported; use postgres://user:password@host:port/database")
        }
        guard url.host?.isEmpty == false, url.path.count > 1 else {
            throw SettingsError(setting: name, reason: "needs a host and a database name, e.g. postgres://cove:secret@127.0.0.1:5432/cove")
        }
        return .postgres(url: value)
    }
}
