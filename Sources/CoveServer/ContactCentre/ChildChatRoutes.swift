import CoveCore
import Fluent
import Vapor
import NIOWebSocket

/// The child's side of a web chat: `POST /api/v1/chats` opens one, the socket carries it.
/// No account, no cookie: the page holds the chat's secret and proves it on the socket.
struct ChildChatRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let chats = routes.grouped("api", "v1", "chats")
        chats.post(use: start).access(.public)
        chats.webSocket(":conversation", "socket", maxFrameSize: .init(integerLiteral: IncomingFrame.maximumBytes),
                        onUpgrade: connect).access(.public)
    }

    struct StartRequest: Content {
        var helpline: String
        var language: String?
        var nickname: String?
        var age: Int?
        var consent: Bool?
    }

    struct Started: Content {
        var conversation: UUID
        var token: String
        var socket: String
    }

    /// Why no chat could start, with where else the child can turn.
    struct Refused: Content {
        var error: String
        var help: String?
        var emergencyNumbers: [String]
    }

    @Sendable func start(req: Request) async throws -> Response {
        guard let body = try? req.content.decode(StartRequest.self) else {
            return try await Self.fieldError("body", "a JSON object with helpline, language and consent", on: req)
        }
        if let (field, reason) = Self.problem(in: body) { return try await Self.fieldError(field, reason, on: req) }
        guard let helpline = try await Helpline.query(on: req.db).filter(\.$slug == body.helpline).first() else {
            return try await Self.fieldError("helpline", "no helpline has this id", status: .notFound, on: req)
        }
        let intake = ChatIntake(db: req.db, protection: req.application.dataProtection, now: req.now)
        switch try await intake.opening(for: helpline) {
        case let .failure(refusal):
            return try await refused(refusal, helpline: helpline, on: req)
        case let .success(opening):
            let language = Language.primarySubtag(of: body.language ?? req.language.rawValue)
            let chat = try await intake.startWebChat(at: opening, language: language,
                                                     nickname: body.nickname?.trimmingCharacters(in: .whitespaces), age: body.age)
            let id = try chat.conversation.requireID()
            await req.application.chatHub.publish(.routing)
            await req.application.routing.route()
            return try await Started(conversation: id, token: chat.token, socket: "/api/v1/chats/\(id)/socket")
                .encodeResponse(status: .created, for: req)
        }
    }

    /// The first field at fault and why, as every Cove API names it.
    static func problem(in body: StartRequest) -> (field: String, reason: String)? {
        if body.consent != true { return ("consent", "the child must agree to the privacy text first") }
        if let age = body.age, !(0...120).contains(age) { return ("age", "must be from 0 to 120") }
        if let nickname = body.nickname, nickname.count > 40 { return ("nickname", "at most 40 characters") }
        if let language = body.language, !isLanguageTag(language) {
            return ("language", "not a BCP 47 language tag such as sw or fr-CA")
        }
        return nil
    }

    private static func fieldError(_ field: String, _ reason: String, status: HTTPResponseStatus = .badRequest,
                                   on req: Request) async throws -> Response {
        try await HelpAPIRoutes.ParameterError(error: "invalid-field", parameter: field, reason: reason, message: "\(field): \(reason)")
            .encodeResponse(status: status, for: req)
    }

    /// Children may chat in languages Cove's pages are not written in (Swahili, Hindi), so any
    /// well-formed tag goes; queues match on its primary subtag.
    static func isLanguageTag(_ tag: String) -> Bool {
        let primary = Language.primarySubtag(of: tag)
        return (2...3).contains(primary.count) && primary.allSatisfy { $0.isASCII && $0.isLetter } && tag.count <= 35
            && tag.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    private func refused(_ refusal: ChatIntake.Refusal, helpline: Helpline, on req: Request) async throws -> Response {
        let country = helpline.countries.first.map { String($0.prefix(2)) }
        let emergency = country.map { req.application.directoryReference.plan.emergencyNumbers(for: $0) } ?? []
        let help = country.map { "/\(req.language.rawValue)/help/\($0)" }
        return try await Refused(error: refusal.rawValue, help: help, emergencyNumbers: emergency)
            .encodeResponse(status: .conflict, for: req)
    }

    @Sendable func connect(req: Request, socket: WebSocket) {
        guard let id = req.parameters.get("conversation", as: UUID.self) else {
            socket.close(code: .policyViolation, promise: nil)
            return
        }
        let session = ChildChatSession(services: req.application.routing, conversationID: id, socket: socket)
        socket.forwardFrames(to: { await session.receive($0) }, closed: { await session.closed() })
    }
}
