import Foundation
import Testing
@testable import CoveCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Data key file")
struct DataKeyFileTests {
    @Test func aMissingFileIsCreatedPrivate() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/data.key"

            _ = try DataKey.loadOrCreate(file: path)

            #expect(try permissions(of: path) == 0o600)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasSuffix("\n"))
            #expect(Data(base64Encoded: text.trimmingCharacters(in: .newlines))?.count == 32)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["data.key"])
        }
    }

    @Test func aSecondLoadReturnsTheSameKey() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/data.key"
            let first = try DataKey.loadOrCreate(file: path)
            let written = try String(contentsOfFile: path, encoding: .utf8)

            let second = try DataKey.loadOrCreate(file: path)

            let sealed = try Sealer(key: first).seal("kept", context: "note:1")
            #expect(try Sealer(key: second).open(sealed, context: "note:1") == "kept")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == written)
        }
    }

    @Test func aKeyWrittenByOpenSSLIsRead() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/data.key"
            try write(DataKeyTests.sequentialKey + "\n", to: path, mode: 0o600)

            let loaded = try DataKey.loadOrCreate(file: path)

            let expected = try DataKey(base64: DataKeyTests.sequentialKey)
            #expect(IdentifierHasher(key: loaded).hash("a", channel: "sms")
                == IdentifierHasher(key: expected).hash("a", channel: "sms"))
        }
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o620, 0o602])
    func aFileOthersCanReachIsRefused(mode: Int) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/data.key"
            try write(DataKeyTests.sequentialKey, to: path, mode: mode)

            #expect(throws: DataKeyError.accessibleByOthers(path: path, mode: mode)) {
                try DataKey.loadOrCreate(file: path)
            }
            #expect(try permissions(of: path) == mode)
        }
    }

    @Test func theRefusalSaysHowToFixIt() {
        let message = DataKeyError.accessibleByOthers(path: "/srv/cove/data.key", mode: 0o644).description

        #expect(message.contains("/srv/cove/data.key"))
        #expect(message.contains("0644"))
        #expect(message.contains("chmod 600 /srv/cove/data.key"))
    }

    @Test(arguments: [("not base64 at all", nil), ("AAECAwQFBgcICQoL\n", 12), ("", 0)] as [(String, Int?)])
    func badFileContentsNameTheFileAndTheProblem(contents: String, byteCount: Int?) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/data.key"
            try write(contents, to: path, mode: 0o600)
            let expected: DataKeyError = byteCount.map { .wrongLength(.file(path), byteCount: $0) } ?? .notBase64(.file(path))

            #expect(throws: expected) { try DataKey.loadOrCreate(file: path) }
            #expect(expected.description.contains(path))
            #expect(try String(contentsOfFile: path, encoding: .utf8) == contents)
        }
    }

    @Test func aDirectoryIsNotAKeyFile() throws {
        try withTemporaryDirectory { directory in
            #expect(throws: DataKeyError.notRegularFile(path: directory)) {
                try DataKey.loadOrCreate(file: directory)
            }
        }
    }

    @Test func aMissingFolderIsReportedNotCreated() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/absent/data.key"

            #expect(throws: DataKeyError.fileSystem(path: path, action: "create", code: ENOENT)) {
                try DataKey.loadOrCreate(file: path)
            }
        }
    }

    @Test func processesStartingTogetherShareOneKey() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/data.key"

        let hashes = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask { IdentifierHasher(key: try DataKey.loadOrCreate(file: path)).hash("a", channel: "sms") }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }

        #expect(hashes.count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["data.key"])
    }
}

private func makeTemporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cove-key-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    return path
}

private func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try body(directory)
}

private func write(_ text: String, to path: String, mode: Int) throws {
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    // Set explicitly: the mode `write` leaves depends on the umask.
    #expect(chmod(path, mode_t(mode)) == 0)
}

private func permissions(of path: String) throws -> Int {
    var status = stat()
    guard stat(path, &status) == 0 else { throw CocoaError(.fileReadNoSuchFile) }
    return Int(status.st_mode) & 0o7777
}
