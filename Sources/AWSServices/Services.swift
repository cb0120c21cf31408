import AWSClient

/// The services the runtimes call, as botocore's models describe them (checked by AWSServicesTests).
extension AWSService {
    public static let ec2 = AWSService(
        modelName: "ec2", environmentName: "EC2", apiVersion: "2016-11-15", wireProtocol: .ec2Query)
    public static let rds = AWSService(
        modelName: "rds", environmentName: "RDS", apiVersion: "2014-10-31", wireProtocol: .query)
    public static let s3 = AWSService(
        modelName: "s3", environmentName: "S3", apiVersion: "2006-03-01", wireProtocol: .restXml)
    public static let lambda = AWSService(
        modelName: "lambda", environmentName: "LAMBDA", apiVersion: "2015-03-31", wireProtocol: .restJson1)
    public static let eks = AWSService(
        modelName: "eks", environmentName: "EKS", apiVersion: "2017-11-01", wireProtocol: .restJson1)
    public static let dynamoDB = AWSService(
        modelName: "dynamodb", environmentName: "DYNAMODB", apiVersion: "2012-08-10", wireProtocol: .awsJson1_0,
        targetPrefix: "DynamoDB_20120810")
    public static let eventBridge = AWSService(
        modelName: "events", environmentName: "EVENTBRIDGE", apiVersion: "2015-10-07", wireProtocol: .awsJson1_1,
        targetPrefix: "AWSEvents")
    public static let sns = AWSService(
        modelName: "sns", environmentName: "SNS", apiVersion: "2010-03-31", wireProtocol: .query)
    public static let sts = AWSService(
        modelName: "sts", environmentName: "STS", apiVersion: "2011-06-15", wireProtocol: .query)
    public static let bedrockRuntime = AWSService(
        modelName: "bedrock-runtime", signingName: "bedrock", endpointPrefix: "bedrock-runtime",
        environmentName: "BEDROCK_RUNTIME", apiVersion: "2023-09-30", wireProtocol: .restJson1)
}

/// Every operation defined in this module, for the model check and for tools that list them.
public enum AWSServiceCatalog {
    public static let operations: [AWSOperationDescriptor] =
        EC2.all + RDS.all + S3.all + Lambda.all + EKS.all + DynamoDB.all + EventBridge.all + SNS.all + STS.all
        + BedrockRuntime.all
}

/// A `Key`/`Value` tag, as EC2 (`key`/`value` in XML), RDS and S3 (`Key`/`Value`) send it.
public struct AWSTag: Codable, Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    enum CodingKeys: String, CodingKey { case key = "Key", value = "Value" }
}
