import SwiftParser
import SwiftSyntax

/// What the derivation needs to know about Swift source: its declarations ("units", by name), the names each unit
/// refers to, and each qualified reference to an AWS operation value (`EC2.describeInstances`) with its line.
public struct SourceIndex: Sendable {
    public struct Unit: Sendable {
        /// A function's, property's or type's name; initializers are named after their type.
        public var name: String
        /// The innermost type (or extended type) the unit is declared in, by its last name component; nil at top
        /// level. A member is only reachable once its type is (see `CallAnalysis`).
        public var owner: String?
        /// Whether the unit is a type declaration (struct, class, actor, enum, protocol; not an extension).
        public var isType: Bool
        public var file: String
        public var line: Int
        public var references: Set<String>
        public var operationReferences: [OperationReference]
    }

    public struct OperationReference: Hashable, Sendable, Comparable {
        /// `Service.operation`, as written.
        public var symbol: String
        public var file: String
        public var line: Int
        public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.file, lhs.line, lhs.symbol) < (rhs.file, rhs.line, rhs.symbol) }
    }

    /// Top-level code (main.swift) of each file, as a unit named "".
    public var units: [Unit] = []

    public init() {}

    /// Indexes one file. `services` names the enums whose static members are operations.
    public mutating func add(source: String, file: String, services: Set<String>) {
        let tree = Parser.parse(source: source)
        let visitor = UnitCollector(file: file, services: services, converter: SourceLocationConverter(fileName: file, tree: tree))
        visitor.walk(tree)
        visitor.finish()
        units.append(contentsOf: visitor.finished)
    }
}

/// Walks a file, attributing every reference to the innermost enclosing unit.
final class UnitCollector: SyntaxVisitor {
    let file: String
    let services: Set<String>
    let converter: SourceLocationConverter
    var stack: [SourceIndex.Unit] = []
    var finished: [SourceIndex.Unit] = []
    /// The enclosing type names, so initializers are named after their type.
    var typeNames: [String] = []

    init(file: String, services: Set<String>, converter: SourceLocationConverter) {
        self.file = file
        self.services = services
        self.converter = converter
        super.init(viewMode: .sourceAccurate)
        stack = [SourceIndex.Unit(
            name: "", owner: nil, isType: false, file: file, line: 1, references: [], operationReferences: [])]
    }

    private func line(_ node: some SyntaxProtocol) -> Int { converter.location(for: node.positionAfterSkippingLeadingTrivia).line }

    private func push(_ name: String, _ node: some SyntaxProtocol, isType: Bool = false) {
        stack.append(SourceIndex.Unit(
            name: name, owner: typeNames.last, isType: isType, file: file, line: line(node), references: [],
            operationReferences: []))
    }

    /// `DynamoDB.WriteRequest` → `WriteRequest`; `Array<Item>` → `Array`.
    static func typeName(_ written: String) -> String {
        let base = written.split(separator: "<").first.map(String.init) ?? written
        return base.split(separator: ".").last.map(String.init) ?? base
    }

    private func pop() { finished.append(stack.removeLast()) }

    /// Closes the top-level unit once the file is walked.
    func finish() {
        while !stack.isEmpty { pop() }
    }

    // MARK: Units

    private func enterMember(_ name: String, _ node: some SyntaxProtocol) { push(name, node); contexts.append(.member) }
    private func leaveMember() { contexts.removeLast(); pop() }

    override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind { enterMember(node.name.text, node); return .visitChildren }
    override func visitPost(_ node: FunctionDeclSyntax) { leaveMember() }
    override func visit(_ node: InitializerDeclSyntax) -> SyntaxVisitorContinueKind {
        enterMember(typeNames.last ?? "init", node)
        return .visitChildren
    }
    override func visitPost(_ node: InitializerDeclSyntax) { leaveMember() }
    override func visit(_ node: SubscriptDeclSyntax) -> SyntaxVisitorContinueKind { enterMember("subscript", node); return .visitChildren }
    override func visitPost(_ node: SubscriptDeclSyntax) { leaveMember() }

    /// Whether each open unit is the file's top level, a type, or a member (function, property, …).
    enum Context { case root, type, member }
    var contexts: [Context] = [.root]
    /// Whether each variable declaration being visited opened a unit.
    var variableOpenedUnit: [Bool] = []

