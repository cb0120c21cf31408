import Crypto
import Foundation
import Testing

@testable import AWSSigV4

/// Published examples with fixed keys and dates: AWS's SigV4 test suite (`get-vanilla`) and the S3 developer guide.
@Suite struct SigV4KnownAnswerTests {
    let exampleKey = AWSCredentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

    @Test func getVanilla() {
        let signer = SigV4Signer(service: "service", region: "us-east-1")
        let request = SigningRequest(method: "GET", host: "example.amazonaws.com", encodedPath: "/")
        let signature = signer.sign(request, credentials: exampleKey, date: Date(timeIntervalSince1970: 1_440_938_160))
        #expect(
            signature.authorization == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                + "aws4_request, SignedHeaders=host;x-amz-date, "
                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        #expect(signature.headers.first?.value == "20150830T123600Z")
    }

    /// "GET Object" from the S3 SigV4 header-signing examples (Range header, empty payload hash).
    @Test func s3GetObjectExample() {
        let signer = SigV4Signer(service: "s3", region: "us-east-1", pathRules: .s3, sendsContentSHA256: true)
        let request = SigningRequest(
            method: "GET", host: "examplebucket.s3.amazonaws.com", encodedPath: "/test.txt",
            headers: [("Range", "bytes=0-9")])
        let credentials = AWSCredentials(
            accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
        let signature = signer.sign(request, credentials: credentials, date: Date(timeIntervalSince1970: 1_369_353_600))
        #expect(signature.signature == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(signature.authorization.contains("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"))
    }

    @Test func sessionTokenIsSignedAndSent() {
        var credentials = exampleKey
        credentials.sessionToken = "token/with+chars="
        let signer = SigV4Signer(service: "sts", region: "us-east-1")
        let signature = signer.sign(
            SigningRequest(method: "POST", host: "sts.amazonaws.com", encodedPath: "/"), credentials: credentials,
            date: Date(timeIntervalSince1970: 0))
        #expect(signature.headers.map(\.name) == ["X-Amz-Date", "X-Amz-Security-Token", "Authorization"])
        #expect(signature.canonicalRequest.contains("\nx-amz-security-token:token/with+chars=\n"))
        #expect(signature.authorization.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"))
    }

    @Test func unsignedPayloadReplacesTheBodyHash() {
        let signer = SigV4Signer(service: "s3", region: "us-east-1", pathRules: .s3, sendsContentSHA256: true)
        let request = SigningRequest(method: "PUT", host: "b.s3.amazonaws.com", encodedPath: "/k", body: Data("x".utf8))
        let unsigned = signer.sign(
            request, credentials: exampleKey, date: Date(timeIntervalSince1970: 0), payload: .unsigned)
        let signed = signer.sign(request, credentials: exampleKey, date: Date(timeIntervalSince1970: 0))
        #expect(unsigned.canonicalRequest.hasSuffix("\nUNSIGNED-PAYLOAD"))
        #expect(signed.canonicalRequest.hasSuffix("\n" + SigV4Signer.hex(Array(Data("x".utf8)).sha256ForTest)))
        #expect(unsigned.signature != signed.signature)
    }

    @Test(arguments: [
        (0.0, "19700101T000000Z"), (951_782_400, "20000229T000000Z"), (1_709_251_199, "20240229T235959Z"),
        (4_102_444_799, "20991231T235959Z"),
    ])
    func timestampFormatting(seconds: Double, expected: String) {
        #expect(AmzDate.format(Date(timeIntervalSince1970: seconds)).timestamp == expected)
    }

    @Test func credentialsDescriptionRedactsSecrets() {
        let credentials = AWSCredentials(accessKeyID: "AKID", secretAccessKey: "SECRET", sessionToken: "TOKEN")
        #expect(!credentials.description.contains("SECRET"))
        #expect(!credentials.description.contains("TOKEN"))
    }
}

extension Array where Element == UInt8 {
    var sha256ForTest: [UInt8] { Array(SHA256.hash(data: self)) }
}

@Suite struct SigningKeyCacheTests {
    /// The cached path (prepared HMAC states) must sign exactly like the plain one, across days and secrets.
    @Test func cachedSigningMatchesUncached() {
        let cache = SigningKeyCache()
        let request = SigningRequest(
            method: "POST", host: "dynamodb.us-east-1.amazonaws.com", encodedPath: "/",
            headers: [("Content-Type", "application/x-amz-json-1.0")], body: Data("{}".utf8))
        let long = String(repeating: "k", count: 100)  // a secret longer than the SHA-256 block
        for secret in ["s1", "s2", long] {
            for day: Double in [0, 86_400, 172_800] {
                let credentials = AWSCredentials(accessKeyID: "AKID", secretAccessKey: secret)
                let plain = SigV4Signer(service: "dynamodb", region: "us-east-1")
                var cached = plain
                cached.keyCache = cache
                let date = Date(timeIntervalSince1970: day)
                #expect(
                    cached.sign(request, credentials: credentials, date: date).signature
                        == plain.sign(request, credentials: credentials, date: date).signature)
            }
        }
    }
}
