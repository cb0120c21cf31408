import Foundation

/// Where infragen keeps a stack's working state: `<root>/<stack>/terraform` (rendered files, terraform state, the
/// plan), `<root>/<stack>/artifacts` (packaged zips) and `<root>/local` (the local AWS emulator). Never `generated/`,
/// which holds committed renders only.
public struct StackWorkspace: Sendable {
    /// The stack's folder, default `.infragen/<stack>`.
    public var directory: URL

    /// - Parameters:
    ///   - stack: the stack name.
    ///   - workDirectory: overrides the stack's folder (`--work-dir`).
    ///   - root: the folder holding every stack's state, default `.infragen` in the current directory.
    public init(stack: String, workDirectory: String? = nil, root: URL = StackWorkspace.defaultRoot) {
        if let workDirectory {
            directory = URL(fileURLWithPath: workDirectory)
        } else {
            directory = root.appendingPathComponent(stack)
        }
    }

    /// `.infragen` under the current directory.
    public static var defaultRoot: URL {
        URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".infragen")
    }

    public var terraform: URL { directory.appendingPathComponent("terraform") }
    public var cloudformation: URL { directory.appendingPathComponent("cloudformation") }
    public var artifacts: URL { directory.appendingPathComponent("artifacts") }

    /// Writes rendered files under the workspace (their paths are `terraform/…`, `cloudformation/…`); unchanged
    /// files are left alone so terraform's own files beside them keep their timestamps.
    public func write(_ files: [(path: String, contents: String)]) throws(DeployError) {
        for file in files {
            let url = directory.appendingPathComponent(file.path)
            if (try? String(contentsOf: url, encoding: .utf8)) == file.contents { continue }
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url, options: .atomic)
            } catch {
                throw DeployError(.io, "cannot write \(url.path): \(error)")
            }
        }
    }
}
