import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension DataKey {
    /// Longest key file read: a key is 45 bytes of text, so anything near this is not a key.
    static let largestKeyFile = 4096

    /// The key in the file at `path` (base64 text, as `openssl rand -base64 32` writes it), or a
    /// fresh key written there when there is no file yet.
    ///
    /// A new file is complete and mode 0600 from the moment it appears, and when two processes
    /// start at once both end up with the key that won. A file that group or others may read or
    /// write is refused rather than used: the key may already have leaked, and going on would
    /// hide that.
    public static func loadOrCreate(file path: String) throws(DataKeyError) -> DataKey {
        if let key = try load(file: path) { return key }
        if let key = try create(file: path) { return key }
        guard let key = try load(file: path) else {
            throw .fileSystem(path: path, action: "open", code: ENOENT)
        }
        return key
    }

    /// The key in `path`, or nil when there is no such file.
    static func load(file path: String) throws(DataKeyError) -> DataKey? {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { return nil }
            throw .fileSystem(path: path, action: "open", code: code)
        }
        defer { close(descriptor) }
        // Checked on the open descriptor, not the path, so the file cannot be swapped in between.
        try checkPrivate(descriptor, path: path)
        let text = try readAll(descriptor, path: path)
        return try DataKey(base64: text, source: .file(path))
    }

    static func checkPrivate(_ descriptor: Int32, path: String) throws(DataKeyError) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .fileSystem(path: path, action: "inspect", code: errno)
        }
        let mode = Int(status.st_mode)
        guard mode & Int(S_IFMT) == Int(S_IFREG) else { throw .notRegularFile(path: path) }
        guard mode & 0o077 == 0 else { throw .accessibleByOthers(path: path, mode: mode & 0o7777) }
    }

    static func readAll(_ descriptor: Int32, path: String) throws(DataKeyError) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while bytes.count < largestKeyFile {
            let count = read(descriptor, &buffer, buffer.count)
            if count == 0 { break }
            guard count > 0 else {
                let code = errno
                if code == EINTR { continue }
                throw .fileSystem(path: path, action: "read", code: code)
            }
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes a new key beside `path` and links it into place, which fails if `path` exists; nil
    /// then means another process got there first. Linking rather than creating `path` directly
    /// means no reader ever sees a half-written key.
    static func create(file path: String) throws(DataKeyError) -> DataKey? {
        let master = SymmetricKey(size: .bits256)
        let text = master.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
        let draft = "\(path).\(UUID().uuidString).new"
        try writeNewFile(draft, contents: Array(text.utf8), reportingAs: path)
        defer { unlink(draft) }
        guard link(draft, path) == 0 else {
            let code = errno
            if code == EEXIST { return nil }
            throw .fileSystem(path: path, action: "create", code: code)
        }
        syncDirectory(containing: path)
        return DataKey(master)
    }

    /// Creates `draft`, which must not exist, private from the first instant, and writes it
    /// through to disk: a key lost in a power cut takes every record sealed with it.
    static func writeNewFile(_ draft: String, contents: [UInt8], reportingAs path: String) throws(DataKeyError) {
        let descriptor = open(draft, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .fileSystem(path: path, action: "create", code: errno) }
        defer { close(descriptor) }
        do throws(DataKeyError) {
            // open() applies the umask, which could leave the owner unable to read the key back.
            guard fchmod(descriptor, 0o600) == 0 else { throw .fileSystem(path: path, action: "create", code: errno) }
            try writeAll(descriptor, contents, path: path)
            guard fsync(descriptor) == 0 else { throw .fileSystem(path: path, action: "write", code: errno) }
        } catch {
            unlink(draft)
            throw error
        }
    }

    static func writeAll(_ descriptor: Int32, _ contents: [UInt8], path: String) throws(DataKeyError) {
        var offset = 0
        while offset < contents.count {
            let count = contents[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard count >= 0 else {
                let code = errno
                if code == EINTR { continue }
                throw .fileSystem(path: path, action: "write", code: code)
            }
            offset += count
        }
    }

    /// Makes the new directory entry durable too. Best effort: some file systems refuse to sync a
    /// directory, and the key file itself is already on disk.
    static func syncDirectory(containing path: String) {
        let parent = (path as NSString).deletingLastPathComponent
        let directory = open(parent.isEmpty ? "." : parent, O_RDONLY | O_CLOEXEC)
        guard directory >= 0 else { return }
        _ = fsync(directory)
        close(directory)
    }
}
