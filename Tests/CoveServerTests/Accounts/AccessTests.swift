import CoveCore
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

/// Walks every registered route as every role and as an anonymous visitor, and checks the
/// answer matches the route's declaration. A route added without a declaration fails here.
@Suite("Route access")
struct AccessTests {
    @Test func everyRouteDeclaresItsAccess() async throws {
        try await withCove { app, _ in
            let undeclared = app.routes.all.filter { $0.declaredAccess == nil }.map(\.description)
            #expect(undeclared.isEmpty, "routes without access: \(undeclared)")
            #expect(app.routes.all.count > 15)
        }
    }

    static func path(for route: Route) -> String {
        "/" + route.path.map { component -> String in
            switch component {
            case .parameter("lang"): "en"
            case .parameter: UUID().uuidString
            default: component.description
            }
        }.joined(separator: "/")
    }

    @Test(arguments: Role.allCases)
    func eachRoleReachesExactlyWhatIsDeclared(role: Role) async throws {
        try await withCove { app, _ in
            let person = try await People.person(role, on: app)
            let browser = Browser(app)
            try await browser.signIn(person.email, People.password)
            for route in app.routes.all {
                let response = try await request(route, with: browser)
                // Signing in again only after signing out keeps the walk inside the sign-in rate limit.
                if route.path.last?.description == "sign-out" {
                    try await browser.signIn(person.email, People.password)
                }
                let allowed = route.declaredAccess!.scope(for: [role]) != nil
                let refused = response.status == .forbidden || response.location == "/en/sign-in"
                #expect(allowed != refused, "\(role.rawValue) \(route.description) → \(response.status.code)")
            }
        }
    }

    @Test func anonymousVisitorsReachOnlyPublicRoutes() async throws {
        try await withCove { app, _ in
            for route in app.routes.all {
                let browser = Browser(app)
                try await browser.get("/en/sign-in") // a visitor's form token, as a real browser has
                let response = try await request(route, with: browser)
                let isPublic = route.declaredAccess == .public
                let refused = response.status == .unauthorized || response.status == .forbidden
                    || response.location == "/en/sign-in"
                #expect(isPublic != refused, "anonymous \(route.description) → \(response.status.code)")
            }
        }
    }

    private func request(_ route: Route, with browser: Browser) async throws -> TestingHTTPResponse {
        let path = Self.path(for: route)
        switch route.method {
        case .GET: return try await browser.get(path)
        default: return try await browser.post(path, [])
        }
    }
}
