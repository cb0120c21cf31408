import AWSClient
import AWSServices
import Foundation
import InfragenTestSupport
import Logging
import Testing

/// Operations moto does not implement (Bedrock Converse, RDS DescribeDBMajorEngineVersions, EKS
/// DescribeClusterVersions), against the loopback server answering in the documented format.
@Suite struct StubbedServiceTests {
    func client(_ server: LoopbackServer, observer: AWSCallRecorder? = nil, logger: Logger? = nil) -> AWSClient {
        var configuration = AWSClientConfiguration(
            region: "us-west-2",
            credentials: StaticCredentialProvider(
                .init(
                    accessKeyID: "AKIDSTUB", secretAccessKey: "stub-secret-value", sessionToken: "stub-session-token")),
            endpoints: EndpointResolver(environment: [
                "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": server.baseURL,
                "AWS_ENDPOINT_URL_RDS": server.baseURL,
                "AWS_ENDPOINT_URL_EKS": server.baseURL,
            ]),
            observer: observer)
        if let logger { configuration.logger = logger }
        return AWSClient(configuration)
    }

    @Test func bedrockConverse() async throws {
        let server = try LoopbackServer { _ in
            .json(
                #"{"output":{"message":{"role":"assistant","content":[{"text":"3 idle "},{"text":"volumes."}]}},"stopReason":"end_turn","usage":{"inputTokens":10,"outputTokens":4,"totalTokens":14},"metrics":{"latencyMs":5}}"#
            )
        }
        defer { server.stop() }
        let recorder = AWSCallRecorder()
        let output = try await client(server, observer: recorder).call(
            BedrockRuntime.converse,
            .init(
                modelId: "anthropic.claude-3-haiku-20240307-v1:0",
                messages: [.init(role: "user", content: [.init(text: "Summarise: é")])],
                system: [.init(text: "Be brief.")], inferenceConfig: .init(maxTokens: 300, temperature: 0.2)))
        #expect(output.text == "3 idle volumes.")
        #expect(output.usage?.totalTokens == 14)

        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse")
        #expect(request.header("Authorization")?.contains("/us-west-2/bedrock/aws4_request") == true)
        #expect(request.header("X-Amz-Security-Token") == "stub-session-token")
        let body = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
        #expect(body["modelId"] == nil)  // a path label, not a body member
        #expect((body["inferenceConfig"] as? [String: Any])?["maxTokens"] as? Int == 300)
        #expect(recorder.iamActions == ["bedrock:InvokeModel"])
        #expect(recorder.records.first?.pathLabels["modelId"] == "anthropic.claude-3-haiku-20240307-v1:0")
    }

    @Test func rdsMajorEngineVersions() async throws {
        let server = try LoopbackServer { _ in
            .text(
                """
                <DescribeDBMajorEngineVersionsResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
                  <DescribeDBMajorEngineVersionsResult><DBMajorEngineVersions>
                    <DBMajorEngineVersion><Engine>postgres</Engine><MajorEngineVersion>11</MajorEngineVersion>
                      <SupportedEngineLifecycles><SupportedEngineLifecycle>
                        <LifecycleSupportName>open-source-rds-standard-support</LifecycleSupportName>
                        <LifecycleSupportStartDate>2018-11-13T00:00:00Z</LifecycleSupportStartDate>
                        <LifecycleSupportEndDate>2024-02-29T23:59:59.999Z</LifecycleSupportEndDate>
                      </SupportedEngineLifecycle></SupportedEngineLifecycles>
                    </DBMajorEngineVersion></DBMajorEngineVersions>
                  </DescribeDBMajorEngineVersionsResult>
                  <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
                </DescribeDBMajorEngineVersionsResponse>
                """, contentType: "text/xml")
        }
        defer { server.stop() }
        let output = try await client(server).call(RDS.describeDBMajorEngineVersions, .init(engine: "postgres"))
        let version = try #require(output.versions?.first)
        #expect(version.majorEngineVersion == "11")
        #expect(version.lifecycles?.first?.name == "open-source-rds-standard-support")
        #expect(version.lifecycles?.first?.end == Date(timeIntervalSince1970: 1_709_251_199.999))
        #expect(
            server.requests.first?.bodyText == "Action=DescribeDBMajorEngineVersions&Version=2014-10-31&Engine=postgres"
        )
    }

    @Test func eksClusterVersions() async throws {
        let server = try LoopbackServer { _ in
            .json(
                #"{"clusterVersions":[{"clusterVersion":"1.24","releaseDate":1668643200,"endOfStandardSupportDate":1706659200,"endOfExtendedSupportDate":1738281600,"versionStatus":"EXTENDED_SUPPORT","status":"extended-support"}]}"#
            )
        }
        defer { server.stop() }
        let output = try await client(server).call(
            EKS.describeClusterVersions, .init(clusterVersions: ["1.24", "1.25"], includeAll: true))
        #expect(output.clusterVersions?.first?.endOfStandardSupportDate == Date(timeIntervalSince1970: 1_706_659_200))
        #expect(output.clusterVersions?.first?.versionStatus == "EXTENDED_SUPPORT")
        let request = try #require(server.requests.first)
        #expect(request.method == "GET")
        #expect(request.path == "/cluster-versions")
        #expect(request.query == "clusterVersions=1.24&clusterVersions=1.25&includeAll=true")
    }

    /// Debug logs show each attempt, never the secret, the session token or the signature.
    @Test func logsAreRedacted() async throws {
        let server = try LoopbackServer { _ in .json(#"{"clusters":[]}"#) }
        defer { server.stop() }
        let sink = LogSink()
        var logger = Logger(label: "test") { _ in sink }
        logger.logLevel = .debug
        _ = try await client(server, logger: logger).call(EKS.listClusters, .init())
        let lines = sink.lines.joined(separator: "\n")
        #expect(lines.contains("GET 127.0.0.1/clusters"))
        #expect(lines.contains("Authorization: <redacted>"))
        let signature = try #require(
            server.requests.first?.header("Authorization")?.components(separatedBy: "Signature=").last)
        for secret in ["stub-secret-value", "stub-session-token", signature] {
            #expect(!lines.contains(secret))
        }
    }
}

/// Collects formatted log lines.
final class LogSink: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var lines: [String] { lock.withLock { stored } }
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let text = "\(event.level) \(event.message) \(event.metadata.map { "\($0)" } ?? "")"
        lock.withLock { stored.append(text) }
    }
}
