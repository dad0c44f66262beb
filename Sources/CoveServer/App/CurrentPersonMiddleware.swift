import CoveCore
import Fluent
import Vapor

/// Where the person behind a request stands in signing in.
enum SignInState: Sendable {
    case anonymous
    case awaitingSecondFactor(Person)
    case signedIn(Person)

    var person: Person? {
        switch self {
        case .anonymous: nil
        case let .awaitingSecondFactor(person), let .signedIn(person): person
        }
    }
}

/// Reads the session, ends it when it has idled or lived too long, and loads the person.
/// Requests without a session cookie never touch the session, so public pages set no cookie.
struct CurrentPersonMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.cookies[SessionKeys.cookieName] != nil, request.hasSession {
            try await resolve(request)
        }
        return try await next.respond(to: request)
    }

    private func resolve(_ request: Request) async throws {
        let data = request.session.data
        guard let raw = data[SessionKeys.personID], let id = UUID(uuidString: raw) else { return }
        let now = request.now
        if SessionClock.hasExpired(data, at: now, settings: request.application.settings) {
            request.session.data[SessionKeys.personID] = nil
            request.session.data[SessionKeys.secondFactorPending] = nil
            request.sessionExpired = true
            return
        }
        guard let person = try await Person.query(on: request.db).filter(\.$id == id).with(\.$organisation).first() else {
            request.session.destroy()
            return
        }
        SessionClock.touch(request.session, at: now)
        request.organisationRequiresTwoFactor = person.organisation.requiresTwoFactor
        request.signInState = data[SessionKeys.secondFactorPending] == "1" ? .awaitingSecondFactor(person) : .signedIn(person)
    }
}

/// Session lifetime rules: an idle limit and an absolute limit, both from settings.
enum SessionClock {
    static func hasExpired(_ data: SessionData, at now: Date, settings: Settings) -> Bool {
        let seen = data[SessionKeys.lastSeenAt].flatMap(Double.init) ?? 0
        let started = data[SessionKeys.authenticatedAt].flatMap(Double.init) ?? 0
        let idle = now.timeIntervalSince1970 - seen > Double(settings.sessionIdleMinutes * 60)
        let tooOld = now.timeIntervalSince1970 - started > Double(settings.sessionMaximumHours * 3600)
        return idle || tooOld
    }

    /// Writes the last-seen time at most once a minute, to spare the database a write per request.
    static func touch(_ session: Session, at now: Date) {
        let seen = session.data[SessionKeys.lastSeenAt].flatMap(Double.init) ?? 0
        if now.timeIntervalSince1970 - seen >= 60 {
            session.data[SessionKeys.lastSeenAt] = String(Int(now.timeIntervalSince1970))
        }
    }

    static func start(_ session: Session, at now: Date) {
        let stamp = String(Int(now.timeIntervalSince1970))
        session.data[SessionKeys.authenticatedAt] = stamp
        session.data[SessionKeys.lastSeenAt] = stamp
    }
}

extension Request {
    private struct StateKey: StorageKey { typealias Value = SignInState }
    private struct TwoFactorKey: StorageKey { typealias Value = Bool }
    private struct ExpiredKey: StorageKey { typealias Value = Bool }

    /// Set when this request's session ran out, so the sign-in page can say why it is shown.
    var sessionExpired: Bool {
        get { storage[ExpiredKey.self] ?? false }
        set { storage[ExpiredKey.self] = newValue }
    }

    var signInState: SignInState {
        get { storage[StateKey.self] ?? .anonymous }
        set { storage[StateKey.self] = newValue }
    }

    var organisationRequiresTwoFactor: Bool {
        get { storage[TwoFactorKey.self] ?? false }
        set { storage[TwoFactorKey.self] = newValue }
    }

    /// The signed-in person; routes declared `.signedIn` or narrower can rely on it.
    func requirePerson() throws -> Person {
        guard case let .signedIn(person) = signInState else { throw SignInRequired() }
        return person
    }
}
