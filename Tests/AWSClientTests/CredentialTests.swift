import AWSSigV4
import Foundation
import InfragenTestSupport
import Testing

@testable import AWSClient

@Suite struct CredentialTests {
    @Test func environmentWithSessionToken() async throws {
        let credentials = try await EnvironmentCredentialProvider(environment: [
            "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "SECRET", "AWS_SESSION_TOKEN": "TOKEN",
        ]).credentials()
        #expect(credentials == AWSCredentials(accessKeyID: "AKID", secretAccessKey: "SECRET", sessionToken: "TOKEN"))
        await #expect(throws: AWSClientError.self) {
            try await EnvironmentCredentialProvider(environment: ["AWS_ACCESS_KEY_ID": "AKID"]).credentials()
        }
    }

    @Test func sharedFilesWithProfile() async throws {
        let directory = try RepoPaths.scratchDirectory("aws-profile")
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
        [default]
        aws_access_key_id = DEFAULTKEY
        aws_secret_access_key = defaultsecret
        # a comment
        [scanner]
        aws_access_key_id=SCANKEY
        aws_secret_access_key = scan/secret+x=
        aws_session_token = scantoken
        """.write(to: directory.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
        try """
        [default]
        region = us-east-1
        [profile scanner]
        region = eu-west-1
        [profile config-only]
        aws_access_key_id = CFGKEY
        aws_secret_access_key = cfgsecret
        """.write(to: directory.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let environment = [
            "HOME": directory.path, "AWS_SHARED_CREDENTIALS_FILE": directory.appendingPathComponent("credentials").path,
            "AWS_CONFIG_FILE": directory.appendingPathComponent("config").path,
        ]
        let scanner = ProfileCredentialProvider(environment: environment.merging(["AWS_PROFILE": "scanner"]) { $1 })
        #expect(
            try await scanner.credentials()
                == AWSCredentials(accessKeyID: "SCANKEY", secretAccessKey: "scan/secret+x=", sessionToken: "scantoken"))
        #expect(scanner.region() == "eu-west-1")
        #expect(try await ProfileCredentialProvider(environment: environment).credentials().accessKeyID == "DEFAULTKEY")
        #expect(
            try await ProfileCredentialProvider(environment: environment, profile: "config-only").credentials()
                .accessKeyID == "CFGKEY")
        await #expect(throws: AWSClientError.self) {
            try await ProfileCredentialProvider(environment: environment, profile: "absent").credentials()
        }
        // The chain: environment first, then the profile.
        let chain = CredentialProviderChain.standard(
            environment: environment.merging(["AWS_PROFILE": "scanner"]) { $1 })
        #expect(try await chain.credentials().accessKeyID == "SCANKEY")
        let withEnv = CredentialProviderChain.standard(
            environment: environment.merging([
                "AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "envsecret",
            ]) { $1 })
        #expect(try await withEnv.credentials().accessKeyID == "ENVKEY")
        let configuration = try AWSClientConfiguration.fromEnvironment(
            environment.merging(["AWS_PROFILE": "scanner"]) { $1 })
        #expect(configuration.region == "eu-west-1")
    }

    final class FakeClock: AWSClock, @unchecked Sendable {
        private let lock = NSLock()
        private var current = Date(timeIntervalSince1970: 1_000_000)
        func now() -> Date { lock.withLock { current } }
        func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
    }

    @Test func refreshingProviderRefreshesBeforeExpiryAndOnlyOnce() async throws {
        let clock = FakeClock()
        let fetches = Counter()
        let provider = RefreshingCredentialProvider(refreshMargin: 300, clock: clock) {
            let n = fetches.increment()
            try await Task.sleep(for: .milliseconds(20))
            return AWSCredentials(
                accessKeyID: "KEY\(n)", secretAccessKey: "s", sessionToken: "t",
                expiration: clock.now().addingTimeInterval(3600))
        }
        // Ten concurrent callers share one fetch.
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<10 { group.addTask { try await provider.credentials().accessKeyID } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(keys) == ["KEY1"])
        clock.advance(3000)  // 600 s left: still fresh
        #expect(try await provider.credentials().accessKeyID == "KEY1")
        clock.advance(400)  // 200 s left: inside the margin
        #expect(try await provider.credentials().accessKeyID == "KEY2")
        #expect(fetches.value == 2)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }
}
