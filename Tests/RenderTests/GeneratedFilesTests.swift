import Blueprint
import Foundation
import InfraModel
import InfragenTestSupport
import Policy
import Render
import Testing

/// generated/ is the committed render of every blueprint: these tests fail when it is stale, and double as the
/// golden files for both renderers.
@Suite("generated/ matches a fresh render")
struct GeneratedFilesTests {
    static func blueprints() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: RepoPaths.file("blueprints"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
    }

    /// What `infragen render` renders: the blueprint with policies derived from the committed records.
    static func deployable(_ path: String) throws -> Stack {
        try PolicyDerivation.applyRecords(to: try Blueprint.load(path: path), root: RepoPaths.root)
    }

    @Test("every blueprint's render is committed and current")
    func current() throws {
        let blueprints = try Self.blueprints()
        #expect(!blueprints.isEmpty)
        for blueprint in blueprints {
            let stack = try Self.deployable(blueprint.path)
            for file in RenderTarget.files(for: stack) {
                try Golden.check(file.contents, against: "generated/\(stack.name)/\(file.path)")
            }
        }
    }

    @Test("rendering is deterministic: two renders are byte-identical")
    func deterministic() throws {
        let path = RepoPaths.file("blueprints/aws-inventory.yaml").path
        let first = RenderTarget.files(for: try Self.deployable(path))
        let second = RenderTarget.files(for: try Self.deployable(path))
        #expect(first == second)
        #expect(first.allSatisfy { $0.contents.hasSuffix("}\n") })
    }

    @Test("graph output matches its golden files", arguments: GraphRenderer.Format.allCases)
    func graph(_ format: GraphRenderer.Format) throws {
        let stack = try Self.deployable(RepoPaths.file("blueprints/aws-inventory.yaml").path)
        try Golden.check(GraphRenderer().render(stack, format: format), against: "Tests/RenderTests/Golden/aws-inventory.\(format.rawValue)")
    }
}
