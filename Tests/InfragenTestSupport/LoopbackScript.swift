import Foundation

/// A handler that answers requests in order from a list, then with a fallback: the shape of most fault tests
/// ("503, 503, then 200"; "drop the first connection, then answer").
///
/// ```swift
/// let script = LoopbackScript([.json("{}", status: 503), .drop], then: .json(#"{"ok":true}"#))
/// let server = try LoopbackServer(handler: script.handler)
/// ```
public actor LoopbackScript {
    private var remaining: [LoopbackResponse]
    private let fallback: @Sendable (LoopbackRequest) -> LoopbackResponse

    public init(_ responses: [LoopbackResponse], then fallback: LoopbackResponse) {
        remaining = responses
        self.fallback = { _ in fallback }
    }

    public init(
        _ responses: [LoopbackResponse], then fallback: @escaping @Sendable (LoopbackRequest) -> LoopbackResponse
    ) {
        remaining = responses
        self.fallback = fallback
    }

    /// The next scripted response, or the fallback once the script is used up.
    public func respond(to request: LoopbackRequest) -> LoopbackResponse {
        remaining.isEmpty ? fallback(request) : remaining.removeFirst()
    }

    /// How many scripted responses have not been used yet.
    public var unused: Int { remaining.count }

    /// Pass this to ``LoopbackServer/init(handler:)``.
    public nonisolated var handler: LoopbackServer.Handler {
        { request in await self.respond(to: request) }
    }
}
