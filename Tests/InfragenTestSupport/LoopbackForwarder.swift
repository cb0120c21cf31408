import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Passes a ``LoopbackRequest`` on to an upstream server (moto) unchanged and hands back its answer, so a stub can
/// answer a few operations itself and leave the rest to the real emulator:
///
/// ```swift
/// let upstream = LoopbackForwarder(upstream: moto.endpoint)
/// let server = try LoopbackServer { request in stubbed(request) ?? (await upstream.forward(request)) }
/// ```
///
/// Method, target, headers (including `Authorization`) and body are sent as received; only the hop-by-hop
/// headers and `Host` are left to the HTTP client. An upstream that cannot be reached is answered with a 502.
public struct LoopbackForwarder: Sendable {
    public let upstream: String
    private let session: URLSession

    public init(upstream: String) {
        self.upstream = upstream
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 16
        session = URLSession(configuration: configuration)
    }

    static let hopByHop: Set<String> = ["host", "content-length", "connection", "transfer-encoding", "keep-alive"]

    public func forward(_ request: LoopbackRequest) async -> LoopbackResponse {
        guard let url = URL(string: upstream + request.target) else {
            return .text("bad target \(request.target)", status: 502)
        }
        var outgoing = URLRequest(url: url)
        outgoing.httpMethod = request.method
        for (name, value) in request.headers where !Self.hopByHop.contains(name.lowercased()) {
            outgoing.addValue(value, forHTTPHeaderField: name)
        }
        if !request.body.isEmpty { outgoing.httpBody = request.body }
        do {
            let (body, response) = try await session.data(for: outgoing)
            guard let http = response as? HTTPURLResponse else { return .text("not HTTP", status: 502) }
            var headers: [(name: String, value: String)] = []
            for case (let name as String, let value as String) in http.allHeaderFields
            where !Self.hopByHop.contains(name.lowercased()) && name.lowercased() != "content-encoding" {
                headers.append((name, value))
            }
            return LoopbackResponse(status: http.statusCode, headers: headers, body: body)
        } catch {
            return .text("upstream \(upstream) failed: \(error)", status: 502)
        }
    }
}
