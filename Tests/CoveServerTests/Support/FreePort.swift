import NIOCore
import NIOPosix

/// A loopback port nobody listens on right now, found by letting the kernel pick one.
func freeLoopbackPort() async throws -> Int {
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .bind(host: "127.0.0.1", port: 0).get()
    let port = channel.localAddress?.port ?? 0
    try await channel.close()
    return port
}

/// Opens `count` TCP connections to a loopback port and leaves them idle.
func openIdleConnections(_ count: Int, to port: Int) async throws -> [any Channel] {
    let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
    var channels: [any Channel] = []
    for _ in 0..<count {
        channels.append(try await bootstrap.connect(host: "127.0.0.1", port: port).get())
    }
    return channels
}
