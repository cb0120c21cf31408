import Foundation
import InfraModel

/// Replaces each function's code statements with those derived from its runtime's source, keeping the statements
/// its configuration needs (own logs, tracing, on-failure topic).
public struct PolicyDerivation {
    public let root: URL
    public let catalog: OperationCatalog

    /// - Parameter root: the repository holding Package.swift and Sources/AWSServices.
    public init(root: URL) throws {
        self.root = root
        let directory = root.appendingPathComponent("Sources/AWSServices")
        let sources = try CallAnalysis.swiftFiles(in: directory).map { try String(contentsOf: $0, encoding: .utf8) }
        catalog = OperationCatalog(sources: sources)
    }

    /// The repository root above `start` (the first folder with Package.swift and Sources/AWSServices).
    public static func findRoot(from start: URL) -> URL? {
        var url = start.standardizedFileURL
        while url.path != "/" {
            let manifest = url.appendingPathComponent("Package.swift").path
            let services = url.appendingPathComponent("Sources/AWSServices").path
            if FileManager.default.fileExists(atPath: manifest) && FileManager.default.fileExists(atPath: services) { return url }
            url.deleteLastPathComponent()
        }
        return nil
    }

    /// The derived policy of one function: platform statements first, then the code's.
    public func derive(_ function: Function, in stack: Stack) throws -> PolicyDeriver.Result {
        let uses = try CallAnalysis.operations(root: root, executable: function.runtime, catalog: catalog)
        var result = PolicyDeriver(catalog: catalog).derive(for: function, in: stack, uses: uses)
        if let group = stack.logGroup(named: function.logGroup) {
            result.statements = stack.platformStatements(for: function, logGroup: group) + result.statements
        }
        return result
    }

    /// The stack with every function's role policy derived from its runtime's source.
    public func apply(to stack: Stack) throws -> Stack {
        var stack = stack
        for function in stack.functions {
            let derived = try derive(function, in: stack)
            guard let index = stack.roles.firstIndex(where: { $0.name == function.role }) else { continue }
            stack.roles[index].policies = [Policy(name: LambdaConventions.policyName(for: function.name), statements: derived.statements)]
        }
        return stack
    }
}
