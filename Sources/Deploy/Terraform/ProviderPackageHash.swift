import Crypto
import Foundation

/// Terraform's `h1:` hash of an unpacked provider package: the "dirhash" of Go's `golang.org/x/mod/sumdb/dirhash`
/// (`Hash1`), which `terraform init` records in `.terraform.lock.hcl` for a package taken from a local mirror.
///
/// Why infragen computes it: terraform checks the installed provider against the lock file before every command
/// that starts it, but not a provider it *reattaches* to (`TF_REATTACH_PROVIDERS`), so infragen checks the binary
/// it is about to start itself.
///
/// The algorithm: every regular file under the directory (symlinks resolved, the directory's own symlink too), by
/// its slash-separated path relative to the directory, sorted bytewise; one line per file,
/// `<lowercase hex SHA-256 of the contents>  <path>\n`; then `h1:` + base64 of the SHA-256 of those lines.
public enum ProviderPackageHash {
    /// The `h1:` hash of `directory`.
    public static func h1(of directory: URL) throws(DeployError) -> String {
        let root = directory.resolvingSymlinksInPath()
        var summary = ""
        for path in try files(under: root) {
            guard !path.contains("\n") else {
                throw DeployError(.io, "\(root.path): a file name contains a newline; it cannot be hashed")
            }
            summary += "\(try sha256Hex(of: root.appendingPathComponent(path)))  \(path)\n"
        }
        return "h1:" + Data(SHA256.hash(data: Data(summary.utf8))).base64EncodedString()
    }

    /// The relative paths of the files under `root` (following symlinks to files, as Go's `os.Open` does), sorted
    /// by their UTF-8 bytes like Go's `sort.Strings`.
    static func files(under root: URL) throws(DeployError) -> [String] {
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isDirectoryKey], options: [], errorHandler: nil)
        else { throw DeployError(.io, "cannot list \(root.path)") }
        var paths: [String] = []
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let url as URL in walker {
            let isDirectory = (try? url.resolvingSymlinksInPath().resourceValues(forKeys: [.isDirectoryKey]))?
                .isDirectory ?? false
            if isDirectory { continue }
            let path = url.path.hasPrefix(prefix) ? String(url.path.dropFirst(prefix.count)) : url.lastPathComponent
            paths.append(path)
        }
        return paths.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// SHA-256 of a file, read in 4 MiB pieces (the AWS provider is a 700 MB binary).
    static func sha256Hex(of file: URL) throws(DeployError) -> String {
        do {
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            var hasher = SHA256()
            while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty {
                hasher.update(data: chunk)
            }
            return hasher.finalize().map { String(format: "%02x", $0) }.joined()
        } catch {
            throw DeployError(.io, "cannot read \(file.path) to hash it: \(error)")
        }
    }
}
