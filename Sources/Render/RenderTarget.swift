import InfraModel

/// The deployable outputs infragen renders.
public enum RenderTarget: String, CaseIterable, Sendable {
    case terraform
    case cloudformation

    /// Renders the stack for each target, in a fixed order.
    public static func files(for stack: Stack, targets: [RenderTarget] = RenderTarget.allCases) -> [RenderedFile] {
        targets.map { target in
            switch target {
            case .terraform: TerraformRenderer().render(stack)
            case .cloudformation: CloudFormationRenderer().render(stack)
            }
        }
    }
}
