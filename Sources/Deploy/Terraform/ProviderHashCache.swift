import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Remembers a provider package's `h1:` hash (`ProviderPackageHash`) by what `stat` says of each of its files, so
/// the 700 MB AWS provider is hashed once per install instead of before every deploy, diff and destroy (check and
/// start of the provider took 1.1 s, 0.3 s with this), the way build tools and git's index trust unchanged files.
///
/// What makes a remembered hash stale: any file added, removed or renamed, or any file whose device, inode, size,
/// modification time or status-change time (ctime) differs. Every write to a file sets its ctime to "now", and no
/// call sets it back, so a package rewritten in place — even with its size and mtime restored — is hashed again.
/// Files changed in the last `settle` seconds before hashing are not remembered at all (git's "racily clean"
/// rule): a write in the same clock tick as the `stat` would leave the timestamps unchanged.
///
/// The record lives in the working directory's `.terraform`, beside the provider link terraform itself follows: a
/// process that can rewrite the record can already replace what terraform runs, so it opens no new way in. The hash
/// is still compared with `.terraform.lock.hcl` every time; only computing it is skipped.
public enum ProviderHashCache {
    public static let recordName = ".terraform/infragen-provider-hashes.json"

    struct FileStamp: Codable, Equatable {
        var path: String
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: Int64
        var changed: Int64
    }

    struct Entry: Codable, Equatable {
        var package: String
        var files: [FileStamp]
        var hash: String
    }

    /// The `h1:` hash of `package`, from `directory`'s record when every file is as it was then; otherwise
    /// computed, and remembered when the files have settled. `reused` says which.
    public static func h1(of package: URL, recordIn directory: URL, settle: TimeInterval = 2)
        throws(DeployError) -> (hash: String, reused: Bool) {
        let root = package.resolvingSymlinksInPath()
        let recordFile = directory.appendingPathComponent(recordName)
        let started = Date()
        let stamps = try self.stamps(under: root)
        var entries = read(recordFile)
        if let known = entries.first(where: { $0.package == root.path }), known.files == stamps {
            return (known.hash, true)
        }
        let hash = try ProviderPackageHash.h1(of: root)
        // Only when nothing changed during the hashing and every file is older than `settle`.
        let newest = stamps.map { max($0.modified, $0.changed) }.max() ?? 0
        let limit = Int64((started.timeIntervalSince1970 - settle) * 1e9)
        if newest < limit, (try? self.stamps(under: root)) == stamps {
            entries.removeAll { $0.package == root.path }
            entries.append(Entry(package: root.path, files: stamps, hash: hash))
            write(entries, to: recordFile)
        }
        return (hash, false)
    }

    /// `stat` (following symlinks) of every file the hash covers, in the hash's order.
    static func stamps(under root: URL) throws(DeployError) -> [FileStamp] {
        var stamps: [FileStamp] = []
        for path in try ProviderPackageHash.files(under: root) {
            var info = stat()
            guard stat(root.appendingPathComponent(path).path, &info) == 0 else {
                throw DeployError(.io, "cannot stat \(root.appendingPathComponent(path).path) (errno \(errno))")
            }
            stamps.append(FileStamp(
                path: path, device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)))
        }
        return stamps
    }

    /// The record's entries; an unreadable or foreign file counts as empty (it is only a cache).
    static func read(_ file: URL) -> [Entry] {
        guard let data = try? Data(contentsOf: file) else { return [] }
        return (try? JSONDecoder().decode([Entry].self, from: data)) ?? []
    }

    static func write(_ entries: [Entry], to file: URL) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(entries) else { return }
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: file, options: .atomic)
    }
}
