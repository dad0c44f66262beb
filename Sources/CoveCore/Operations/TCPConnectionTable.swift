/// Reads Linux's `/proc/net/tcp` and `/proc/net/tcp6` tables, which list every TCP socket in the
/// network namespace with its local address and state. Vapor exposes no hook on accepted
/// connections, so counting established sockets on the server's port is how Cove reports
/// open connections.
public enum TCPConnectionTable {
    /// The kernel's code for an established connection (include/net/tcp_states.h).
    static let established = "01"

    /// Established connections whose local port is `port`, from the text of one table.
    public static func establishedCount(in table: String, localPort port: Int) -> Int {
        let portHex = String(port, radix: 16, uppercase: true)
        let wanted = String(repeating: "0", count: max(0, 4 - portHex.count)) + portHex
        return table.split(separator: "\n").dropFirst().reduce(0) { count, line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count > 3, let colon = fields[1].lastIndex(of: ":") else { return count }
            let localPort = fields[1][fields[1].index(after: colon)...]
            return localPort == wanted && fields[3] == established ? count + 1 : count
        }
    }
}
