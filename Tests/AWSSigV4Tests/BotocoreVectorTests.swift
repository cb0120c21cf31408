import Foundation
import InfragenTestSupport
import Testing

@testable import AWSSigV4

/// The committed vectors come from `tools/sigv4-vectors.py`, i.e. from botocore's `SigV4Auth`/`S3SigV4Auth`.
@Suite struct BotocoreVectorTests {
    struct Fixture: Decodable {
        var accessKeyID: String
        var secretAccessKey: String
        var vectors: [Vector]
    }

    struct Vector: Decodable, CustomTestStringConvertible {
        struct Expected: Decodable {
            var canonicalRequest: String
            var stringToSign: String
            var headers: [String: String]
        }
        var name, service, region, method, host, encodedPath: String
        var query: [[String]]
        var headers: [[String]]
        var bodyBase64: String
        var s3, unsigned: Bool
        var token: String?
        var epochSeconds: Double
        var expected: Expected
        var testDescription: String { name }
    }

    static let fixturePath = "Tests/AWSSigV4Tests/Fixtures/sigv4-vectors.json"

    static func load() throws -> Fixture {
        try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: RepoPaths.file(fixturePath)))
    }

    static let vectors: [Vector] = (try? load().vectors) ?? []

    @Test func fixtureHasEnoughCases() throws {
        #expect(try Self.load().vectors.count >= 25)
    }

    @Test(arguments: vectors)
    func matchesBotocore(_ vector: Vector) throws {
        let fixture = try Self.load()
        let signer = SigV4Signer(
            service: vector.service, region: vector.region, pathRules: vector.s3 ? .s3 : .standard,
            sendsContentSHA256: vector.s3)
        let request = SigningRequest(
            method: vector.method, host: vector.host, encodedPath: vector.encodedPath,
            query: vector.query.map { ($0[0], $0[1]) }, headers: vector.headers.map { ($0[0], $0[1]) },
            body: try #require(Data(base64Encoded: vector.bodyBase64)))
        let credentials = AWSCredentials(
            accessKeyID: fixture.accessKeyID, secretAccessKey: fixture.secretAccessKey, sessionToken: vector.token)
        let signature = signer.sign(
            request, credentials: credentials, date: Date(timeIntervalSince1970: vector.epochSeconds),
            payload: vector.unsigned ? .unsigned : .signed)
        #expect(signature.canonicalRequest == vector.expected.canonicalRequest)
        #expect(signature.stringToSign == vector.expected.stringToSign)
        #expect(
            Dictionary(uniqueKeysWithValues: signature.headers.map { ($0.name, $0.value) }) == vector.expected.headers)
    }

    static var botocoreAvailable: Bool {
        (try? Subprocess.run(["python3", "-c", "import botocore.auth"]).succeeded) ?? false
    }

    /// Re-runs the oracle: the committed fixture must be exactly what botocore produces today.
    @Test(.enabled(if: botocoreAvailable, "python3 with botocore is not on PATH"))
    func fixtureIsWhatBotocoreProduces() throws {
        let result = try Subprocess.run(["python3", RepoPaths.file("tools/sigv4-vectors.py").path])
        #expect(result.succeeded, "\(result.stderr)")
        let committed = try String(contentsOf: RepoPaths.file(Self.fixturePath), encoding: .utf8)
        #expect(result.stdout == committed, "regenerate with: python3 tools/sigv4-vectors.py > \(Self.fixturePath)")
    }
}
