import Foundation
import Vapor
import NIOWebSocket

/// What a chat page or console sends over its socket. One loose shape for every frame type keeps
/// decoding in one place; each handler checks the fields its type needs.
struct IncomingFrame: Decodable, Sendable {
    var type: String
    var token: String?
    /// The last sequence number the client has shown, per conversation for the console.
    var after: Int?
    /// Keyed by conversation id as text: JSON object keys decode only as strings.
    var afterByConversation: [String: Int]?
    var clientId: String?
    var text: String?
    var delete: Bool?
    var conversation: UUID?
    var status: String?
    /// How many chats the counsellor takes at once, sent with a status change.
    var capacity: Int?
    var to: UUID?

    static let maximumBytes = 16 * 1024

    var afterSequences: [UUID: Int] {
        Dictionary((afterByConversation ?? [:]).compactMap { key, value in UUID(uuidString: key).map { ($0, value) } },
                   uniquingKeysWith: max)
    }

    static func decode(_ text: String) -> IncomingFrame? {
        guard text.utf8.count <= maximumBytes else { return nil }
        return try? JSONDecoder().decode(IncomingFrame.self, from: Data(text.utf8))
    }

    /// Client ids are opaque to Cove but bounded, so a client cannot grow an index without limit.
    var validClientID: String? {
        clientId.flatMap { Self.isValidClientID($0) ? $0 : nil }
    }

    /// 1 to 64 ASCII letters, digits, hyphens and underscores.
    static func isValidClientID(_ id: String) -> Bool {
        (1...64).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// Message text with surrounding space trimmed, refused when empty or too long.
    var validText: String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty,
              text.count <= ConversationStore.maximumTextLength else { return nil }
        return text
    }
}

/// Frames Cove sends. Each is its own small type so the JSON a client sees is easy to read.
enum OutgoingFrame {
    struct Welcome: Encodable { var type = "welcome"; var conversation: UUID; var state: String }
    struct Ack: Encodable { var type = "ack"; var conversation: UUID; var clientId: String; var seq: Int }
    struct Message: Encodable {
        var type = "message"
        var conversation: UUID
        var seq: Int
        var from: String
        var clientId: String
        var text: String
        var at: Date
    }
    struct Queue: Encodable { var type = "queue"; var position: Int?; var waitSeconds: Int? }
    struct State: Encodable { var type = "state"; var conversation: UUID; var state: String }
    struct Problem: Encodable { var type = "error"; var code: String; var clientId: String? = nil }

    static func message(_ line: ConversationStore.Line, in conversation: UUID) -> Message {
        Message(conversation: conversation, seq: line.sequence, from: line.sender.rawValue, clientId: line.clientID,
                text: line.text, at: line.sentAt)
    }
}

/// Sends frames on one socket in order; a closed socket swallows them.
actor FrameSender {
    private let socket: WebSocket
    private var lastWhole: String?
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    init(_ socket: WebSocket) { self.socket = socket }

    func send(_ frame: some Encodable) async {
        guard !socket.isClosed, let data = try? encoder.encode(frame) else { return }
        try? await socket.send(String(decoding: data, as: UTF8.self))
    }

    /// Sends frames back to back, so nothing another caller sends can land between them: a
    /// page that drops any message numbered below the last it showed needs them in order.
    func send(_ frames: [some Encodable]) async {
        for frame in frames { await send(frame) }
    }

    /// Sends a frame that replaces the page's whole picture (a console's board), unless it is
    /// the same as the last one: most routing changes leave most consoles as they were.
    func sendWhole(_ frame: some Encodable) async {
        guard !socket.isClosed, let data = try? encoder.encode(frame) else { return }
        let text = String(decoding: data, as: UTF8.self)
        guard text != lastWhole else { return }
        lastWhole = text
        try? await socket.send(text)
    }

    func close(code: WebSocketErrorCode = .normalClosure) async {
        try? await socket.close(code: code)
    }
}

extension WebSocket {
    /// Hands text frames to `receive` one at a time, in the order they arrived, then calls
    /// `closed`. Set up synchronously in the upgrade handler, so no early frame is dropped.
    func forwardFrames(to receive: @escaping @Sendable (String) async -> Void,
                       closed: @escaping @Sendable () async -> Void) {
        let (frames, input) = AsyncStream<String>.makeStream()
        onText { _, text in input.yield(text) }
        onClose.whenComplete { _ in input.finish() }
        Task {
            for await text in frames { await receive(text) }
            await closed()
        }
    }
}
