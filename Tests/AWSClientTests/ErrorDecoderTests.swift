import Foundation
import InfragenTestSupport
import Testing

@testable import AWSClient

/// Error bodies per protocol: captured from moto (`tools/capture-error-fixtures.py`, with botocore's parse as the
/// expected answer) and the documented AWS forms moto does not produce.
@Suite struct ErrorDecoderTests {
    struct Captured: Decodable, Sendable, CustomTestStringConvertible {
        var name, `protocol`, body, expectedCode, expectedMessage: String
        var status: Int
        var headers: [String: String]
        var testDescription: String { name }
    }

    static let captured: [Captured] =
        (try? JSONDecoder().decode(
            [Captured].self,
            from: Data(contentsOf: RepoPaths.file("Tests/AWSClientTests/Fixtures/captured-errors.json")))) ?? []

    @Test func capturedFixturesCoverEveryProtocol() {
        #expect(Set(Self.captured.map(\.protocol)) == ["json1.0", "json1.1", "rest-json", "query", "ec2", "rest-xml"])
    }

    @Test(arguments: captured)
    func agreesWithBotocore(_ fixture: Captured) throws {
        let wire = try #require(AWSProtocol.allCases.first { $0.rawValue == fixture.protocol })
        let fields = ErrorDecoder.decode(
            HTTPResponse(status: fixture.status, headers: fixture.headers, body: Data(fixture.body.utf8)),
            protocol: wire)
        #expect(fields.code == fixture.expectedCode)
        #expect(fields.message == fixture.expectedMessage)
    }

    struct Documented: Sendable, CustomTestStringConvertible {
        var name: String
        var status: Int
        var headers: [String: String]
        var body: String
        var code: String
        var message: String
        var requestID: String?
        var retryable: Bool
        var throttling: Bool
        var testDescription: String { name }
    }

    static let documented: [Documented] = [
        Documented(
            name: "DynamoDB throughput exceeded", status: 400, headers: ["x-amzn-RequestId": "DDB-1"],
            body:
                #"{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"The level of configured provisioned throughput for the table was exceeded."}"#,
            code: "ProvisionedThroughputExceededException",
            message: "The level of configured provisioned throughput for the table was exceeded.", requestID: "DDB-1",
            retryable: true, throttling: true),
        Documented(
            name: "Lambda 429 with error type header", status: 429,
            headers: [
                "X-Amzn-ErrorType": "TooManyRequestsException:http://internal.amazon.com/coral/com.amazonaws.lambda/"
            ],
            body: #"{"Type":"User","message":"Rate Exceeded.","Reason":"CallerRateLimitExceeded"}"#,
            code: "TooManyRequestsException", message: "Rate Exceeded.", requestID: nil, retryable: true,
            throttling: true),
        Documented(
            name: "Bedrock throttling, message only in body", status: 429,
            headers: ["x-amzn-ErrorType": "ThrottlingException", "x-amzn-RequestId": "BR-9"],
            body: #"{"message":"Too many requests, please wait before trying again."}"#, code: "ThrottlingException",
            message: "Too many requests, please wait before trying again.", requestID: "BR-9", retryable: true,
            throttling: true),
        Documented(
            name: "query throttling (SNS)", status: 400, headers: [:],
            body: "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type>"
                + "<Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>sns-1</RequestId></ErrorResponse>",
            code: "Throttling", message: "Rate exceeded", requestID: "sns-1", retryable: true, throttling: true),
        Documented(
            name: "S3 SlowDown", status: 503, headers: ["x-amz-request-id": "S3REQ"],
            body: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your "
                + "request rate.</Message><RequestId>S3REQ</RequestId><HostId>h</HostId></Error>",
            code: "SlowDown", message: "Please reduce your request rate.", requestID: "S3REQ", retryable: true,
            throttling: true),
        Documented(
            name: "S3 HEAD 404 without body", status: 404, headers: ["x-amz-request-id": "HEAD1"], body: "",
            code: "NotFound", message: "HTTP 404 with no error body", requestID: "HEAD1", retryable: false,
            throttling: false),
        Documented(
            name: "moto auth failure in XML on a JSON service", status: 403, headers: [:],
            body: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse><Errors><Error><Code>InvalidClientTokenId"
                + "</Code><Message>The security token included in the request is invalid.</Message></Error></Errors>"
                + "<RequestId>m-1</RequestId></ErrorResponse>",
            code: "InvalidClientTokenId", message: "The security token included in the request is invalid.",
            requestID: "m-1", retryable: false, throttling: false),
        Documented(
            name: "EC2 internal error", status: 500, headers: [:],
            body: "<Response><Errors><Error><Code>InternalError</Code><Message>An internal error has occurred"
                + "</Message></Error></Errors><RequestID>ec2-9</RequestID></Response>",
            code: "InternalError", message: "An internal error has occurred", requestID: "ec2-9", retryable: true,
            throttling: false),
        Documented(
            name: "validation error is final", status: 400, headers: [:],
            body: #"{"__type":"com.amazon.coral.validate#ValidationException","message":"bad"}"#,
            code: "ValidationException", message: "bad", requestID: nil, retryable: false, throttling: false),
    ]

    @Test(arguments: documented)
    func documentedForms(_ fixture: Documented) {
        let fields = ErrorDecoder.decode(
            HTTPResponse(status: fixture.status, headers: fixture.headers, body: Data(fixture.body.utf8)),
            protocol: .awsJson1_0)
        #expect(fields.code == fixture.code)
        #expect(fields.message == fixture.message)
        #expect(fields.requestID == fixture.requestID)
        let (retryable, throttling) = RetryPolicy.classify(code: fields.code, status: fixture.status)
        #expect(retryable == fixture.retryable)
        #expect(throttling == fixture.throttling)
    }
}
