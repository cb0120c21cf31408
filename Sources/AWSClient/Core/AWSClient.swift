import AWSSigV4
import Foundation
import Logging

/// Calls AWS operations: encode → resolve endpoint → sign → send → decode, with standard-mode retries.
public struct AWSClient: Sendable {
    public var configuration: AWSClientConfiguration
    public var region: String { configuration.region }
    /// Derived signing keys, shared by copies of this client.
    let keyCache = SigningKeyCache()
    /// The retry token bucket, shared by copies of this client (when the policy uses one).
    let retryQuota = RetryQuota()

    public init(_ configuration: AWSClientConfiguration) { self.configuration = configuration }

    /// A copy that talks to another region (same credentials, transport and policy).
    public func inRegion(_ region: String) -> AWSClient {
        var copy = self
        copy.configuration.region = region
        return copy
    }

    /// Calls `operation` with `input` and returns its decoded output, or throws `AWSClientError`.
    public func call<I, O>(_ operation: AWSOperation<I, O>, _ input: I) async throws -> O {
        var encoded: EncodedRequest?
        do {
            let request = try encode(operation, input)
            encoded = request
            let response = try await send(operation, input, encoded: request)
            let output = try ResponseDecoder.decode(response, for: operation)
            notify(operation, input, encoded, nil)
            return output
        } catch let error as AWSClientError {
            notify(operation, input, encoded, error)
            throw error
        }
    }

    private func notify<I, O>(
        _ operation: AWSOperation<I, O>, _ input: I, _ encoded: EncodedRequest?, _ error: AWSClientError?
    ) {
        guard let observer = configuration.observer else { return }
        observer.didCall(AWSCall(
            operation: operation.descriptor, region: region, pathLabels: input.httpBindings.path, request: encoded,
            error: error))
    }

    /// Calls an operation without input members.
    public func call<O>(_ operation: AWSOperation<AWSEmpty, O>) async throws -> O {
        try await call(operation, AWSEmpty())
    }

    /// Sends the request (with retries) and returns the successful raw response.
    public func send<I, O>(_ operation: AWSOperation<I, O>, _ input: I) async throws -> HTTPResponse {
        try await send(operation, input, encoded: try encode(operation, input))
    }

    private func encode<I, O>(_ operation: AWSOperation<I, O>, _ input: I) throws -> EncodedRequest {
        do {
            return try RequestEncoder.encode(input, for: operation)
        } catch let error as AWSClientError {
            throw error
        } catch {
            throw AWSClientError(
                .invalidRequest, "cannot encode the input: \(error)", operation: operation.descriptor.description)
        }
    }

    private func send<I, O>(
        _ operation: AWSOperation<I, O>, _ input: I, encoded: EncodedRequest
    ) async throws -> HTTPResponse {
        let name = operation.descriptor.description
        let target = try resolve(encoded, operation: operation, input: input)
        let policy = configuration.retry
        var attempt = 0
        var spent = 0
        while true {
            attempt += 1
            let request = try await sign(target, operation: operation)
            let failure: AWSClientError
            let started = ContinuousClock.now
            do {
                let response = try await sendWithDeadline(request)
                log(request, response.status, started, attempt)
                if (200..<300).contains(response.status) {
                    if policy.usesQuota { retryQuota.succeeded(spent: spent) }
                    return response
                }
                let fields = ErrorDecoder.decode(response, protocol: operation.service.wireProtocol)
                let (retryable, throttling) = RetryPolicy.classify(code: fields.code, status: response.status)
                failure = AWSClientError(
                    .service, fields.message, operation: name, awsCode: fields.code, statusCode: response.status,
                    requestID: fields.requestID, isRetryable: retryable, isThrottling: throttling, attempts: attempt)
            } catch let error as HTTPTransportError {
                log(request, nil, started, attempt, error: error)
                let retryable = [.connectFailed, .connectionLost, .timedOut].contains(error.kind)
                failure = AWSClientError(
                    error.kind == .timedOut ? .timeout : .transport, error.detail, operation: name,
                    isRetryable: retryable, attempts: attempt)
            } catch let error as CancellationError {
                throw error
            } catch {
                // A transport that throws something else: report it as a transport failure, without retrying.
                throw AWSClientError(.transport, "\(error)", operation: name, attempts: attempt)
            }
            guard failure.isRetryable, attempt < policy.maxAttempts else { throw failure }
            if policy.usesQuota {
                guard let cost = retryQuota.acquire(afterTimeout: failure.code == .timeout) else {
                    configuration.logger.warning(
                        "not retrying: the retry quota is exhausted", metadata: ["operation": "\(name)"])
                    throw failure
                }
                spent += cost
            }
            let delay = policy.delay(beforeRetry: attempt)
            configuration.logger.warning(
                "retrying after error",
                metadata: [
                    "operation": "\(name)", "attempt": "\(attempt)", "error": "\(failure)", "delay": "\(delay)",
                ])
            try await configuration.sleeper.sleep(for: delay)
        }
    }

