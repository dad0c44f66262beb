import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

/// The OpenAPI document is served as a static file; these keep it and the routes in step.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    private func document(_ app: Application) async throws -> [String: Any] {
        let response = try await app.testing().sendRequest(.GET, "/api/openapi.json")
        #expect(response.status == .ok)
        return try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    @Test func everyMachineRouteIsDescribedAndEveryDescribedRouteExists() async throws {
        try await withCove { app, _ in
            let document = try await document(app)
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = document["paths"] as? [String: [String: Any]] ?? [:]
            let described = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            let machine = Set(app.routes.all.map { route in
                let path = "/" + route.path.map { component in
                    if case let .parameter(name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                return "\(route.method.rawValue) \(path)"
            }.filter { entry in
                let path = entry.split(separator: " ")[1]
                return path.hasPrefix("/api/v") || path.hasPrefix("/sdmx/") || ["/healthz", "/readyz", "/metrics"].contains(path)
            })
            #expect(machine == described)
        }
    }

    @Test func theHelpAnswerCarriesEveryRequiredProperty() async throws {
        try await withCove { app, _ in
            let schemas = try #require((try await document(app)["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let answerSchema = try #require(schemas["HelpAnswer"] as? [String: Any])
            let entrySchema = try #require(schemas["HelpEntry"] as? [String: Any])
            let response = try await app.testing().sendRequest(.GET, "/api/v1/help?country=GB")
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            let required = try #require(answerSchema["required"] as? [String])
            #expect(required.allSatisfy { answer[$0] != nil })
            let entries = try #require(answer["entries"] as? [[String: Any]])
            let entryRequired = try #require(entrySchema["required"] as? [String])
            let known = Set((entrySchema["properties"] as? [String: Any] ?? [:]).keys)
            for entry in entries {
                #expect(entryRequired.allSatisfy { entry[$0] != nil })
                #expect(Set(entry.keys).isSubset(of: known), "undocumented: \(Set(entry.keys).subtracting(known))")
            }
        }
    }
}
