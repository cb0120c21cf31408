import Blueprint
import Foundation
import InfragenTestSupport
import Policy
import Testing

/// The committed records under generated/runtimes must equal a fresh derivation from today's source, so a change
/// to a runtime's AWS calls cannot reach a rendered policy without the record (and generated/) changing with it.
@Suite("Derived-operation records")
struct DerivedRecordTests {
    @Test("every function that derives its policy has a current record")
    func current() throws {
        let derivation = try PolicyDerivation(root: RepoPaths.root)
        let blueprints = try FileManager.default.contentsOfDirectory(atPath: RepoPaths.file("blueprints").path).filter { $0.hasSuffix(".yaml") }
        for name in blueprints {
            let stack = try Blueprint.load(path: RepoPaths.file("blueprints/\(name)").path)
            for runtime in Set(stack.functions.filter(\.derivesPolicy).map(\.runtime)) {
                let fresh = try derivation.record(for: runtime)
                #expect(try RuntimeRecord.load(runtime: runtime, root: RepoPaths.root) == fresh,
                        "generated/runtimes/\(runtime).json is stale; run `make render`")
                #expect(!fresh.operations.isEmpty)
            }
        }
    }
}
