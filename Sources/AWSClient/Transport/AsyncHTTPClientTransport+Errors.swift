import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension AsyncHTTPClientTransport {
    /// Maps what AsyncHTTPClient, NIO and NIOSSL throw onto the kinds the client's retry policy knows, the same way
    /// `URLSessionTransport.classify` maps URLErrors: a connection that could not be made (refused, unreachable,
    /// DNS, TLS handshake, connect timeout) is `connectFailed`; one that broke off (reset, closed before or during
    /// the response, unparsable response) is `connectionLost`; no answer in time is `timedOut`. All three are
    /// retried. A task cancelled by the client's `Deadline` stays a `CancellationError`.
    static func classify(_ error: Error, maxResponseBytes: Int, timeouts: HTTPTimeouts) -> Error {
        switch error {
        case let error as HTTPTransportError:
            return error
        case is CancellationError:
            return error
        case let error as HTTPClientError:
            return classify(error, timeouts: timeouts)
        case is NIOTooManyBytesError:
            return HTTPTransportError(
                .invalidResponse, "response body larger than the transport's limit of \(maxResponseBytes) bytes")
        case let error as NIOConnectionError:
            return HTTPTransportError(.connectFailed, "cannot connect to \(error.host):\(error.port): \(error)")
        case let error as ChannelError:
            return classify(error, timeouts: timeouts)
        case let error as IOError:
            return classify(errno: error.errnoCode, "\(error)")
        case let error as NIOSSLError:
            if case .uncleanShutdown = error { return HTTPTransportError(.connectionLost, "TLS: \(error)") }
            return HTTPTransportError(.connectFailed, "TLS: \(error)")
        case is BoringSSLError, is NIOSSLExtraError:
            return HTTPTransportError(.connectFailed, "TLS: \(error)")
        case let error as HTTPParserError:
            return HTTPTransportError(.connectionLost, "malformed HTTP response: \(error)")
        default:
            return HTTPTransportError(.other, "\(error)")
        }
    }

    private static func classify(_ error: HTTPClientError, timeouts: HTTPTimeouts) -> Error {
        switch error {
        case .cancelled:
            return CancellationError()
        case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
            return HTTPTransportError(.connectFailed, "no connection within the connect timeout (\(timeouts.connect))")
        case .deadlineExceeded, .readTimeout, .writeTimeout:
            return HTTPTransportError(.timedOut, "no response within \(timeouts.request) (\(error))")
        case .remoteConnectionClosed, .bodyLengthMismatch:
            return HTTPTransportError(.connectionLost, "the connection closed before the response was complete")
        case .invalidURL, .emptyHost, .emptyScheme:
            return HTTPTransportError(.other, "invalid request URL: \(error)")
        default:
            return HTTPTransportError(.other, "\(error)")
        }
    }

    private static func classify(_ error: ChannelError, timeouts: HTTPTimeouts) -> HTTPTransportError {
        switch error {
        case .connectTimeout:
            return HTTPTransportError(.connectFailed, "no connection within the connect timeout (\(timeouts.connect))")
        case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed:
            return HTTPTransportError(.connectionLost, "the connection closed: \(error)")
        default:
            return HTTPTransportError(.other, "\(error)")
        }
    }

    private static func classify(errno code: Int32, _ detail: String) -> HTTPTransportError {
        switch code {
        case ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL, ETIMEDOUT:
            return HTTPTransportError(.connectFailed, detail)
        default:
            // A read or write that failed on an established connection (ECONNRESET, EPIPE, …).
            return HTTPTransportError(.connectionLost, detail)
        }
    }
}
