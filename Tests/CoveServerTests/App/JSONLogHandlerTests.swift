import Foundation
import Logging
import Testing
@testable import CoveServer

@Suite("JSON logs")
struct JSONLogHandlerTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [Data] = []
        func append(_ data: Data) { lock.withLock { stored.append(data) } }
        var all: [Data] { lock.withLock { stored } }
    }

    @Test func eachEventIsOneJSONObjectOnOneLine() throws {
        let lines = Lines()
        var logger = Logger(label: "cove.test") { JSONLogHandler(label: $0, level: .info, write: lines.append) }
        logger[metadataKey: "request-id"] = "abc"
        logger.info("signed in", metadata: ["action": "session.sign_in"])
        logger.debug("not at this level")

        #expect(lines.all.count == 1)
        let line = try #require(lines.all.first)
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false)
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: String])
        #expect(object["message"] == "signed in")
        #expect(object["level"] == "info")
        #expect(object["logger"] == "cove.test")
        #expect(object["request-id"] == "abc")
        #expect(object["action"] == "session.sign_in")
        #expect(object["time"]?.hasSuffix("Z") == true)
    }
}
