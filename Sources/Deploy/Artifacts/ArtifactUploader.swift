import AWSClient
import AWSServices
import Crypto
import Foundation

/// One runtime zip in the artifacts bucket.
public struct UploadedArtifact: Sendable, Equatable {
    public var bucket: String
    /// `<runtime>/<sha256 hex>.zip` (`ArtifactNaming`).
    public var key: String
    public var sha256Hex: String
    /// The base64 SHA-256 of the zip: Lambda's `CodeSha256`, terraform's `source_code_hash`.
    public var sha256Base64: String
    /// False when the key was already there with this hash, so nothing was sent.
    public var uploaded: Bool

    public init(bucket: String, key: String, sha256Hex: String, sha256Base64: String, uploaded: Bool) {
        self.bucket = bucket
        self.key = key
        self.sha256Hex = sha256Hex
        self.sha256Base64 = sha256Base64
        self.uploaded = uploaded
    }
}

/// Puts the runtime zips in the artifacts bucket with the Swift AWS client (one process, a few HTTP calls, rather
/// than an aws CLI process per step): creates the bucket when missing, and uploads each zip unless its
/// content-addressed key already holds it.
public struct ArtifactUploader: Sendable {
    public var client: AWSClient
    public var log: @Sendable (String) -> Void

    public init(client: AWSClient, log: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.client = client
        self.log = log
    }

    /// A client for `region` on the deploy's endpoint (dummy credentials only for a loopback one, as for
    /// terraform), otherwise AWS (or what `AWS_ENDPOINT_URL*` says) with the standard credential chain. Uploading
    /// a 30 MB zip over a slow link takes longer than the client's default 30 s per attempt, hence the longer
    /// request timeout.
    public static func client(
        endpoint: CustomEndpoint?, region: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(DeployError) -> AWSClient {
        var merged = environment
        merged["AWS_REGION"] = region
        if let endpoint {
            // The deploy's endpoint wins over any in the environment, as it does for terraform and the aws CLI.
            for name in merged.keys where name.hasPrefix("AWS_ENDPOINT_URL") { merged.removeValue(forKey: name) }
            merged.merge(endpoint.clientEnvironment(region: region)) { _, new in new }
        }
        do {
            var configuration = try AWSClientConfiguration.fromEnvironment(merged)
            configuration.timeouts.request = .seconds(600)
            return AWSClient(configuration)
        } catch {
            throw DeployError(.usage, "cannot configure the AWS client for the artifacts bucket: \(error)")
        }
    }

    /// `override`, else `<stack>-artifacts-<account>-<region>` with the account from STS.
    public func bucketName(stack: String, override: String? = nil) async throws(DeployError) -> String {
        if let override { return override }
        let identity = try await call("ask STS for the account") { try await $0.call(STS.getCallerIdentity) }
        return ArtifactNaming.bucket(stack: stack, account: identity.account, region: client.region)
    }

    /// Creates `bucket` in the client's region unless it exists.
    public func ensureBucket(_ bucket: String) async throws(DeployError) {
        do {
            _ = try await client.call(S3.headBucket, .init(bucket: bucket))
            return
        } catch let error as AWSClientError where error.statusCode == 404 {
            // Missing: create it below.
        } catch {
            throw DeployError(.commandFailed, "cannot check the artifacts bucket \(bucket): \(error)")
        }
        log("infragen: creating artifacts bucket \(bucket)")
        do {
            _ = try await client.call(S3.createBucket, .init(bucket: bucket, region: client.region))
        } catch let error as AWSClientError where error.awsCode == "BucketAlreadyOwnedByYou" {
            // Created meanwhile by another deploy of ours: fine.
        } catch {
            throw DeployError(.commandFailed, "cannot create the artifacts bucket \(bucket): \(error)")
        }
    }

    /// Ensures the bucket and uploads every zip (in parallel) that is not there yet; returns runtime → artifact.
    public func upload(_ zips: [String: URL], bucket: String) async throws(DeployError) -> [String: UploadedArtifact] {
        try await ensureBucket(bucket)
        do {
            return try await withThrowingTaskGroup(of: (String, UploadedArtifact).self) { group in
                for (runtime, zip) in zips {
                    group.addTask { (runtime, try await self.upload(zip, runtime: runtime, bucket: bucket)) }
                }
                var artifacts: [String: UploadedArtifact] = [:]
                for try await (runtime, artifact) in group { artifacts[runtime] = artifact }
                return artifacts
            }
        } catch let error as DeployError {
            throw error
        } catch {
            throw DeployError(.commandFailed, "uploading the runtimes failed: \(error)")
        }
    }

    /// Uploads one zip to its content-addressed key, unless the key already holds it (its `sha256` metadata).
    func upload(_ zip: URL, runtime: String, bucket: String) async throws(DeployError) -> UploadedArtifact {
        guard let data = try? Data(contentsOf: zip) else { throw DeployError(.io, "cannot read \(zip.path)") }
        let digest = SHA256.hash(data: data)
        let hex = digest.map { String(format: "%02x", $0) }.joined()
        var artifact = UploadedArtifact(
            bucket: bucket, key: ArtifactNaming.key(runtime: runtime, sha256Hex: hex), sha256Hex: hex,
            sha256Base64: Data(digest).base64EncodedString(), uploaded: false)
        if let existing = try await existingHash(bucket: bucket, key: artifact.key), existing == hex {
            log("infragen: s3://\(bucket)/\(artifact.key) is already uploaded")
            return artifact
        }
        log("infragen: uploading \(zip.lastPathComponent) (\(data.count / 1024) KiB) to s3://\(bucket)/\(artifact.key)")
        let md5 = Data(Insecure.MD5.hash(data: data)).base64EncodedString()
        let key = artifact.key
        _ = try await call("upload \(zip.lastPathComponent)") {
            try await $0.call(
                S3.putObject,
                .init(bucket: bucket, key: key, body: data, contentType: "application/zip", contentMD5: md5,
                      metadata: ["sha256": hex]))
        }
        artifact.uploaded = true
        return artifact
    }

    /// The `sha256` metadata of the object at `key`, "" when it has none, nil when there is no such object.
    func existingHash(bucket: String, key: String) async throws(DeployError) -> String? {
        do {
            return try await client.call(S3.headObject, .init(bucket: bucket, key: key)).metadata["sha256"] ?? ""
        } catch let error as AWSClientError where error.statusCode == 404 {
            return nil
        } catch {
            throw DeployError(.commandFailed, "cannot check s3://\(bucket)/\(key): \(error)")
        }
    }

    private func call<T: Sendable>(
        _ what: String, _ body: @Sendable (AWSClient) async throws -> T
    ) async throws(DeployError) -> T {
        do {
            return try await body(client)
        } catch {
            throw DeployError(.commandFailed, "cannot \(what): \(error)")
        }
    }
}
