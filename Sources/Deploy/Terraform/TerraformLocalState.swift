import Foundation

/// The state of a working directory whose state terraform keeps in `terraform.tfstate` beside the configuration:
/// what `terraform state pull` prints there, read without starting terraform (about 0.7 s of CPU per command; the
/// demo's `invoke`s and the outputs `deploy` prints are on its timed path).
///
/// infragen renders no `backend` block, so terraform's default local backend and default workspace apply — unless the
/// user configured a backend in the working directory (`terraform init` then records it in
/// `.terraform/terraform.tfstate`) or chose another workspace (`TF_WORKSPACE`, or `.terraform/environment`). In those
/// cases, and when there is no state file yet, this returns nil and the caller asks terraform.
public enum TerraformLocalState {
    public static func read(directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Data? {
        let files = FileManager.default
        let metadata = directory.appendingPathComponent(".terraform")
        guard !files.fileExists(atPath: metadata.appendingPathComponent("terraform.tfstate").path),
              !files.fileExists(atPath: metadata.appendingPathComponent("environment").path),
              (environment["TF_WORKSPACE"] ?? "default") == "default"
        else { return nil }
        return try? Data(contentsOf: directory.appendingPathComponent("terraform.tfstate"))
    }

    /// The root module's outputs recorded in `state` (the file's `outputs`), decoded as `terraform output -json`'s.
    public static func outputs(in state: Data) throws(DeployError) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: state) as? [String: Any] else {
            throw DeployError(.unexpectedOutput, "terraform.tfstate is not a JSON object")
        }
        return TerraformDriver.outputValues(object["outputs"] as? [String: Any] ?? [:])
    }
}
