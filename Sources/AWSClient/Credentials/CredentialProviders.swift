import AWSSigV4
import Foundation

/// A source of credentials. Providers that hand out temporary credentials refresh them before they expire.
public protocol AWSCredentialProvider: Sendable {
    func credentials() async throws -> AWSCredentials
}

/// Fixed credentials (tests, or keys obtained elsewhere).
public struct StaticCredentialProvider: AWSCredentialProvider {
    public let value: AWSCredentials
    public init(_ value: AWSCredentials) { self.value = value }
    public func credentials() async throws -> AWSCredentials { value }
}

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`: what Lambda injects into a function.
public struct EnvironmentCredentialProvider: AWSCredentialProvider {
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func credentials() async throws -> AWSCredentials {
        guard let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty,
            let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty
        else {
            throw AWSClientError(.credentials, "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set")
        }
        let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token)
    }
}

/// Tries each provider in turn and uses the first that answers; remembers which one did.
public final class CredentialProviderChain: AWSCredentialProvider, @unchecked Sendable {
    // @unchecked: `chosen` is guarded by `lock`; providers are immutable.
    private let providers: [any AWSCredentialProvider]
    private let lock = NSLock()
    private var chosen: (any AWSCredentialProvider)?

    public init(_ providers: [any AWSCredentialProvider]) { self.providers = providers }

    /// Environment, then the shared files with `AWS_PROFILE` (default `default`).
    public static func standard(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> CredentialProviderChain {
        CredentialProviderChain([
            EnvironmentCredentialProvider(environment: environment),
            ProfileCredentialProvider(environment: environment),
        ])
    }

    public func credentials() async throws -> AWSCredentials {
        if let provider = lock.withLock({ chosen }) { return try await provider.credentials() }
        var failures: [String] = []
        for provider in providers {
            do {
                let value = try await provider.credentials()
                lock.withLock { chosen = provider }
                return value
            } catch {
                failures.append("\(type(of: provider)): \(error)")
            }
        }
        throw AWSClientError(.credentials, "no credentials found; tried " + failures.joined(separator: "; "))
    }
}

/// Wraps a provider of temporary credentials: caches them and fetches new ones `refreshMargin` before expiry,
/// with one fetch in flight however many callers wait.
public actor RefreshingCredentialProvider: AWSCredentialProvider {
    private let fetch: @Sendable () async throws -> AWSCredentials
    private let clock: any AWSClock
    private let refreshMargin: TimeInterval
    private var cached: AWSCredentials?
    private var inFlight: Task<AWSCredentials, Error>?

    public init(
        refreshMargin: TimeInterval = 300, clock: any AWSClock = SystemClock(),
        fetch: @escaping @Sendable () async throws -> AWSCredentials
    ) {
        self.fetch = fetch
        self.clock = clock
        self.refreshMargin = refreshMargin
    }

    public func credentials() async throws -> AWSCredentials {
        if let cached, !cached.expires(within: refreshMargin, of: clock.now()) { return cached }
        if let inFlight { return try await inFlight.value }
        let task = Task { try await fetch() }
        inFlight = task
        defer { inFlight = nil }
        let fresh = try await task.value
        cached = fresh
        return fresh
    }
}