    /// The encoded request placed on its endpoint (and, for S3, on its bucket's virtual host when that applies).
    struct Target {
        var endpoint: AWSEndpoint
        var host: String
        var request: EncodedRequest
    }

    func resolve<I: AWSInput, O>(
        _ encoded: EncodedRequest, operation: AWSOperation<I, O>, input: I
    ) throws -> Target {
        let endpoint = try configuration.endpoints.endpoint(for: operation.service, region: region)
        var request = encoded
        var host = endpoint.hostHeader
        if operation.service.isS3, let bucket = input.httpBindings.path["Bucket"], usesVirtualHost(bucket, endpoint) {
            let prefix = "/" + URIEncoding.encode(bucket)
            if request.encodedPath.hasPrefix(prefix) {
                request.encodedPath = String(request.encodedPath.dropFirst(prefix.count))
                if request.encodedPath.isEmpty { request.encodedPath = "/" }
                host = "\(bucket).\(host)"
            }
        }
        request.encodedPath = endpoint.basePath + request.encodedPath
        return Target(endpoint: endpoint, host: host, request: request)
    }

    private func usesVirtualHost(_ bucket: String, _ endpoint: AWSEndpoint) -> Bool {
        switch configuration.endpoints.s3Addressing {
        case .path: return false
        case .virtual: return true
        case .automatic: return !endpoint.isCustom && EndpointResolver.isVirtualHostable(bucket)
        }
    }

    /// Signs for this attempt (a fresh date, and credentials that may have been refreshed).
    func sign<I, O>(_ target: Target, operation: AWSOperation<I, O>) async throws -> HTTPRequest {
        let credentials: AWSCredentials
        do {
            credentials = try await configuration.credentials.credentials()
        } catch let error as AWSClientError {
            throw error
        } catch {
            throw AWSClientError(.credentials, "\(error)", operation: operation.descriptor.description)
        }
        let service = operation.service
        let signer = SigV4Signer(
            service: service.signingName, region: region, pathRules: service.isS3 ? .s3 : .standard,
            sendsContentSHA256: service.isS3, keyCache: keyCache)
        let request = target.request
        let unsigned = operation.allowsUnsignedPayload && target.endpoint.scheme == "https"
        let signature = signer.sign(
            SigningRequest(
                method: request.method.rawValue, host: target.host, encodedPath: request.encodedPath,
                query: request.query, headers: request.headers, body: request.body),
            credentials: credentials, date: configuration.clock.now(), payload: unsigned ? .unsigned : .signed)
        let query = URIEncoding.canonicalQuery(request.query)
        let urlString =
            "\(target.endpoint.scheme)://\(target.host)\(request.encodedPath)"
            + (query.isEmpty ? "" : "?" + query)
        guard let url = URL(string: urlString) else {
            throw AWSClientError(
                .invalidRequest, "cannot form a URL from \(urlString)", operation: operation.descriptor.description)
        }
        return HTTPRequest(
            method: request.method, url: url, headers: request.headers + signature.headers, body: request.body)
    }

    /// One attempt, bounded by the request timeout whatever the transport does.
    func sendWithDeadline(_ request: HTTPRequest) async throws -> HTTPResponse {
        let transport = configuration.transport
        let timeouts = configuration.timeouts
        return try await Deadline.run(
            within: timeouts.request, executor: configuration.taskExecutor,
            timeoutError: { HTTPTransportError(.timedOut, "no response within \(timeouts.request)") }
        ) {
            try await transport.send(request, timeouts: timeouts)
        }
    }

    private func log(
        _ request: HTTPRequest, _ status: Int?, _ started: ContinuousClock.Instant, _ attempt: Int,
        error: HTTPTransportError? = nil
    ) {
        let logger = configuration.logger
        guard logger.logLevel <= .debug else { return }
        logger.debug(
            "\(request.method.rawValue) \(request.url.host ?? "")\(request.url.path)",
            metadata: [
                "status": "\(status.map(String.init) ?? "-")", "attempt": "\(attempt)",
                "duration": "\(ContinuousClock.now - started)", "headers": "\(Redaction.describe(request.headers))",
                "error": "\(error.map { "\($0)" } ?? "-")",
            ])
    }
}
