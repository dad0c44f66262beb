import Vapor

/// Refuses request bodies over the configured size before anything reads them. Vapor checks
/// the limit only while a body streams in over several reads; a body that arrives in one read
/// would slip past, so the declared length and any collected body are checked here too.
struct BodyLimitMiddleware: AsyncMiddleware {
    let maximumBytes: Int

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let maximumBytes = request.route?.bodyLimit ?? maximumBytes
        if let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > maximumBytes {
            throw Abort(.payloadTooLarge)
        }
        if let collected = request.body.data, collected.readableBytes > maximumBytes {
            throw Abort(.payloadTooLarge)
        }
        return try await next.respond(to: request)
    }
}

extension Route {
    private static let bodyLimitKey = "cove.body-limit"

    /// A larger body limit for one route (a whole-directory import), in bytes; Vapor's own limit
    /// for streamed bodies comes from `body: .collect(maxSize:)` on the same route.
    @discardableResult
    func bodyLimit(_ bytes: Int) -> Route {
        userInfo[Self.bodyLimitKey] = bytes
        return self
    }

    var bodyLimit: Int? { userInfo[Self.bodyLimitKey] as? Int }
}
