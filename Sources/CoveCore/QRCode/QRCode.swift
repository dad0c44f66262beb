import Foundation

/// A QR code symbol (ISO/IEC 18004, Model 2) encoding text in byte mode.
///
/// Cove uses it to show `otpauth://` enrolment URIs for TOTP two-factor
/// authentication without depending on an external library or service: the
/// secret never leaves the server process, and the result is rendered as
/// inline SVG (see `svg(moduleSize:quietZone:title:)`).
///
///     let code = try QRCode(encoding: uri)
///     let markup = code.svg(title: "Scan to set up two-factor sign-in")
public struct QRCode: Sendable, Equatable {
    /// How much of the symbol can be damaged and still be read.
    ///
    /// Higher levels spend more codewords on recovery, so the same text
    /// needs a larger (denser) symbol.
    public enum ErrorCorrection: Sendable, CaseIterable {
        /// Recovers roughly 7% of codewords.
        case low
        /// Recovers roughly 15% of codewords; the usual choice for screens.
        case medium
        /// Recovers roughly 25% of codewords.
        case quartile
        /// Recovers roughly 30% of codewords.
        case high
    }

    /// Why text could not be encoded.
    public enum EncodingError: Error, Sendable, Equatable {
        /// The UTF-8 text (`bytes` long) does not fit in the largest symbol
        /// (version 40) at the requested error correction level.
        case tooLong(bytes: Int)
    }

    /// The number of modules along each side, excluding the quiet zone.
    public let size: Int

    /// The symbol version (1...40); `size` is `4 * version + 17`.
    let version: Int

    /// The mask pattern (0...7) chosen by the penalty rules.
    let mask: Int

    /// Row-major module colours, `true` meaning dark.
    let modules: [Bool]

    /// Encodes `text` as UTF-8 in the smallest symbol that holds it.
    ///
    /// - Throws: `EncodingError.tooLong(bytes:)` if the text does not fit
    ///   version 40 at `correction`.
    public init(encoding text: String, correction: ErrorCorrection = .medium) throws {
        try self.init(bytes: Array(text.utf8), correction: correction, mask: nil)
    }

    /// Encodes `bytes`, forcing `mask` when given.
    ///
    /// Forcing the mask lets tests compare whole matrices with a reference
    /// encoder; production code always lets the penalty rules choose.
    init(bytes: [UInt8], correction: ErrorCorrection, mask forcedMask: Int?) throws {
        guard let version = Version.smallest(fitting: bytes.count, correction: correction) else {
            throw EncodingError.tooLong(bytes: bytes.count)
        }
        let data = Codewords.data(for: bytes, version: version, correction: correction)
        let codewords = Codewords.interleaved(data, version: version, correction: correction)

        var grid = Grid(version: version)
        grid.place(codewords)
        let mask = forcedMask ?? grid.bestMask(correction: correction)
        grid.apply(mask: mask)
        grid.drawFormatInformation(correction: correction, mask: mask)

        self.version = version.number
        self.size = grid.size
        self.mask = mask
        self.modules = grid.modules
    }

    /// Whether the module at `row`, `column` (zero-based, from the top-left)
    /// is dark.
    ///
    /// Coordinates outside the symbol return `false`, matching the light
    /// quiet zone that must surround it.
    public func isDark(row: Int, column: Int) -> Bool {
        guard (0..<size).contains(row), (0..<size).contains(column) else { return false }
        return modules[row * size + column]
    }
}
