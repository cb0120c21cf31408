import AWSClient
import Foundation
import InfraModel
import Render

extension TerraformDeployment {
    /// Variables earlier renders declared and this one does not (`artifact_dir`: code was a local file), dropped
    /// from the saved values so terraform does not warn about them on every run.
    static let retiredVariables: Set<String> = ["artifact_dir"]

    /// The region the provider deploys into: `aws_region` from `variables`, else from the saved ones, else the
    /// render's default. The artifacts bucket must be there too (Lambda reads code only from its own region).
    public func region(variables: [String: String]) throws(DeployError) -> String {
        if let region = variables["aws_region"] { return region }
        return try savedVariables()["aws_region"] ?? TerraformRenderer.defaultRegion
    }

    /// Uploads the zips to the artifacts bucket (before `plan`, which needs their keys) and returns the terraform
    /// variables that point each function's code at its zip: the bucket, `<function>_code_key` and
    /// `<function>_code_hash`.
    /// - Parameters:
    ///   - variables: this run's `--var` values (for `aws_region`).
    ///   - bucket: `--artifacts-bucket`, else `<stack>-artifacts-<account>-<region>`.
    ///   - uploader: the default talks to this deployment's endpoint (or AWS) in its region.
    public func uploadCode(
        _ zips: [String: URL], variables: [String: String], bucket: String? = nil,
        uploader: ArtifactUploader? = nil
    ) async throws(DeployError) -> [String: String] {
        let region = try region(variables: variables)
        let uploader = if let uploader { uploader } else {
            ArtifactUploader(client: try ArtifactUploader.client(endpoint: endpoint, region: region), log: log)
        }
        let name = try await uploader.bucketName(stack: stack.name, override: bucket)
        let artifacts = try await uploader.upload(zips, bucket: name)
        return try Self.codeVariables(for: stack, bucket: name, artifacts: artifacts)
    }

    /// The variables for `artifacts` (runtime → uploaded zip); every function's runtime must be among them.
    public static func codeVariables(
        for stack: Stack, bucket: String, artifacts: [String: UploadedArtifact]
    ) throws(DeployError) -> [String: String] {
        var values = [TerraformRenderer.artifactBucketVariable: bucket]
        for function in stack.functions {
            guard let artifact = artifacts[function.runtime] else {
                throw DeployError(.usage, "no package for runtime \(function.runtime) (function \(function.name))")
            }
            values[TerraformRenderer.codeKeyVariable(function: function.name)] = artifact.key
            values[TerraformRenderer.codeHashVariable(function: function.name)] = artifact.sha256Base64
        }
        return values
    }
}
