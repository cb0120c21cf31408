import AWSClient
import Synchronization

/// Counts every HTTP request sent, retries included (the call observer sees one call per operation, however many
/// attempts it took), in front of the real transport.
final class CountingTransport: HTTPTransport {
    private let base: any HTTPTransport
    private let sent = Mutex(0)

    init(_ base: any HTTPTransport) { self.base = base }

    /// Requests sent so far.
    var requests: Int { sent.withLock { $0 } }

    func send(_ request: HTTPRequest, timeouts: HTTPTimeouts) async throws -> HTTPResponse {
        sent.withLock { $0 += 1 }
        return try await base.send(request, timeouts: timeouts)
    }
}
