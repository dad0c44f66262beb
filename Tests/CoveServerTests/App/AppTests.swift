import CoveCore
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

@Suite("Application basics")
struct AppTests {
    @Test func healthAndReadiness() async throws {
        try await withCove { app, _ in
            let browser = Browser(app)
            #expect(try await browser.get("/healthz").status == .ok)
            let ready = try await browser.get("/readyz")
            #expect(ready.status == .ok)
            #expect(ready.body.string.contains("\"ok\""))
        }
    }

    @Test func metricsCountRequestsByRouteAndStatus() async throws {
        try await withCove { app, _ in
            let browser = Browser(app)
            try await browser.get("/en/")
            try await browser.get("/en/no-such-page")
            let metrics = try await browser.get("/metrics")
            #expect(metrics.status == .ok)
            let text = metrics.body.string
            #expect(text.contains("http_requests_total{"))
            #expect(text.contains("path=\"/:lang\""))
            #expect(text.contains("http_request_duration_seconds_bucket"))
            #expect(text.contains("http_requests_in_flight"))
        }
    }

    /// Open connections come from the kernel's socket table, so this one goes over real sockets;
    /// enough idle ones that the table runs past the kernel's first page.
    @Test func metricsCountOpenConnectionsOverRealSockets() async throws {
        try await withCove { app, _ in
            let port = try await freeLoopbackPort()
            app.http.server.configuration.port = port
            try await app.server.start(address: .hostname("127.0.0.1", port: port))
            let idle = try await openIdleConnections(60, to: port)
            let response = try await app.client.get(URI(string: "http://127.0.0.1:\(port)/metrics"))
            for channel in idle { try await channel.close() }
            await app.server.shutdown()
            let text = response.body.map { String(buffer: $0) } ?? ""
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("http_open_connections ") })
            let count = try #require(Double(line.split(separator: " ").last ?? ""))
            #expect(count >= 61, "60 idle connections and the scrape's own")
        }
    }

    @Test func everyResponseCarriesSecurityHeaders() async throws {
        try await withCove { app, _ in
            let browser = Browser(app)
            for path in ["/en/", "/en/sign-in", "/en/missing", "/healthz"] {
                let response = try await browser.get(path)
                let csp = response.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(csp.contains("frame-ancestors 'none'"), "\(path)")
                #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "\(path)")
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
                #expect(response.headers.first(name: "Referrer-Policy") == "no-referrer", "\(path)")
                #expect(response.headers.first(name: "Strict-Transport-Security") == nil, "no HSTS over plain HTTP")
            }
        }
    }

    @Test func tlsTurnsOnHSTSAndSecureCookies() async throws {
        try await withCove(adjust: { $0.publicURL = URL(string: "https://cove.example.org") }) { app, _ in
            let browser = Browser(app)
            let response = try await browser.get("/en/sign-in")
            #expect(response.headers.first(name: "Strict-Transport-Security")?.contains("max-age=") == true)
            let cookie = response.headers[.setCookie].first ?? ""
            #expect(cookie.contains("Secure"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
        }
    }

    @Test func publicHomePageSetsNoCookieAndStaysSmall() async throws {
        try await withCove { app, _ in
            for language in Language.allCases {
                let response = try await Browser(app).get("/\(language.rawValue)/")
                #expect(response.status == .ok)
                #expect(response.headers[.setCookie].isEmpty, "\(language)")
                #expect(response.body.readableBytes < 30 * 1024, "\(language)")
            }
        }
    }

    @Test func errorsRevealNoInternals() async throws {
        try await withCove { app, _ in
            let browser = Browser(app)
            let missing = try await browser.get("/de/")
            #expect(missing.status == .notFound)
            let body = missing.body.string
            for leak in ["Abort", "Fluent", "SQL", ".swift", "RouteNotFound"] {
                #expect(!body.contains(leak), "error page mentions \(leak)")
            }
            let api = try await browser.get("/api/v1/nothing", headers: [("Accept", "application/json")])
            #expect(api.status == .notFound)
            #expect(api.headers.contentType == .json)
        }
    }

    @Test func oversizedBodiesAreRefused() async throws {
        try await withCove(adjust: { $0.maximumBodyKilobytes = 4 }) { app, _ in
            let browser = Browser(app)
            try await browser.get("/en/sign-in")
            let big = String(repeating: "x", count: 64 * 1024)
            let response = try await browser.post("/en/sign-in", [("email", "a@b.example"), ("password", big)])
            #expect(response.status == .payloadTooLarge)
            let small = try await browser.post("/en/sign-in", [("email", "a@b.example"), ("password", "short one")])
            #expect(small.status == .unauthorized)
        }
    }

    @Test func formsWithoutTheirTokenAreRefused() async throws {
        try await withCove { app, seeded in
            let browser = Browser(app)
            try await browser.get("/en/sign-in")
            let forged = try await browser.post("/en/sign-in", [("email", seeded.administratorEmail),
                                                                 ("password", seeded.administratorPassword)], csrf: "forged")
            #expect(forged.status == .forbidden)
            #expect(forged.body.string.contains(app.localizer.catalogue(for: .english).format("error.csrf")))
        }
    }
}
