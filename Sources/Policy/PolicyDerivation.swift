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

    /// The derived policy of one function from its runtime's source: platform statements first, then the code's.
    public func derive(_ function: Function, in stack: Stack) throws -> PolicyDeriver.Result {
        Self.derive(function, in: stack, uses: try CallAnalysis.operations(root: root, executable: function.runtime, catalog: catalog))
    }

    /// Platform statements (own logs, tracing, on-failure topic) followed by those the code's uses need.
    public static func derive(_ function: Function, in stack: Stack, uses: [CallAnalysis.Use]) -> PolicyDeriver.Result {
        var result = PolicyDeriver().derive(for: function, in: stack, uses: uses)
        if let group = stack.logGroup(named: function.logGroup) {
            result.statements = stack.platformStatements(for: function, logGroup: group) + result.statements
        }
        return result
    }
}
