/// Names used in the session cookie and session data, in one place.
enum SessionKeys {
    static let cookieName = "cove_session"
    static let personID = "person"
    static let secondFactorPending = "mfa_pending"
    static let authenticatedAt = "auth_at"
    static let lastSeenAt = "seen_at"
    static let csrfToken = "csrf"
}