    override func visit(_ node: VariableDeclSyntax) -> SyntaxVisitorContinueKind {
        // Variables inside functions are part of the function. Stored instance properties belong to their type
        // (they run when it is created). Globals, statics and computed properties are units of their own name.
        let computed = node.bindings.contains { $0.accessorBlock != nil }
        let isStatic = node.modifiers.contains { $0.name.text == "static" || $0.name.text == "class" }
        let opens = contexts.last == .root || (contexts.last == .type && (computed || isStatic))
        variableOpenedUnit.append(opens)
        if opens {
            let name = node.bindings.compactMap { $0.pattern.as(IdentifierPatternSyntax.self)?.identifier.text }.first ?? "_"
            push(name, node)
            contexts.append(.member)
        }
        return .visitChildren
    }

    override func visitPost(_ node: VariableDeclSyntax) {
        if variableOpenedUnit.removeLast() {
            contexts.removeLast()
            pop()
        }
    }

    private func enterType(_ name: String, _ node: some SyntaxProtocol, isExtension: Bool = false) {
        let name = Self.typeName(name)
        push(name, node, isType: !isExtension)
        typeNames.append(name)
        contexts.append(.type)
    }
    private func leaveType() {
        typeNames.removeLast()
        contexts.removeLast()
        pop()
    }

    override func visit(_ node: StructDeclSyntax) -> SyntaxVisitorContinueKind { enterType(node.name.text, node); return .visitChildren }
    override func visitPost(_ node: StructDeclSyntax) { leaveType() }
    override func visit(_ node: ClassDeclSyntax) -> SyntaxVisitorContinueKind { enterType(node.name.text, node); return .visitChildren }
    override func visitPost(_ node: ClassDeclSyntax) { leaveType() }
    override func visit(_ node: ActorDeclSyntax) -> SyntaxVisitorContinueKind { enterType(node.name.text, node); return .visitChildren }
    override func visitPost(_ node: ActorDeclSyntax) { leaveType() }
    override func visit(_ node: EnumDeclSyntax) -> SyntaxVisitorContinueKind { enterType(node.name.text, node); return .visitChildren }
    override func visitPost(_ node: EnumDeclSyntax) { leaveType() }
    override func visit(_ node: ProtocolDeclSyntax) -> SyntaxVisitorContinueKind { enterType(node.name.text, node); return .visitChildren }
    override func visitPost(_ node: ProtocolDeclSyntax) { leaveType() }
    override func visit(_ node: ExtensionDeclSyntax) -> SyntaxVisitorContinueKind {
        enterType(node.extendedType.trimmedDescription, node, isExtension: true)
        return .visitChildren
    }
    override func visitPost(_ node: ExtensionDeclSyntax) { leaveType() }

    // MARK: References

    override func visit(_ node: DeclReferenceExprSyntax) -> SyntaxVisitorContinueKind {
        stack[stack.count - 1].references.insert(node.baseName.text)
        return .visitChildren
    }

    override func visit(_ node: IdentifierTypeSyntax) -> SyntaxVisitorContinueKind {
        stack[stack.count - 1].references.insert(node.name.text)
        return .visitChildren
    }

    override func visit(_ node: MemberTypeSyntax) -> SyntaxVisitorContinueKind {
        stack[stack.count - 1].references.insert(node.name.text)
        return .visitChildren
    }

    override func visit(_ node: MemberAccessExprSyntax) -> SyntaxVisitorContinueKind {
        let member = node.declName.baseName.text
        stack[stack.count - 1].references.insert(member)
        // `EC2.describeInstances` or `AWSServices.EC2.describeInstances`.
        var baseName: String?
        if let base = node.base?.as(DeclReferenceExprSyntax.self) { baseName = base.baseName.text }
        if let base = node.base?.as(MemberAccessExprSyntax.self) { baseName = base.declName.baseName.text }
        if let baseName, services.contains(baseName) {
            stack[stack.count - 1].operationReferences.append(
                .init(symbol: "\(baseName).\(member)", file: file, line: line(node)))
        }
        return .visitChildren
    }
}
