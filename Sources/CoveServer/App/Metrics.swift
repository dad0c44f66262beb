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
        routes.get("metrics") { _ -> Response in
            var buffer = [UInt8]()
            CoveMetrics.registry.emit(into: &buffer)
            let response = Response(status: .ok, body: .init(data: Data(buffer)))
            response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
            return response
        }.access(.public)
    }
}
