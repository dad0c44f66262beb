import Foundation
import NIOPosix
import Testing
import Vapor
import WebSocketKit

/// A WebSocket client for tests: collects JSON frames and hands them out by type, in order.
final class TestSocket: @unchecked Sendable {
    private let lock = NSLock()
    private var frames: [[String: Any]] = []
    private var socket: WebSocket?

    static func connect(_ url: String, headers: HTTPHeaders = [:]) async throws -> TestSocket {
        let client = TestSocket()
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        // A refused upgrade never completes the client's future; fail it after a while instead.
        let outcome = loop.makePromise(of: Void.self)
        let deadline = loop.scheduleTask(in: .seconds(5)) { outcome.fail(TestSocketTimeout()) }
        WebSocket.connect(to: url, headers: headers, on: loop) { socket in
            client.lock.withLock { client.socket = socket }
            outcome.succeed(())
            socket.onText { _, text in
                guard let frame = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return }
                client.lock.withLock { client.frames.append(frame) }
            }
        }.whenFailure { outcome.fail($0) }
        try await outcome.futureResult.get()
        deadline.cancel()
        return client
    }

    func send(_ frame: [String: Any]) async throws {
        let data = try JSONSerialization.data(withJSONObject: frame)
        let socket = try #require(lock.withLock { self.socket })
        try await socket.send(String(decoding: data, as: UTF8.self))
    }

    /// The first frame of `type` not yet taken, waiting up to fifteen seconds (a loaded CI machine is slow) for it.
    func next(_ type: String, where matches: @escaping ([String: Any]) -> Bool = { _ in true }) async throws -> [String: Any] {
        for _ in 0..<1500 {
            let found: [String: Any]? = lock.withLock {
                guard let index = frames.firstIndex(where: { $0["type"] as? String == type && matches($0) }) else { return nil }
                return frames.remove(at: index)
            }
            if let found { return found }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("no \(type) frame arrived")
        throw TestSocketTimeout()
    }

    /// Every frame of `type` received so far, taken.
    func taken(_ type: String) -> [[String: Any]] {
        lock.withLock {
            let matching = frames.filter { $0["type"] as? String == type }
            frames.removeAll { $0["type"] as? String == type }
            return matching
        }
    }

    func close() async {
        try? await lock.withLock { socket }?.close()
    }
}

struct TestSocketTimeout: Error {}
