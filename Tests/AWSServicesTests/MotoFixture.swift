import AWSClient
import AWSServices
import AWSSigV4
import Foundation
import InfragenTestSupport
import Logging

/// One moto server for the round-trip suites (started on first use, stopped when the test process exits), a
/// client pointed at it through `AWS_ENDPOINT_URL`, and boto3 for setting up state the runtimes only read.
enum MotoFixture {
    static let shared: Result<MotoServer, Error> = Result { try MotoServer() }

    static func server() throws -> MotoServer { try shared.get() }

    static func client(
        _ server: MotoServer, region: String = "us-east-1", credentials: AWSCredentials = .moto,
        retry: RetryPolicy = RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10)),
        transport: any HTTPTransport = AsyncHTTPClientTransport.shared
    ) -> AWSClient {
        AWSClient(
            AWSClientConfiguration(
                region: region, credentials: StaticCredentialProvider(credentials),
                endpoints: EndpointResolver(environment: ["AWS_ENDPOINT_URL": server.endpoint]), transport: transport,
                retry: retry))
    }

    /// Runs Python with `client(name)` returning a boto3 client on the server; fails the test with its stderr.
    @discardableResult
    static func boto(_ server: MotoServer, _ script: String, region: String = "us-east-1") throws -> String {
        let prelude = """
            import boto3, io, json, zipfile
            def client(name, region=\(region.debugDescription), **kw):
                return boto3.client(name, endpoint_url=\(server.endpoint.debugDescription), region_name=region,
                    aws_access_key_id=kw.pop('key', 'testing'), aws_secret_access_key=kw.pop('secret', 'testing'), **kw)

            """
        let result = try Subprocess.run(["python3", "-c", prelude + script])
        guard result.succeeded else { throw SetupFailure(description: "boto3 setup failed:\n\(result.stderr)") }
        return result.stdout
    }

    struct SetupFailure: Error, CustomStringConvertible { var description: String }
}

extension AWSCredentials {
    static let moto = AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing")
}
