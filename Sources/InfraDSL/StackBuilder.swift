import InfraModel

/// A piece of a stack declared in Swift: a resource, a parameter, tags or an output.
public protocol StackComponent: Sendable {
    func contribute(to assembly: inout StackAssembly)
}

/// Collects components; functions are added last, once the topics and keys their roles depend on are known —
/// the same order the YAML front end uses, so both produce equal models.
public struct StackAssembly {
    public internal(set) var stack: Stack
    var functions: [FunctionDeclaration] = []

    init(name: String, description: String) { stack = InfraModel.Stack(name: name, description: description) }

    mutating func finish() -> InfraModel.Stack {
        for declaration in functions {
            stack.addLambda(
                declaration.function, logRetentionDays: declaration.logRetentionDays,
                logEncryptionKey: declaration.function.encryptionKey, codeStatements: declaration.statements)
        }
        functions = []
        return stack
    }
}

@resultBuilder
public enum StackBuilder {
    public static func buildExpression(_ component: any StackComponent) -> [any StackComponent] { [component] }
    public static func buildBlock(_ parts: [any StackComponent]...) -> [any StackComponent] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any StackComponent]?) -> [any StackComponent] { part ?? [] }
    public static func buildEither(first: [any StackComponent]) -> [any StackComponent] { first }
    public static func buildEither(second: [any StackComponent]) -> [any StackComponent] { second }
    public static func buildArray(_ parts: [[any StackComponent]]) -> [any StackComponent] { parts.flatMap { $0 } }
}

/// Declares a stack in Swift:
///
/// ```swift
/// let stack = try StackDefinition("aws-inventory") {
///     Table("aws-inventory", hashKey: "resource_id", attributes: ["resource_id": .S])
///     Function("inventory-collector", runtime: "inventory-collector")
/// }.build()
/// ```
public struct StackDefinition: Sendable {
    let name: String
    let description: String
    let components: [any StackComponent]

    public init(_ name: String, description: String = "", @StackBuilder _ content: () -> [any StackComponent]) {
        self.name = name
        self.description = description
        self.components = content()
    }

    /// The model, unvalidated.
    public func model() -> InfraModel.Stack {
        var assembly = StackAssembly(name: name, description: description)
        for component in components { component.contribute(to: &assembly) }
        return assembly.finish()
    }

    /// The validated model; throws every problem at once.
    public func build() throws(DiagnosticError) -> InfraModel.Stack {
        let stack = model()
        let diagnostics = StackValidator().validate(stack)
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        return stack
    }
}
