import Foundation

/// Remembers what the last successful `terraform init` in a working directory was given, so that a later command
/// runs init again only when that changed.
///
/// Why: `terraform init` re-verifies every installed provider against the lock file, which means hashing the whole
/// provider package (the AWS provider is a 700 MB binary: seconds of CPU) on every deploy, diff and destroy, for
/// nothing when neither the providers the configuration asks for nor the mirror changed. Terraform itself still
/// checks the installed providers against the lock file on every plan and apply, and asks for init when they no
/// longer match, so skipping a redundant init cannot let a wrong provider through.
///
/// The fingerprint covers: the mirror's path, each `*.tf.json` file's `terraform` block (required providers,
/// backend), the provider prefixes of every resource and data source type (a provider used without being declared),
/// and the lock file's bytes. It is stored in `.terraform/infragen-init.sha256`, inside the directory init manages,
/// so deleting `.terraform` forgets it.
public struct InitStamp: Sendable {
    public var directory: URL
    public var pluginDirectory: String

    public init(directory: URL, pluginDirectory: String) {
        self.directory = directory
        self.pluginDirectory = pluginDirectory
    }

    public static let fileName = "infragen-init.sha256"

    var stampURL: URL { directory.appendingPathComponent(".terraform").appendingPathComponent(Self.fileName) }

    /// True when init already ran successfully for exactly this configuration and its providers are installed.
    public func isCurrent() -> Bool {
        let installed = [".terraform/providers", ".terraform.lock.hcl"].allSatisfy {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path)
        }
        guard installed, let saved = try? String(contentsOf: stampURL, encoding: .utf8) else { return false }
        return saved.trimmingCharacters(in: .whitespacesAndNewlines) == fingerprint()
    }

    /// Records the current configuration after a successful init.
    public func record() throws(DeployError) {
        guard let fingerprint = fingerprint() else { return }
        do {
            try Data("\(fingerprint)\n".utf8).write(to: stampURL, options: .atomic)
        } catch {
            throw DeployError(.io, "cannot write \(stampURL.path): \(error)")
        }
    }

    /// Forgets the recorded init (before an init that may fail half-way).
    public func clear() {
        try? FileManager.default.removeItem(at: stampURL)
    }

    /// The SHA-256 of what init depends on; nil when a configuration file cannot be read.
    func fingerprint() -> String? {
        var parts = ["mirror \(pluginDirectory)"]
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".tf.json") }.sorted()
        var providers = Set<String>()
        for file in files {
            guard let data = try? Data(contentsOf: directory.appendingPathComponent(file)),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            if let block = object["terraform"],
               let json = try? JSONSerialization.data(withJSONObject: block, options: [.sortedKeys]) {
                parts.append("\(file) terraform \(String(decoding: json, as: UTF8.self))")
            }
            for section in ["resource", "data"] {
                for type in (object[section] as? [String: Any] ?? [:]).keys {
                    providers.insert(String(type.prefix { $0 != "_" }))
                }
            }
            if let configured = object["provider"] as? [String: Any] { providers.formUnion(configured.keys) }
        }
        parts.append("providers \(providers.sorted().joined(separator: ","))")
        let lock = (try? Data(contentsOf: directory.appendingPathComponent(".terraform.lock.hcl"))) ?? Data()
        parts.append("lock \(DeterministicZip.sha256Hex(lock))")
        return DeterministicZip.sha256Hex(Data(parts.joined(separator: "\n").utf8))
    }
}
