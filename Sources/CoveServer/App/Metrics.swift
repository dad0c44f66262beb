import CoveCore
import Foundation
import Metrics
import Prometheus
import Vapor

/// One Prometheus registry per process: swift-metrics can be bootstrapped only once,
/// while tests build many applications.
enum CoveMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    static func bootstrap() { _ = registry }
}

/// Counts requests being served right now; Vapor itself records totals and latency per route.
struct MetricsMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let inFlight = Meter(label: "http_requests_in_flight")
        inFlight.increment()
        defer { inFlight.decrement() }
        return try await next.respond(to: request)
    }
}

struct MetricsRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("metrics") { req -> Response in
            var buffer = [UInt8]()
            CoveMetrics.registry.emit(into: &buffer)
            buffer += Array(OpenConnections.exposition(port: req.application.http.server.configuration.port).utf8)
            let response = Response(status: .ok, body: .init(data: Data(buffer)))
            response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
            return response
        }.access(.public)
    }
}

/// The `http_open_connections` gauge, read from the kernel's TCP tables when metrics are read.
/// It is written beside the registry's output rather than kept in it: the count belongs to
/// this server's port at this moment, not to a process-wide value that could go stale.
/// Only Linux has those tables; elsewhere the gauge is left out rather than reported as zero.
enum OpenConnections {
    static func exposition(port: Int) -> String {
        // Read to the end: the kernel hands these tables out a page at a time, and
        // String(contentsOfFile:) stops after the first page, losing all but ~25 sockets.
        let tables = ["/proc/self/net/tcp", "/proc/self/net/tcp6"].compactMap { path in
            FileHandle(forReadingAtPath: path).flatMap { try? $0.readToEnd() }.map { String(decoding: $0, as: UTF8.self) }
        }
        guard !tables.isEmpty else { return "" }
        let count = tables.reduce(0) { $0 + TCPConnectionTable.establishedCount(in: $1, localPort: port) }
        return "# HELP http_open_connections Established TCP connections to the server's port.\n"
            + "# TYPE http_open_connections gauge\nhttp_open_connections \(count)\n"
    }
}
