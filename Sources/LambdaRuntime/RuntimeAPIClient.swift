#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dispatch

/// The Lambda Runtime API, version 2018-06-01: the seam between the run loop and the Lambda service.
public protocol RuntimeAPIClient: Sendable {
    /// Long-polls for the next invocation.
    func next() async throws(LambdaRuntimeError) -> Invocation
    /// Posts a successful response for `requestID`.
    func respond(requestID: String, body: [UInt8]) async throws(LambdaRuntimeError)
    /// Posts an invocation error for `requestID`.
    func reportError(requestID: String, _ error: LambdaErrorPayload, type: String) async throws(LambdaRuntimeError)
    /// Posts an initialisation error (before the first `next`).
    func reportInitError(_ error: LambdaErrorPayload, type: String) async throws(LambdaRuntimeError)
}

/// The Runtime API over HTTP at `AWS_LAMBDA_RUNTIME_API` (`host:port`).
public struct HTTPRuntimeAPIClient: RuntimeAPIClient {
    public let host: String
    public let port: Int
    static let base = "/2018-06-01/runtime"
    private static let queue = DispatchQueue(label: "lambda-runtime-api")

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Reads `AWS_LAMBDA_RUNTIME_API` (`host:port`, as the Lambda service sets it).
    public init(environment: [String: String]) throws(LambdaRuntimeError) {
        guard let value = environment["AWS_LAMBDA_RUNTIME_API"], let colon = value.lastIndex(of: ":"),
            let port = Int(value[value.index(after: colon)...]), colon > value.startIndex
        else {
            throw LambdaRuntimeError(.runtimeAPINotConfigured,
                "AWS_LAMBDA_RUNTIME_API is \(environment["AWS_LAMBDA_RUNTIME_API"].map { "\"\($0)\"" } ?? "unset"); "
                    + "expected host:port. Outside Lambda, run with --event FILE (or --event - for stdin).")
        }
        // An IPv6 literal comes bracketed (`[::1]:9001`); getaddrinfo wants it bare.
        let host = value[..<colon]
        self.init(host: host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : String(host),
                  port: port)
    }

    public func next() async throws(LambdaRuntimeError) -> Invocation {
        let response = try await exchange("GET", Self.base + "/invocation/next")
        guard response.status == 200 else { throw unexpected(response, "GET next") }
        return try Invocation(headers: response.headers, event: response.body)
    }

    public func respond(requestID: String, body: [UInt8]) async throws(LambdaRuntimeError) {
        let path = Self.base + "/invocation/\(requestID)/response"
        let response = try await exchange("POST", path, headers: [("Content-Type", "application/json")], body: body)
        if response.status == 413 {
            throw LambdaRuntimeError(.responseTooLarge,
                "the Runtime API refused the \(body.count)-byte response of \(requestID) as too large")
        }
        guard (200..<300).contains(response.status) else { throw unexpected(response, "POST \(path)") }
    }

    public func reportError(requestID: String, _ error: LambdaErrorPayload, type: String)
        async throws(LambdaRuntimeError)
    {
        try await postError(Self.base + "/invocation/\(requestID)/error", error, type: type)
    }

    public func reportInitError(_ error: LambdaErrorPayload, type: String) async throws(LambdaRuntimeError) {
        try await postError(Self.base + "/init/error", error, type: type)
    }

    private func postError(_ path: String, _ error: LambdaErrorPayload, type: String) async throws(LambdaRuntimeError) {
        let headers = [("Content-Type", "application/json"), ("Lambda-Runtime-Function-Error-Type", type)]
        let response = try await exchange("POST", path, headers: headers, body: Array(error.json.utf8))
        guard (200..<300).contains(response.status) else { throw unexpected(response, "POST \(path)") }
    }

    private func unexpected(_ response: RuntimeHTTPResponse, _ what: String) -> LambdaRuntimeError {
        let body = String(decoding: response.body.prefix(500), as: UTF8.self)
        return LambdaRuntimeError(.runtimeAPIStatus(response.status),
            "\(what): the Runtime API answered HTTP \(response.status): \(body)")
    }

    /// Runs the blocking exchange on a serial dispatch queue (its own thread), so a long-polling `next` never parks
    /// a cooperative-pool thread that the handler's own tasks might need.
    private func exchange(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = [])
        async throws(LambdaRuntimeError) -> RuntimeHTTPResponse
    {
        let (host, port) = (host, port)
        let result: Result<RuntimeHTTPResponse, LambdaRuntimeError> = await withCheckedContinuation { continuation in
            Self.queue.async {
                do throws(LambdaRuntimeError) {
                    continuation.resume(returning: .success(try RuntimeHTTPConnection.exchange(
                        host: host, port: port, method: method, path: path, headers: headers, body: body)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }
}
