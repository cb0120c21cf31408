import AWSClient
import AWSServices
import Foundation
import Inventory

/// S3 buckets, listed once per account (`s3:ListAllMyBuckets`), then per bucket: region (`GetBucketLocation`,
/// skipped when the listing already names it), lifecycle, versioning, default encryption and tags.
///
/// A per-bucket call that fails leaves that fact absent (the analyzer then does not judge it) and is reported as
/// an issue under `s3:<bucket region>`; the bucket itself is still stored.
public struct S3BucketScanner: ResourceScanner {
    public let service = "s3"
    public let resourceType = ResourceType.s3Bucket
    /// Buckets whose calls are in flight at once.
    public var concurrency: Int

    public init(concurrency: Int = 8) { self.concurrency = max(1, concurrency) }

    public func scan(_ client: AWSClient, scope: ScanScope) async throws -> ScanResult {
        var buckets: [S3.ListBucketsOutput.Bucket] = []
        let pages = client.paginate(S3.listBuckets, .init(maxBuckets: scope.pageSizes.s3),
                                    inputToken: \.continuationToken, outputToken: \.continuationToken)
        for try await page in pages { buckets += page.buckets ?? [] }
        let results = await BoundedConcurrency.map(buckets, width: concurrency) { bucket in
            await describe(bucket, client: client, scope: scope)
        }
        return ScanResult(items: results.map(\.item), issues: results.flatMap(\.issues))
    }

    /// Holds the failures of one bucket's calls while its facts are read.
    private struct Facts {
        var issues: [ScanSummary.ServiceError] = []
        var bucket: String
        var region: String

        mutating func read<T>(_ what: String, _ body: () async throws -> T) async -> T? {
            do {
                return try await body()
            } catch {
                issues.append(.init(service: "s3", region: region,
                                    message: "bucket \(bucket): \(what): \(CollectorErrorText.describe(error))"))
                return nil
            }
        }
    }

    func describe(_ bucket: S3.ListBucketsOutput.Bucket, client: AWSClient,
                  scope: ScanScope) async -> (item: InventoryItem, issues: [ScanSummary.ServiceError]) {
        var facts = Facts(bucket: bucket.name, region: bucket.region ?? scope.region)
        var region = bucket.region
        if region == nil {
            region = await facts.read("GetBucketLocation") {
                try await client.call(S3.getBucketLocation, .init(bucket: bucket.name)).region
            }
        }
        let bucketRegion = region ?? scope.region
        facts.region = bucketRegion
        // Bucket sub-resource calls go to the bucket's own region (another region answers with a redirect).
        let regional = client.inRegion(bucketRegion)
        let lifecycle = await facts.read("GetBucketLifecycleConfiguration") {
            try await !regional.lifecycleRules(ofBucket: bucket.name).isEmpty
        }
        let versioning = await facts.read("GetBucketVersioning") {
            try await regional.call(S3.getBucketVersioning, .init(bucket: bucket.name)).status ?? "Disabled"
        }
        let encryption = await facts.read("GetBucketEncryption") { () async throws -> String in
            do {
                let rules = try await regional.call(S3.getBucketEncryption, .init(bucket: bucket.name)).rules
                return rules.compactMap(\.applyByDefault?.algorithm).first ?? "none"
            } catch let error as AWSClientError
                        where error.awsCode == "ServerSideEncryptionConfigurationNotFoundError" {
                return "none"
            }
        }
        let tags = await facts.read("GetBucketTagging") { () async throws -> [String: String] in
            do {
                let set = try await regional.call(S3.getBucketTagging, .init(bucket: bucket.name)).tags
                return tagMap(set, key: \.key, value: \.value)
            } catch let error as AWSClientError where error.awsCode == "NoSuchTagSet" {
                return [:]
            }
        }
        let details = S3Bucket(lifecycleConfigured: lifecycle, versioningStatus: versioning,
                               defaultEncryption: encryption, creationDate: bucket.creationDate)
        let item = scope.item(resourceID: "arn:\(scope.partition):s3:::\(bucket.name)", region: bucketRegion,
                              name: bucket.name, state: nil, tags: tags ?? [:], details: .s3Bucket(details))
        return (item, facts.issues)
    }
}
