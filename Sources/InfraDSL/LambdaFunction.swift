import InfraModel

/// A function running one of this package's runtimes; its role and log group are created with it.
public struct LambdaFunction: StackComponent {
    var declaration: FunctionDeclaration

    public init(
        _ name: String, runtime: String, description: String = "",
        @FunctionBuilder _ content: () -> [FunctionPart] = { [] }
    ) {
        var function = Function(name: name, runtime: runtime, role: "", logGroup: "", description: description)
        var statements: [Statement] = []
        for part in content() {
            switch part {
            case .environment(let key, let value): function.environment[key] = value
            case .statement(let statement):
                statements.append(statement)
                function.derivesPolicy = false
            }
        }
        declaration = FunctionDeclaration(function: function, logRetentionDays: 365, statements: statements)
    }

    public func architecture(_ value: Function.Architecture) -> Self { modify { $0.function.architecture = value } }
    public func memory(_ megabytes: Int) -> Self { modify { $0.function.memoryMB = megabytes } }
    public func timeout(_ seconds: Int) -> Self { modify { $0.function.timeoutSeconds = seconds } }
    public func reservedConcurrency(_ count: Int) -> Self { modify { $0.function.reservedConcurrency = count } }
    public func logRetention(days: Int) -> Self { modify { $0.logRetentionDays = days } }
    public func encrypted(with key: String) -> Self { modify { $0.function.encryptionKey = key } }
    public func tracing(_ mode: Function.TracingMode) -> Self { modify { $0.function.tracing = mode } }
    public func onFailure(_ target: Reference) -> Self { modify { $0.function.onFailure = target } }

    private func modify(_ change: (inout FunctionDeclaration) -> Void) -> Self {
        var copy = self
        change(&copy.declaration)
        return copy
    }

    public func contribute(to assembly: inout StackAssembly) { assembly.functions.append(declaration) }
}

struct FunctionDeclaration: Sendable {
    var function: Function
    var logRetentionDays: Int
    var statements: [Statement]
}

/// What a function's body declares: environment variables and (until IAM derivation) policy statements.
public enum FunctionPart: Sendable {
    case environment(String, Value)
    case statement(Statement)
}

/// An environment variable of a function.
public func Environment(_ name: String, _ value: Value) -> FunctionPart { .environment(name, value) }

/// A statement of a function's interim policy.
public func Allow(_ sid: String, _ actions: [String], on resources: [Value]) -> FunctionPart {
    .statement(Statement(sid: sid, actions: actions, resources: resources))
}

@resultBuilder
public enum FunctionBuilder {
    public static func buildBlock(_ parts: FunctionPart...) -> [FunctionPart] { parts }
}
