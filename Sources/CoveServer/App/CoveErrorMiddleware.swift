import CoveCore
import Vapor

/// Turns every error into a page or JSON that says what went wrong for the person, and
/// nothing about the code or the database. Details go to the log without personal data.
struct CoveErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch is SignInRequired {
            return signInRedirect(for: request)
        } catch {
            let status = Self.status(for: error)
            if status == .internalServerError {
                request.logger.error("request failed", metadata: Self.logMetadata(for: error))
            }
            return await render(status: status, error: error, for: request)
        }
    }

    /// Errors are logged by type: their descriptions can quote SQL values, which may be personal
    /// data. Template errors only name templates and tags, so they are logged in full.
    static func logMetadata(for error: any Error) -> Logger.Metadata {
        let type = String(reflecting: Swift.type(of: error))
        var metadata: Logger.Metadata = ["error_type": "\(type)"]
        if type.hasPrefix("LeafKit.") { metadata["error"] = "\(error)" }
        return metadata
    }

    static func status(for error: any Error) -> HTTPResponseStatus {
        switch error {
        case let abort as any AbortError: abort.status
        case is RouteNotFound: .notFound
        case is DecodingError: .badRequest
        default: .internalServerError
        }
    }

    private func signInRedirect(for request: Request) -> Response {
        if request.wantsJSON {
            return Response(status: .unauthorized)
        }
        if case .awaitingSecondFactor = request.signInState {
            return request.redirect(to: "/\(request.language.rawValue)/sign-in/two-factor")
        }
        let reason = request.sessionExpired ? "?expired=1" : ""
        return request.redirect(to: "/\(request.language.rawValue)/sign-in\(reason)")
    }

    private func render(status: HTTPResponseStatus, error: any Error, for request: Request) async -> Response {
        let key = Self.messageKey(for: status, error: error)
        if request.wantsJSON {
            let message = (error as? ExplainedError)?.reason ?? request.catalogue.format(key)
            let body = ErrorBody(error: status.reasonPhrase, message: message)
            let response = (try? await body.encodeResponse(status: status, for: request)) ?? Response(status: status)
            return response
        }
        let context = ErrorPage(status: Int(status.code), message: request.catalogue.format(key))
        if let response = try? await request.renderPage("error", titleKey: "error.title", body: context).encodeResponse(for: request) {
            response.status = status
            return response
        }
        return Response(status: status, body: .init(string: request.catalogue.format(key)))
    }

    static func messageKey(for status: HTTPResponseStatus, error: any Error) -> String {
        if error is CSRFMismatch { return "error.csrf" }
        switch status {
        case .notFound: return "error.not_found"
        case .forbidden, .unauthorized: return "error.forbidden"
        case .payloadTooLarge: return "error.too_large"
        case _ where status.code < 500: return "error.bad_request"
        default: return "error.server"
        }
    }

    struct ErrorBody: Content { var error: String; var message: String }
    struct ErrorPage: Encodable { var status: Int; var message: String }
}

extension Request {
    /// API clients and scripts get JSON; browsers get pages.
    var wantsJSON: Bool {
        if url.path.hasPrefix("/api/") || url.path.hasPrefix("/sdmx/") { return true }
        let accept = headers[.accept].joined(separator: ",")
        return accept.contains("application/json") && !accept.contains("text/html")
    }
}

/// A refusal whose reason was written for the client (which parameter, what it should be), so
/// machine clients are told it; other errors' reasons stay in the log.
struct ExplainedError: AbortError {
    var status: HTTPResponseStatus
    var reason: String

    init(_ status: HTTPResponseStatus, _ reason: String) {
        self.status = status
        self.reason = reason
    }
}
