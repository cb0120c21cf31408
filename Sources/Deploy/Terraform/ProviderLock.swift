import Foundation

/// One provider of `.terraform.lock.hcl` and where `terraform init` installed it.
public struct LockedProvider: Sendable, Equatable {
    /// The provider's source address, e.g. `registry.terraform.io/hashicorp/aws`.
    public var address: String
    public var version: String
    /// The hashes the lock file accepts (`h1:…` for unpacked packages, `zh:…` for the registry's zip archives).
    public var hashes: [String]

    public init(address: String, version: String, hashes: [String]) {
        self.address = address
        self.version = version
        self.hashes = hashes
    }

    /// The provider type, the last part of the address (`aws`).
    public var type: String { String(address.split(separator: "/").last ?? "") }

    /// terraform's name for this machine's platform in `.terraform/providers/…/<os>_<arch>`.
    public static var platform: String {
        #if os(macOS)
        let system = "darwin"
        #else
        let system = "linux"
        #endif
        #if arch(arm64)
        return "\(system)_arm64"
        #else
        return "\(system)_amd64"
        #endif
    }

    /// The package directory `terraform init` made in the working directory (often a symlink into the mirror).
    public func packageDirectory(in workingDirectory: URL) -> URL {
        workingDirectory.appendingPathComponent(".terraform/providers/\(address)/\(version)/\(Self.platform)")
    }

    /// The provider's executable in its package: the file named `terraform-provider-<type>…`, as terraform finds it.
    public func executable(in workingDirectory: URL) throws(DeployError) -> URL {
        let package = packageDirectory(in: workingDirectory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: package.path)) ?? []
        let candidates = names.filter { $0.hasPrefix("terraform-provider-\(type)") }.sorted()
        guard let name = candidates.first,
              FileManager.default.isExecutableFile(atPath: package.appendingPathComponent(name).path) else {
            throw DeployError(.io, "no executable terraform-provider-\(type)* in \(package.path); run terraform init")
        }
        return package.appendingPathComponent(name)
    }
}

/// Reads the providers out of a `.terraform.lock.hcl`. terraform writes that file in one fixed layout
/// (`provider "ADDRESS" {`, `version = "…"`, a `hashes = [ … ]` list of quoted strings, `}`), which is all this reads.
public enum ProviderLock {
    public static let fileName = ".terraform.lock.hcl"

    /// The providers locked in `directory`'s lock file.
    public static func read(in directory: URL) throws(DeployError) -> [LockedProvider] {
        let url = directory.appendingPathComponent(fileName)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw DeployError(.io, "cannot read \(url.path); run terraform init")
        }
        return try parse(text, origin: url.path)
    }

    static func parse(_ text: String, origin: String) throws(DeployError) -> [LockedProvider] {
        var providers: [LockedProvider] = []
        var current: LockedProvider?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("//") { continue }
            if current == nil {
                guard line.hasPrefix("provider "), line.hasSuffix("{"), let address = quoted(in: line).first else {
                    throw DeployError(.unexpectedOutput, "\(origin):\(index + 1): expected `provider \"…\" {`")
                }
                current = LockedProvider(address: address, version: "", hashes: [])
            } else if line == "}" {
                if let done = current, !done.version.isEmpty { providers.append(done) }
                current = nil
            } else if line.hasPrefix("version"), let version = quoted(in: line).first {
                current?.version = version
            } else if line.hasPrefix("hashes") || line.hasPrefix("\"") {
                current?.hashes += quoted(in: line)
            }
        }
        return providers
    }

    /// The double-quoted strings of one line (the lock file's strings hold no escapes).
    static func quoted(in line: String) -> [String] {
        let parts = line.split(separator: "\"", omittingEmptySubsequences: false)
        return stride(from: 1, to: parts.count - 1, by: 2).map { String(parts[$0]) }
    }
}
