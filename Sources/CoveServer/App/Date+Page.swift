import Foundation

extension Date {
    /// How staff pages show an instant: ISO 8601 in UTC (`2026-11-29T10:42:23Z`), unambiguous
    /// for people working across time zones.
    var pageText: String { formatted(Date.ISO8601FormatStyle()) }
}
