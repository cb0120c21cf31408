import AWSClient
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `HTTPTransport` over Foundation's `URLSession` (libcurl on Linux): the alternative to the default
/// `AsyncHTTPClientTransport`, in its own target so that binaries which do not link it (the Lambda runtimes) do not
/// need `libcurl.so.4`. See docs/aws-client.md.
///
/// The request timeout is enforced here as a deadline for the whole attempt; libcurl's own idle timeout is set to
/// the same value. `URLSession` has no separate connect timeout, so `timeouts.connect` only bounds the attempt when
/// it is the larger of the two (a refused connection fails at once either way).
public final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    // @unchecked: `session` is immutable after init and URLSession is thread-safe.
    private let session: URLSession

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func send(_ request: HTTPRequest, timeouts: HTTPTimeouts) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        let seconds =
            Double(timeouts.request.components.seconds)
            + Double(timeouts.request.components.attoseconds) / 1e18
        // libcurl counts this in whole seconds (0.3 s becomes "time out at once"), so it only backs up the
        // deadline the client enforces itself.
        urlRequest.timeoutInterval = max(1, seconds.rounded(.up) + 1)
        for (name, value) in request.headers { urlRequest.addValue(value, forHTTPHeaderField: name) }
        if !request.body.isEmpty { urlRequest.httpBody = request.body }
        let session = self.session

        let box = TaskBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, Error>) in
                let task = session.dataTask(with: urlRequest) { data, response, error in
                    if let error {
                        continuation.resume(throwing: Self.classify(error))
                    } else if let http = response as? HTTPURLResponse {
                        var headers: [String: String] = [:]
                        for (key, value) in http.allHeaderFields {
                            if let key = key as? String, let value = value as? String { headers[key] = value }
                        }
                        continuation.resume(
                            returning: HTTPResponse(
                                status: http.statusCode, headers: headers, body: data ?? Data()))
                    } else {
                        continuation.resume(throwing: HTTPTransportError(.invalidResponse, "not an HTTP response"))
                    }
                }
                box.set(task)
                task.resume()
            }
        } onCancel: {
            box.cancel()
        }
    }

    /// The transport's name for `INFRAGEN_HTTP_TRANSPORT` (`HTTPTransportSelection`).
    public static let selectionName = "urlsession"

    /// `[selectionName: URLSessionTransport.init]`, to pass to `AWSClientConfiguration.fromEnvironment(_:transports:)`.
    public static let selectable: [String: @Sendable () -> any HTTPTransport] = [
        selectionName: { URLSessionTransport() }
    ]

    static func classify(_ error: Error) -> HTTPTransportError {
        let nsError = error as NSError
        guard nsError.domain == NSURLErrorDomain else { return HTTPTransportError(.other, "\(error)") }
        switch nsError.code {
        case NSURLErrorTimedOut:
            return HTTPTransportError(.timedOut, nsError.localizedDescription)
        case NSURLErrorCannotConnectToHost, NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed,
            NSURLErrorSecureConnectionFailed:
            return HTTPTransportError(.connectFailed, nsError.localizedDescription)
        // libcurl failures without a specific URLError code (a body cut short: "transfer closed with n bytes
        // remaining") arrive as NSURLErrorUnknown; all of them mean the exchange broke off.
        case NSURLErrorNetworkConnectionLost, NSURLErrorNotConnectedToInternet, NSURLErrorBadServerResponse,
            NSURLErrorZeroByteResource, NSURLErrorCannotParseResponse, NSURLErrorUnknown:
            return HTTPTransportError(.connectionLost, nsError.localizedDescription)
        default:
            return HTTPTransportError(.other, "\(nsError.localizedDescription) (URLError \(nsError.code))")
        }
    }
}

/// Holds the data task so cancellation (which may run before it exists) can reach it.
private final class TaskBox: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionDataTask?
    private var cancelled = false

    func set(_ task: URLSessionDataTask) {
        lock.lock()
        self.task = task
        let cancel = cancelled
        lock.unlock()
        if cancel { task.cancel() }
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let task = self.task
        lock.unlock()
        task?.cancel()
    }
}
