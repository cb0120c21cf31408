import AWSClient
import AWSClientURLSession
import AWSServices
import AWSSigV4
import Foundation

/// The HTTP transports the bench compares.
let benchTransports: [(name: String, transport: any HTTPTransport)] = [
    ("async-http-client", AsyncHTTPClientTransport.shared), ("urlsession", URLSessionTransport()),
]

func client(endpoint: String, transport: any HTTPTransport) -> AWSClient {
    AWSClient(
        AWSClientConfiguration(
            region: "us-east-1",
            credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing")),
            endpoints: EndpointResolver(environment: ["AWS_ENDPOINT_URL": endpoint]), transport: transport))
}

/// encode + sign + send + decode of a DynamoDB `PutItem` to a trivial loopback server in another process: the
/// client's CPU per request with each transport, nearly all of it the transport's once encode + sign (~30–50 µs)
/// is subtracted.
enum LoopbackRoundTrips {
    static func run(iterations: Int, putItem: DynamoDB.PutItemInput) async throws {
        guard let server = PythonServer(script: "bench/loopback-json-server.py", purpose: "loopback round trips")
        else { return }
        defer { server.stop() }
        let requests = max(200, iterations / 5)
        print("against a loopback HTTP server in another process (\(requests) requests, best of 3 rounds):")
        for (name, transport) in benchTransports {
            let client = client(endpoint: server.endpoint, transport: transport)
            report(
                "send PutItem   \(name)",
                try await measure(requests, rounds: 3, batch: 20) {
                    _ = try await client.call(DynamoDB.putItem, putItem)
                })
        }
    }
}

/// Round trips against a local moto (started through `tools/moto-launcher.py`), to put the client's overhead next
/// to a real HTTP exchange. Skipped, with a note, when python3 with moto is not available.
enum MotoRoundTrips {
    static func run(iterations: Int) async throws {
        guard let server = PythonServer(script: "moto-launcher.py", purpose: "moto round trips") else { return }
        defer { server.stop() }
        let rounds = max(1, iterations / 20)
        print("against moto on 127.0.0.1:\(server.port) (\(rounds) requests each; moto's own time dominates):")
        for (name, transport) in benchTransports {
            let client = client(endpoint: server.endpoint, transport: transport)
            report(
                "round trip     STS GetCallerIdentity  \(name)",
                try await measure(rounds, rounds: 1, batch: 1) { _ = try await client.call(STS.getCallerIdentity) })
            report(
                "round trip     EC2 DescribeRegions    \(name)",
                try await measure(rounds, rounds: 1, batch: 1) {
                    _ = try await client.call(EC2.describeRegions, .init())
                })
            report(
                "round trip     S3 ListBuckets         \(name)",
                try await measure(rounds, rounds: 1, batch: 1) { _ = try await client.call(S3.listBuckets, .init()) })
        }
    }
}
