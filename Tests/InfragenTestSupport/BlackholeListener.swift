import Foundation

/// A loopback port whose connection attempts hang: a listening socket with a backlog of zero whose one queue slot
/// is taken by a connection nobody accepts. Linux then drops further SYNs (the accept queue is full), so a client's
/// `connect` neither succeeds nor is refused until its own connect timeout fires. For connect-timeout tests that
/// must not leave this machine (a non-routable address would).
public final class BlackholeListener: @unchecked Sendable {
    // @unchecked: both sockets are immutable after init and only closed in deinit.
    public let port: Int
    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    private let listener: LoopbackSocket
    private let filler: LoopbackSocket

    public init() throws {
        (listener, port) = try LoopbackSocket.makeListener(backlog: 0)
        // Completes at once (the queue had room) and fills the queue for everyone after it.
        filler = try LoopbackSocket.connect(port: port)
    }

    deinit {
        filler.closeDescriptor()
        listener.closeDescriptor()
    }
}

/// A loopback port with no listener, so connecting to it is refused at once.
public enum ClosedPort {
    /// A port the kernel just handed out and that was closed again (another process could take it meanwhile, which
    /// on a test machine is unlikely enough).
    public static func make() throws -> Int {
        let (listener, port) = try LoopbackSocket.makeListener()
        listener.closeDescriptor()
        return port
    }
}
