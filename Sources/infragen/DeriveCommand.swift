import ArgumentParser
import Foundation
import InfraModel
import Policy

struct DeriveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive",
        abstract: "Record which AWS operations each runtime's code reaches (generated/runtimes/<runtime>.json).",
        discussion: """
            Rendering reads these records to build each function's IAM policy without parsing source. `make render`
            runs this first; `--check` fails (exit 1) when a record no longer matches the code.

            Example: infragen derive blueprints/aws-inventory.yaml --check
            """)

    @OptionGroup var input: BlueprintArgument

    @Flag(help: "Write nothing; exit 1 if a record differs from a fresh derivation.")
    var check = false

    func run() throws {
        let stack = try input.loadModel()
        let derivation = try PolicyDerivation(root: try packageRoot(input.root))
        var stale: [String] = []
        for runtime in Set(stack.functions.filter(\.derivesPolicy).map(\.runtime)).sorted() {
            let text = try derivation.record(for: runtime).encoded()
            let url = RuntimeRecord.path(for: runtime, in: derivation.root)
            let shown = Self.relative(url, to: derivation.root)
            if check {
                if (try? String(contentsOf: url, encoding: .utf8)) != text { stale.append(shown) }
                continue
            }
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
            print(shown)
        }
        if !stale.isEmpty {
            throw BlueprintFailure(description: "out of date (run `infragen derive \(input.blueprint)`):\n  " + stale.joined(separator: "\n  "))
        }
    }
}

extension DeriveCommand {
    /// `generated/runtimes/x.json` rather than an absolute path, as `render` prints its files.
    static func relative(_ url: URL, to root: URL) -> String {
        let prefix = root.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// The package holding the runtimes' sources: `--root`, or the nearest folder above the current one.
func packageRoot(_ option: String?) throws -> URL {
    if let option { return URL(fileURLWithPath: option) }
    guard let found = PolicyDerivation.findRoot(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) else {
        throw BlueprintFailure(description: "error: no package with Sources/AWSServices found above this directory; pass --root")
    }
    return found
}
