#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why Cove's data key cannot be had. Each case names where the key was looked for and how to put
/// it right; none ever holds or prints the key, not even the wrong one.
public enum DataKeyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where a key came from, so an operator knows which one to fix.
    public enum Source: Equatable, Sendable, CustomStringConvertible {
        case environment
        case file(String)

        public var description: String {
            switch self {
            case .environment: "COVE_DATA_KEY"
            case .file(let path): "the data key file \(path)"
            }
        }
    }

    case notBase64(Source)
    case wrongLength(Source, byteCount: Int)
    /// `mode` holds the permission bits, e.g. 0o644.
    case accessibleByOthers(path: String, mode: Int)
    case notRegularFile(path: String)
    /// A system call failed; `action` says what Cove was doing and `code` is the `errno`.
    case fileSystem(path: String, action: String, code: Int32)

    private static let expected = "must be 32 bytes in base64 (e.g. from `openssl rand -base64 32`)"

    public var description: String {
        switch self {
        case .notBase64(let source):
            "\(source) \(Self.expected), but it is not base64"
        case .wrongLength(let source, let byteCount):
            "\(source) \(Self.expected), got \(byteCount) bytes"
        case .accessibleByOthers(let path, let mode):
            "the data key file \(path) has mode \(Self.octal(mode)), so other users can read or change it; "
                + "run `chmod 600 \(path)`"
        case .notRegularFile(let path):
            "the data key file \(path) is not a regular file"
        case .fileSystem(let path, let action, let code):
            "cannot \(action) the data key file \(path): \(String(cString: strerror(code)))"
        }
    }

    /// Permission bits as `chmod` and `ls -l` users read them, e.g. 0644.
    static func octal(_ mode: Int) -> String {
        let digits = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
