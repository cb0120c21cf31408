import AWSClient
import AWSServices
import SwiftParser
import SwiftSyntax

/// Joins the operation values' Swift names (`EC2.describeInstances`, read from AWSServices' source) with their
/// descriptors (IAM action, resource ARN pattern), so a reference found in a runtime's source resolves to what it
/// needs permission for. The IAM facts live only in the operation definitions.
public struct OperationCatalog: Sendable {
    /// `Service.operation` → descriptor.
    public private(set) var operations: [String: AWSOperationDescriptor] = [:]
    /// Symbols declared in source that no descriptor matched, and descriptors no declaration matched.
    public private(set) var unmatchedSymbols: [String] = []
    public private(set) var unmatchedDescriptors: [String] = []

    /// The service enum names (`EC2`, `DynamoDB`, …).
    public var services: Set<String> { Set(operations.keys.map { String($0.split(separator: ".")[0]) }) }

    /// - Parameter sources: the AWSServices files' text.
    public init(sources: [String], descriptors: [AWSOperationDescriptor] = AWSServiceCatalog.operations) {
        let collector = OperationDeclarationCollector(viewMode: .sourceAccurate)
        for source in sources { collector.walk(Parser.parse(source: source)) }
        var remaining = Set(descriptors)
        for declaration in collector.declarations {
            guard let modelName = collector.serviceModelNames[declaration.serviceProperty],
                let descriptor = descriptors.first(where: { $0.service.modelName == modelName && $0.name == declaration.wireName })
            else {
                unmatchedSymbols.append(declaration.symbol)
                continue
            }
            operations[declaration.symbol] = descriptor
            remaining.remove(descriptor)
        }
        unmatchedDescriptors = remaining.map(\.description).sorted()
    }
}

/// Finds `static let name = AWSOperation<…>(service: .x, name: "Wire", …)` inside `enum Service` (or an
/// `extension Service`), and
/// `static let x = AWSService(modelName: "…")`.
private final class OperationDeclarationCollector: SyntaxVisitor {
    struct Declaration {
        var symbol: String
        var serviceProperty: String
        var wireName: String
    }

    var declarations: [Declaration] = []
    var serviceModelNames: [String: String] = [:]
    private var enums: [String] = []

    override func visit(_ node: EnumDeclSyntax) -> SyntaxVisitorContinueKind { enums.append(node.name.text); return .visitChildren }
    override func visitPost(_ node: EnumDeclSyntax) { enums.removeLast() }
    // `extension S3 { static let putObject = … }` in S3+Objects.swift declares `S3.putObject` too.
    override func visit(_ node: ExtensionDeclSyntax) -> SyntaxVisitorContinueKind {
        enums.append(node.extendedType.trimmedDescription)
        return .visitChildren
    }
    override func visitPost(_ node: ExtensionDeclSyntax) { enums.removeLast() }

    override func visit(_ node: VariableDeclSyntax) -> SyntaxVisitorContinueKind {
        for binding in node.bindings {
            guard let name = binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.text,
                let call = binding.initializer?.value.as(FunctionCallExprSyntax.self)
            else { continue }
            let callee = call.calledExpression.trimmedDescription
            func argument(_ label: String) -> String? {
                call.arguments.first { $0.label?.text == label }.map { $0.expression.trimmedDescription }
            }
            if callee.hasPrefix("AWSOperation"), let enumName = enums.last,
                let service = argument("service"), let wire = argument("name")
            {
                declarations.append(.init(
                    symbol: "\(enumName).\(name)", serviceProperty: String(service.drop { $0 == "." }),
                    wireName: wire.trimmingQuotes))
            } else if callee == "AWSService", let model = argument("modelName") {
                serviceModelNames[name] = model.trimmingQuotes
            }
        }
        return .skipChildren
    }
}

extension String {
    fileprivate var trimmingQuotes: String { String(self.drop { $0 == "\"" }.reversed().drop { $0 == "\"" }.reversed()) }
}
