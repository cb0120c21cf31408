import Testing

@testable import AWSClient

@Suite struct EndpointTests {
    let dynamo = TestService.service(.awsJson1_0, signingName: "dynamodb")
    let s3 = AWSService(
        modelName: "s3", environmentName: "S3", apiVersion: "2006-03-01", wireProtocol: .restXml)

    @Test func regionalDefaults() throws {
        let resolver = EndpointResolver(environment: [:])
        #expect(
            try resolver.endpoint(for: dynamo, region: "eu-west-1").urlPrefix
                == "https://dynamodb.eu-west-1.amazonaws.com")
        #expect(try resolver.endpoint(for: dynamo, region: "cn-north-1").host == "dynamodb.cn-north-1.amazonaws.com.cn")
        #expect(try resolver.endpoint(for: s3, region: "us-east-1").host == "s3.amazonaws.com")
        #expect(try resolver.endpoint(for: s3, region: "eu-central-1").host == "s3.eu-central-1.amazonaws.com")
        #expect(EndpointResolver.partition(region: "cn-north-1") == "aws-cn")
        #expect(EndpointResolver.partition(region: "us-gov-west-1") == "aws-us-gov")
    }

    @Test func environmentOverrides() throws {
        let resolver = EndpointResolver(environment: [
            "AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "AWS_ENDPOINT_URL_DYNAMODB": "http://localhost:8000/ddb/",
        ])
        let ddb = try resolver.endpoint(for: dynamo, region: "us-east-1")
        #expect(ddb.urlPrefix == "http://localhost:8000/ddb")
        #expect(ddb.isCustom)
        let other = try resolver.endpoint(for: s3, region: "us-east-1")
        #expect(other.hostHeader == "127.0.0.1:5000")
        let ignored = EndpointResolver(environment: [
            "AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true",
        ])
        #expect(try ignored.endpoint(for: s3, region: "us-east-1").isCustom == false)
    }

    @Test(arguments: ["not a url", "ftp://host", "http://"])
    func invalidOverridesAreEndpointErrors(_ value: String) {
        #expect(throws: AWSClientError.self) {
            try EndpointResolver(environment: ["AWS_ENDPOINT_URL": value]).endpoint(for: dynamo, region: "us-east-1")
        }
    }

    @Test func defaultPortsAreLeftOutOfTheHostHeader() {
        #expect(AWSEndpoint(scheme: "https", host: "h", port: 443, isCustom: true, basePath: "").hostHeader == "h")
        #expect(AWSEndpoint(scheme: "http", host: "h", port: 8080, isCustom: true, basePath: "").hostHeader == "h:8080")
    }

    @Test(arguments: [
        ("my-bucket", true), ("my.bucket", false), ("My-Bucket", false), ("ab", false), ("-abc", false),
        ("abc-", false), ("a--b", false),
    ])
    func virtualHostableBuckets(name: String, expected: Bool) {
        #expect(EndpointResolver.isVirtualHostable(name) == expected)
    }

    @Test func s3AddressingOnAWSAndOnACustomEndpoint() throws {
        let operation = AWSOperation<TestService.PathInput, AWSEmpty>(
            service: s3, name: "GetObject", method: .get, requestURI: "/{Bucket}/{Key+}", iamAction: "s3:GetObject",
            resourceARN: nil)
        let input = TestService.PathInput(bucket: "my-bucket", key: "a/b.txt")
        let encoded = try RequestEncoder.encode(input, for: operation)
        func target(_ environment: [String: String], _ style: S3AddressingStyle = .automatic) throws -> String {
            let client = AWSClient(
                AWSClientConfiguration(
                    region: "eu-west-1",
                    credentials: StaticCredentialProvider(.init(accessKeyID: "a", secretAccessKey: "b")),
                    endpoints: EndpointResolver(environment: environment, s3Addressing: style)))
            let resolved = try client.resolve(encoded, operation: operation, input: input)
            return resolved.host + resolved.request.encodedPath
        }
        #expect(try target([:]) == "my-bucket.s3.eu-west-1.amazonaws.com/a/b.txt")
        #expect(try target([:], .path) == "s3.eu-west-1.amazonaws.com/my-bucket/a/b.txt")
        #expect(try target(["AWS_ENDPOINT_URL": "http://127.0.0.1:9000"]) == "127.0.0.1:9000/my-bucket/a/b.txt")
    }
}
