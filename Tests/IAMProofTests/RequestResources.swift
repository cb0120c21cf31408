import AWSClient
import Foundation

/// The resources a recorded request acts on, as IAM names them in its authorization context (the AWS Service
/// Authorization Reference's resource types), read from the request itself, not from the policy under test.
enum RequestResources {
    struct Unknown: Error, CustomStringConvertible { var description: String }

    static func of(_ record: AWSCallRecorder.Record, account: String) throws -> [String] {
        let region = record.region
        let action = record.operation.iamAction
        guard let request = record.request else { throw Unknown(description: "\(action): the request was not kept") }
        switch action {
        case "dynamodb:BatchWriteItem":
            let tables = (try json(request)["RequestItems"] as? [String: Any] ?? [:]).keys.sorted()
            return tables.map { "arn:aws:dynamodb:\(region):\(account):table/\($0)" }
        case "dynamodb:PutItem", "dynamodb:Query":
            let body = try json(request)
            let table = "arn:aws:dynamodb:\(region):\(account):table/\(body["TableName"] as? String ?? "?")"
            return [(body["IndexName"] as? String).map { "\(table)/index/\($0)" } ?? table]
        case "events:PutEvents":
            let entries = try json(request)["Entries"] as? [[String: Any]] ?? []
            return Set(entries.map { $0["EventBusName"] as? String ?? "default" }).sorted().map {
                $0.hasPrefix("arn:") ? $0 : "arn:aws:events:\(region):\(account):event-bus/\($0)"
            }
        case "sns:Publish":
            return [form(request)["TopicArn"] ?? "?"]
        case "sts:AssumeRole":
            return [form(request)["RoleArn"] ?? "?"]
        case "rds:DescribeDBInstances":
            // Without an identifier the request is authorised against every instance of the account and region.
            return ["arn:aws:rds:\(region):\(account):db:\(form(request)["DBInstanceIdentifier"] ?? "*")"]
        case "eks:DescribeCluster":
            return ["arn:aws:eks:\(region):\(account):cluster/\(record.pathLabels["name"] ?? "?")"]
        case "bedrock:InvokeModel":
            return ["arn:aws:bedrock:\(region)::foundation-model/\(record.pathLabels["modelId"] ?? "?")"]
        case _ where action.hasPrefix("s3:") && record.pathLabels["Bucket"] != nil:
            return ["arn:aws:s3:::\(record.pathLabels["Bucket"]!)"]
        case "s3:ListAllMyBuckets", "ec2:DescribeInstances", "ec2:DescribeVolumes", "ec2:DescribeSnapshots",
             "ec2:DescribeImages", "lambda:ListFunctions", "eks:ListClusters", "eks:DescribeClusterVersions",
             "rds:DescribeDBMajorEngineVersions", "sts:GetCallerIdentity":
            return ["*"]  // no resource-level permission (Service Authorization Reference: no resource type)
        default:
            throw Unknown(description: "no rule for the resource of \(action): add one from the Service "
                          + "Authorization Reference before the proof can cover it")
        }
    }

    static func json(_ request: EncodedRequest) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: request.body) as? [String: Any] ?? [:]
    }

    /// A query-protocol body (`Action=Publish&TopicArn=…`), decoded.
    static func form(_ request: EncodedRequest) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        return fields
    }
}
