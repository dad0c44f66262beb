import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

/// Plays a browser against the in-memory app: keeps cookies, finds form tokens, follows no
/// redirects by itself so tests can check each step.
final class Browser: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]
    var acceptLanguage: String?

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String, headers extra: [(String, String)] = []) async throws -> TestingHTTPResponse {
        try await send(.GET, path, body: nil, headers: extra)
    }

    /// Posts a form, adding the form token from the session unless `csrf` is given.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], csrf: String? = nil) async throws -> TestingHTTPResponse {
        var fields = fields
        if let token = csrf ?? lastToken { fields.append(("csrf", token)) }
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(.POST, path, body: body, headers: [("Content-Type", "application/x-www-form-urlencoded")])
    }

    /// The form token seen on the last page that had one.
    var lastToken: String?

    func send(_ method: HTTPMethod, _ path: String, body: String?, headers extra: [(String, String)]) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders(extra)
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let acceptLanguage { headers.replaceOrAdd(name: .acceptLanguage, value: acceptLanguage) }
        let request = TestingHTTPRequest(method: method, url: URI(string: path), headers: headers,
                                         body: ByteBuffer(string: body ?? ""))
        let response = try await app.testing().performTest(request: request)
        remember(response)
        return response
    }

    private func remember(_ response: TestingHTTPResponse) {
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if header.lowercased().contains("expires=thu, 01 jan 1970") || parts[1].isEmpty {
                cookies[parts[0]] = nil
            } else {
                cookies[parts[0]] = parts[1]
            }
        }
        if let token = Self.hiddenValue(named: "csrf", in: response.body.string) { lastToken = token }
    }

    static func hiddenValue(named name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Signs in with a password (and a TOTP code when asked) and returns the final response.
    @discardableResult
    func signIn(_ email: String, _ password: String) async throws -> TestingHTTPResponse {
        try await get("/en/sign-in")
        return try await post("/en/sign-in", [("email", email), ("password", password)])
    }
}

extension TestingHTTPResponse {
    var location: String? { headers.first(name: .location) }
}

extension Browser {
    /// Posts a form with a file, as a browser's file input sends it, adding the form token.
    @discardableResult
    func postFile(_ path: String, fields: [(String, String)], fileName: String, contents: String,
                  type: String = "text/csv") async throws -> TestingHTTPResponse {
        let boundary = "cove-test-\(UUID().uuidString)"
        var fields = fields
        if let lastToken { fields.append(("csrf", lastToken)) }
        var body = fields.map { "--\(boundary)\r\nContent-Disposition: form-data; name=\"\($0.0)\"\r\n\r\n\($0.1)\r\n" }
            .joined()
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\n"
        body += "Content-Type: \(type)\r\n\r\n\(contents)\r\n--\(boundary)--\r\n"
        return try await send(.POST, path, body: body,
                              headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")])
    }
}
