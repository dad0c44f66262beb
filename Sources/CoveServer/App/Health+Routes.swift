import Fluent
import SQLKit
import Vapor

/// Liveness and readiness for load balancers and orchestrators.
struct HealthRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("healthz") { _ in HealthStatus(status: "ok") }.access(.public)
        routes.get("readyz", use: ready).access(.public)
    }

    struct HealthStatus: Content { var status: String }

    @Sendable func ready(req: Request) async throws -> Response {
        do {
            guard let sql = req.db as? any SQLDatabase else { throw Abort(.serviceUnavailable) }
            _ = try await sql.raw("SELECT 1").all()
            return try await HealthStatus(status: "ok").encodeResponse(for: req)
        } catch {
            req.logger.warning("readiness check failed: database unreachable")
            let response = try await HealthStatus(status: "database unreachable").encodeResponse(for: req)
            response.status = .serviceUnavailable
            return response
        }
    }
}
