import Blueprint
import Foundation
import InfragenTestSupport
import Policy
import Render

/// The reference blueprint rendered into a scratch directory, as `infragen render` would.
struct RenderedStack {
    let directory: URL

    init(label: String) throws {
        directory = try RepoPaths.scratchDirectory(label)
        let stack = try PolicyDerivation.applyRecords(
            to: try Blueprint.load(path: RepoPaths.file("blueprints/aws-inventory.yaml").path), root: RepoPaths.root)
        for file in RenderTarget.files(for: stack) {
            let url = directory.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    var terraform: URL { directory.appendingPathComponent("terraform") }
    var template: URL { directory.appendingPathComponent("cloudformation/template.json") }

    /// A zip holding an executable `bootstrap`, standing in for a packaged runtime (moto never runs it).
    static func placeholderPackage(at url: URL) throws {
        let work = try RepoPaths.scratchDirectory("zip")
        let bootstrap = work.appendingPathComponent("bootstrap")
        try "#!/bin/sh\nexit 0\n".write(to: bootstrap, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bootstrap.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let result = try Subprocess.run(["python3", "-c", """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[2], "w") as z:
                z.write(sys.argv[1], "bootstrap")
            """, bootstrap.path, url.path])
        guard result.succeeded else { throw Tools.Missing(description: "zip failed: \(result.stderr)") }
    }
}
