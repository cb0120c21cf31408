import Foundation

/// The SDKs' "standard" retry mode: a bounded number of attempts with exponential backoff and full jitter,
/// retrying throttling errors, transient server errors (5xx), 429 and transient network errors, never other 4xx.
public struct RetryPolicy: Sendable {
    /// Total attempts including the first (the SDK default is 3).
    public var maxAttempts: Int
    /// The backoff before retry *n* (1-based) is `random(0, 1) * min(maxBackoff, baseDelay * 2^(n-1))`.
    public var baseDelay: Duration
    public var maxBackoff: Duration
    /// Whether retries spend the client's `RetryQuota` (the standard mode's token bucket).
    public var usesQuota: Bool
    /// Uniform random number in [0, 1); injectable so tests can check the jitter bounds.
    public var random: @Sendable () -> Double

    public init(
        maxAttempts: Int = 3, baseDelay: Duration = .seconds(1), maxBackoff: Duration = .seconds(20),
        usesQuota: Bool = true, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.usesQuota = usesQuota
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxBackoff = maxBackoff
        self.random = random
    }

    public static let standard = RetryPolicy()

    /// The delay before retry number `retry` (1 for the first retry).
    public func delay(beforeRetry retry: Int) -> Duration {
        let exponent = min(retry - 1, 30)
        let ceiling = min(maxBackoff, baseDelay * (1 << exponent))
        return ceiling * random()
    }

    /// Error codes the SDKs treat as throttling.
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
        "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    /// Error codes that are transient whatever their status.
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "InternalServerError",
        "ServiceUnavailable", "IDPCommunicationError",
    ]

    /// Classifies a service error: (retryable, throttling).
    public static func classify(code: String, status: Int) -> (retryable: Bool, throttling: Bool) {
        if throttlingCodes.contains(code) || status == 429 { return (true, true) }
        if transientCodes.contains(code) { return (true, false) }
        return ([500, 502, 503, 504].contains(status), false)
    }
}

/// Waits between attempts; tests inject one that records the delays instead of sleeping.
public protocol AWSSleeper: Sendable {
    func sleep(for duration: Duration) async throws
}

/// Sleeps on the task's clock.
public struct TaskSleeper: AWSSleeper {
    public init() {}
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}

/// The wall clock, for signing dates and credential expiry.
public protocol AWSClock: Sendable {
    func now() -> Date
}

public struct SystemClock: AWSClock {
    public init() {}
    public func now() -> Date { Date() }
}
