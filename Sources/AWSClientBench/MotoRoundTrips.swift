import AWSClient
import AWSServices
import AWSSigV4
import Foundation

/// Round trips against a local moto (started through `tools/moto-launcher.py`), to put the client's overhead next
/// to a real HTTP exchange. Skipped, with a note, when python3 with moto is not available.
enum MotoRoundTrips {
    static func run(iterations: Int) async throws {
        let launcher = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("tools/moto-launcher.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", launcher.path]
        let output = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            print("moto round trips skipped: cannot start python3 (\(error))")
            return
        }
        defer {
            try? input.fileHandleForWriting.close()  // the launcher exits when its stdin closes
            process.waitUntilExit()
        }
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            print("moto round trips skipped: the launcher printed \(text.debugDescription)")
            return
        }
        let client = AWSClient(
            AWSClientConfiguration(
                region: "us-east-1",
                credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing")),
                endpoints: EndpointResolver(environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:\(port)"])))
        let rounds = max(1, iterations / 20)
        print("against moto on 127.0.0.1:\(port) (\(rounds) requests each; moto's own time dominates):")
        report(
            "round trip     STS GetCallerIdentity (query)",
            try await measure(rounds, rounds: 1, batch: 1) { _ = try await client.call(STS.getCallerIdentity) })
        report(
            "round trip     EC2 DescribeRegions (ec2)",
            try await measure(rounds, rounds: 1, batch: 1) {
                _ = try await client.call(EC2.describeRegions, .init())
            })
        report(
            "round trip     S3 ListBuckets (restXml)",
            try await measure(rounds, rounds: 1, batch: 1) { _ = try await client.call(S3.listBuckets, .init()) })
    }
}
