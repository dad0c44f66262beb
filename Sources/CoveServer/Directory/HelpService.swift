import CoveCore
import Vapor

/// Turns a help-now question into an answer with everything the API and the pages show: the
/// ordered entries, each helpline's record (for its time zone and verification) and the country.
struct HelpService: Sendable {
    let request: Request

    struct Result: Sendable {
        let request: HelpRequest
        let answer: HelpAnswer
        let recordsByID: [String: DirectoryRecord]
    }

    /// Reads the query's parameters, refusing the first bad one by name.
    func question(country: String?, caller: String?, language: String?, age: String?, topic: String?,
                  at: String?) throws(HelpRequestError) -> HelpRequest {
        let reference = request.application.directoryReference
        return try HelpRequest.validated(
            country: country, caller: caller, language: language, age: age, topic: topic, at: at,
            plan: reference.plan, now: request.now, knownCountries: reference.knownCountries)
    }

    func snapshot() async throws -> DirectoryCache.Snapshot {
        // The application's database, not the request's: the load may outlive this request.
        try await request.application.directoryCache.snapshot(on: request.application.db, now: request.now)
    }

    func answer(_ question: HelpRequest) async throws -> Result {
        answer(question, in: try await snapshot())
    }

    func answer(_ question: HelpRequest, in snapshot: DirectoryCache.Snapshot) -> Result {
        let reference = request.application.directoryReference
        let own = snapshot.listings(for: [question.country])
        let hasOwnLine = own.contains { $0.scope == .national && $0.status == .active && $0.covers(question.country) }
        // Neighbours matter only when the country has no line of its own; skipping them keeps the usual answer cheap.
        let nearby = hasOwnLine ? [] : reference.nearby(question.country)
        let listings = hasOwnLine ? own : own + snapshot.neighbourListings(for: nearby, excluding: own)
        let answer = HelpNow.answer(for: question, listings: listings,
                                    emergencyNumbers: reference.plan.emergencyNumbers(for: question.country), nearby: nearby)
        return Result(request: question, answer: answer, recordsByID: snapshot.recordsByID)
    }
}
