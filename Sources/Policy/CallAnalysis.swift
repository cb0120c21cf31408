import Foundation

/// Which operations a runtime's code can reach: a name-based call graph over the sources of the runtime's
/// executable target and every local target it depends on, starting at the executable's top-level code.
///
/// A unit (function, initializer, computed property, type) is reached when its name is referenced by reached code
/// and, for a member, its type is reached; every qualified operation reference (`S3.listBuckets`) in reached code
/// counts, with its file and line. Matching by name over-approximates (two methods named alike on reached types are
/// both reached) and never misses a call made through a helper in another file or target, which is the property
/// least privilege needs to stay sufficient; the IAM proof tests (Tests/IAMProofTests) show it is also minimal
/// for the runtimes here.
public struct CallAnalysis: Sendable {
    public struct Use: Hashable, Sendable, Codable, Comparable {
        /// The operation value as the code names it, e.g. `EC2.describeInstances`.
        public var symbol: String
        /// The operation it is, as `service.WireName` (`ec2.DescribeInstances`), for looking up its IAM facts.
        public var operation: String
        /// `path:line` of each reference.
        public var sites: [String]
        public static func < (lhs: Use, rhs: Use) -> Bool { lhs.symbol < rhs.symbol }
        public init(symbol: String, operation: String, sites: [String]) {
            self.symbol = symbol
            self.operation = operation
            self.sites = sites
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// - Parameters:
    ///   - root: the repository root (holding Package.swift); paths in the result are relative to it.
    ///   - executable: the runtime's executable target, e.g. `inventory-collector`.
    public static func operations(root: URL, executable: String, catalog: OperationCatalog) throws -> [Use] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let graph = PackageGraph(manifest: manifest)
        guard let target = graph.targets[executable], target.kind == "executableTarget" else {
            throw Failure(description: "no executable target named '\(executable)' in Package.swift")
        }
        var index = SourceIndex()
        var entryFiles: Set<String> = []
        for member in graph.closure(of: executable) where member.kind != "systemLibrary" {
            for file in try swiftFiles(in: root.appendingPathComponent(member.path)) {
                let relative = String(file.path.dropFirst(root.path.count + 1))
                index.add(source: try String(contentsOf: file, encoding: .utf8), file: relative, services: catalog.services)
                if member.name == executable { entryFiles.insert(relative) }
            }
        }
        return reachableOperations(index, entryFiles: entryFiles, catalog: catalog)
    }

    /// The operations referenced by code reachable from the entry files' top-level code (and their `@main` types).
    ///
    /// A unit is reached when reached code refers to its name and, for a member, once its type is reached too
    /// (referred to by name: created, named in a signature, extended or conformed to). Without the second condition
    /// a common method name (`write`) would pull in every type's method of that name. Types that the sources do not
    /// declare (`String`, `Array` in `extension String`) count as reached, so no extension of them is missed.
    public static func reachableOperations(_ index: SourceIndex, entryFiles: Set<String>, catalog: OperationCatalog) -> [Use] {
        var byName: [String: [Int]] = [:]
        var byOwner: [String: [Int]] = [:]
        var declaredTypes = Set<String>()
        for (position, unit) in index.units.enumerated() {
            byName[unit.name, default: []].append(position)
            if let owner = unit.owner { byOwner[owner, default: []].append(position) }
            if unit.isType { declaredTypes.insert(unit.name) }
        }
        var reached = Set<Int>()
        var referencedNames = Set<String>()
        var reachedTypes = Set<String>()
        func ownerReached(_ unit: SourceIndex.Unit) -> Bool {
            guard let owner = unit.owner else { return true }
            return reachedTypes.contains(owner) || !declaredTypes.contains(owner)
        }
        var pending = index.units.indices.filter { entryFiles.contains(index.units[$0].file) }
        while let next = pending.popLast() {
            guard reached.insert(next).inserted else { continue }
            let unit = index.units[next]
            if unit.isType, reachedTypes.insert(unit.name).inserted {
                // Members already referred to by name become reachable with their type.
                pending.append(contentsOf: byOwner[unit.name, default: []].filter {
                    !reached.contains($0) && referencedNames.contains(index.units[$0].name)
                })
            }
            for name in unit.references {
                referencedNames.insert(name)
                pending.append(contentsOf: byName[name, default: []].filter {
                    !reached.contains($0) && ownerReached(index.units[$0])
                })
            }
        }
        var sites: [String: Set<SourceIndex.OperationReference>] = [:]
        for position in reached {
            for reference in index.units[position].operationReferences where catalog.operations[reference.symbol] != nil {
                sites[reference.symbol, default: []].insert(reference)
            }
        }
        return sites.map { symbol, references in
            Use(symbol: symbol, operation: catalog.operations[symbol]!.description,
                sites: references.sorted().map { "\($0.file):\($0.line)" })
        }.sorted()
    }

    static func swiftFiles(in directory: URL) throws -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
    }
}
