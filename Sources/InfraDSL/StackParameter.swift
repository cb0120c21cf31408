import InfraModel

/// A deploy-time input. Reference it with `.parameter("name")`.
public struct StackParameter: StackComponent {
    let parameter: Parameter

    public init(
        _ name: String, type: Parameter.ValueType = .string, description: String = "", default defaultValue: String? = nil,
        pattern: String? = nil, sensitive: Bool = false
    ) {
        parameter = Parameter(
            name: name, type: type, description: description, defaultValue: defaultValue, pattern: pattern,
            sensitive: sensitive)
    }

    public func contribute(to assembly: inout StackAssembly) { assembly.stack.parameters.append(parameter) }
}
