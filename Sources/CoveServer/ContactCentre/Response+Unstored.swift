import Vapor

extension Response {
    /// Pages about a child — transcripts, contacts, cases, reviews — must not stay in a shared
    /// computer's browser cache.
    func unstored() -> Response {
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return self
    }
}
