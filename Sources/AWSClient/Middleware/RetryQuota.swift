import Foundation

/// The standard retry mode's token bucket: each retry spends tokens (5, or 10 after a timeout) and a success gives
/// back what its retries spent (or 1 when it needed none). When the bucket runs dry the client stops retrying, so
/// a struggling service is not hit by three times the traffic. One bucket per client, shared by its copies.
public final class RetryQuota: @unchecked Sendable {
    // @unchecked: `tokens` is guarded by `lock`.
    public static let capacity = 500
    public static let retryCost = 5
    public static let timeoutRetryCost = 10

    private let lock = NSLock()
    private var tokens: Int

    public init(tokens: Int = RetryQuota.capacity) { self.tokens = tokens }

    public var available: Int { lock.withLock { tokens } }

    /// Takes the cost of one retry; nil when the bucket cannot pay (then do not retry).
    func acquire(afterTimeout: Bool) -> Int? {
        let cost = afterTimeout ? Self.timeoutRetryCost : Self.retryCost
        return lock.withLock {
            guard tokens >= cost else { return nil }
            tokens -= cost
            return cost
        }
    }

    /// A call succeeded: refund what its retries took, or 1.
    func succeeded(spent: Int) {
        lock.withLock { tokens = min(Self.capacity, tokens + (spent > 0 ? spent : 1)) }
    }
}
