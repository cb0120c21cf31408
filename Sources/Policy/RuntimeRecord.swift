import Foundation
import InfraModel

/// The AWS operations one runtime's code reaches, with call sites: the derivation's result, committed under
/// `generated/runtimes/<runtime>.json` so rendering stays fast and reviewable. `infragen derive` (run by
/// `make render`) writes it; a test fails while it differs from a fresh derivation, so it cannot drift from code.
public struct RuntimeRecord: Codable, Hashable, Sendable {
    public var runtime: String
    public var operations: [CallAnalysis.Use]

    public init(runtime: String, operations: [CallAnalysis.Use]) {
        self.runtime = runtime
        self.operations = operations
    }

    public static func path(for runtime: String, in root: URL) -> URL {
        root.appendingPathComponent("generated/runtimes/\(runtime).json")
    }

    /// Stable text: sorted keys, two-space indent, trailing newline.
    public func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    public static func load(runtime: String, root: URL) throws -> RuntimeRecord {
        let url = path(for: runtime, in: root)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CallAnalysis.Failure(description: "no derived record \(url.path) for runtime '\(runtime)'; run `infragen derive`")
        }
        return try JSONDecoder().decode(RuntimeRecord.self, from: data)
    }
}

extension PolicyDerivation {
    /// Derives the record of one runtime from its source.
    public func record(for runtime: String) throws -> RuntimeRecord {
        RuntimeRecord(runtime: runtime, operations: try CallAnalysis.operations(root: root, executable: runtime, catalog: catalog))
    }

    /// The stack with the role of every function that derives its policy built from the records committed under
    /// `root` (no source is parsed, so rendering stays fast). A runtime without a record (a new or test-only one)
    /// is derived from its source instead.
    public static func applyRecords(to stack: Stack, root: URL) throws -> Stack {
        var stack = stack
        var live: PolicyDerivation?
        for function in stack.functions where function.derivesPolicy {
            let record: RuntimeRecord
            if FileManager.default.fileExists(atPath: RuntimeRecord.path(for: function.runtime, in: root).path) {
                record = try RuntimeRecord.load(runtime: function.runtime, root: root)
            } else {
                if live == nil { live = try PolicyDerivation(root: root) }
                record = try live!.record(for: function.runtime)
            }
            let statements = PolicyDerivation.derive(function, in: stack, uses: record.operations).statements
            guard let index = stack.roles.firstIndex(where: { $0.name == function.role }) else { continue }
            stack.roles[index].policies = [Policy(name: LambdaConventions.policyName(for: function.name), statements: statements)]
        }
        return stack
    }
}
