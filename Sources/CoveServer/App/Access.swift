import CoveCore
import Vapor

/// How far a role's reach goes on one route. Handlers filter records by it.
public enum AccessScope: Int, Sendable, Comparable, Codable {
    case ownOrganisation = 0
    case everything = 1

    public static func < (lhs: AccessScope, rhs: AccessScope) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Who may use a route. Every route declares one; a route without it is refused (fail closed)
/// and the route-walk test fails, so access is never left to chance.
public enum Access: Sendable, Equatable {
    /// Anyone, signed in or not.
    case `public`
    /// Someone who has passed the password step but still owes a second factor.
    case passwordVerified
    /// Any signed-in person, whatever their roles.
    case signedIn
    /// People holding one of these roles, with the reach each role has here.
    case roles([Role: AccessScope])

    public static func only(_ roles: Role..., scope: AccessScope = .everything) -> Access {
        .roles(Dictionary(uniqueKeysWithValues: roles.map { ($0, scope) }))
    }

    /// The widest scope any of `roles` has on this route, or nil when none may use it.
    public func scope(for roles: [Role]) -> AccessScope? {
        switch self {
        case .public, .passwordVerified, .signedIn: return .everything
        case let .roles(granted): return roles.compactMap { granted[$0] }.max()
        }
    }
}

extension Route {
    private static let accessKey = "cove.access"

    /// Declares who may use this route.
    @discardableResult
    public func access(_ access: Access) -> Route {
        userInfo[Self.accessKey] = access
        return self
    }

    public var declaredAccess: Access? { userInfo[Self.accessKey] as? Access }
}
