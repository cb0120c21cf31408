import AWSClient
import AWSClientURLSession
import Testing

/// The HTTP transports the fault and moto suites run against: every such test takes one as its argument, so both
/// transports face the same servers and the same expectations.
enum TransportUnderTest: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case asyncHTTPClient
    case urlSession

    /// AsyncHTTPClient's process-wide transport (as the runtimes use it), or a fresh `URLSessionTransport`.
    var transport: any HTTPTransport {
        switch self {
        case .asyncHTTPClient: return AsyncHTTPClientTransport.shared
        case .urlSession: return URLSessionTransport()
        }
    }

    var testDescription: String { rawValue }
}
