import InfraModel

/// A value the deployed stack reports (a Terraform output, a CloudFormation output).
public struct StackOutput: StackComponent {
    let output: Output
    public init(_ name: String, _ value: Value, description: String = "") {
        output = Output(name: name, value: value, description: description)
    }
    public func contribute(to assembly: inout StackAssembly) { assembly.stack.outputs.append(output) }
}
