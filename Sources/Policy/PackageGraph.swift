import SwiftParser
import SwiftSyntax

/// The package's targets and their local dependencies, read from Package.swift's syntax (no toolchain call), so
/// the derivation knows which sources make up each runtime.
public struct PackageGraph: Sendable {
    public struct Target: Sendable, Hashable {
        public var name: String
        public var kind: String  // target, executableTarget, testTarget, systemLibrary
        public var path: String
        public var dependencies: [String]
    }

    public var targets: [String: Target] = [:]

    public init(manifest: String) {
        let tree = Parser.parse(source: manifest)
        let collector = TargetCollector(viewMode: .sourceAccurate)
        collector.walk(tree)
        for target in collector.targets { targets[target.name] = target }
    }

    /// The target and every local target it depends on, transitively, in a stable order.
    public func closure(of name: String) -> [Target] {
        var seen: [String] = [], queue = [name]
        while let next = queue.first {
            queue.removeFirst()
            guard !seen.contains(next), let target = targets[next] else { continue }
            seen.append(next)
            queue.append(contentsOf: target.dependencies)
        }
        return seen.compactMap { targets[$0] }
    }
}

private final class TargetCollector: SyntaxVisitor {
    var targets: [PackageGraph.Target] = []

    override func visit(_ node: FunctionCallExprSyntax) -> SyntaxVisitorContinueKind {
        guard let member = node.calledExpression.as(MemberAccessExprSyntax.self), node.calledExpression.trimmedDescription.hasPrefix("."),
            ["target", "executableTarget", "testTarget", "systemLibrary"].contains(member.declName.baseName.text),
            let name = stringArgument(node, "name")
        else { return .visitChildren }
        let kind = member.declName.baseName.text
        let path = stringArgument(node, "path") ?? (kind == "testTarget" ? "Tests/\(name)" : "Sources/\(name)")
        var dependencies: [String] = []
        if let list = node.arguments.first(where: { $0.label?.text == "dependencies" })?.expression.as(ArrayExprSyntax.self) {
            for element in list.elements {
                if let literal = element.expression.as(StringLiteralExprSyntax.self) {
                    dependencies.append(literal.segments.trimmedDescription)
                } else if let call = element.expression.as(FunctionCallExprSyntax.self),
                    call.calledExpression.trimmedDescription == ".target", let target = stringArgument(call, "name")
                {
                    dependencies.append(target)
                }
            }
        }
        targets.append(.init(name: name, kind: kind, path: path, dependencies: dependencies))
        return .skipChildren
    }

    private func stringArgument(_ call: FunctionCallExprSyntax, _ label: String) -> String? {
        call.arguments.first { $0.label?.text == label }?.expression.as(StringLiteralExprSyntax.self)?.segments.trimmedDescription
    }
}
