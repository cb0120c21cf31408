import AWSClient
import AWSServices
import Inventory

/// Lambda functions (`lambda:ListFunctions`). Tags are not part of the listing and are not fetched: no analyzer
/// rule needs them for functions, and one `ListTags` per function would double the calls.
public struct LambdaFunctionScanner: ResourceScanner {
    public let service = "lambda"
    public let resourceType = ResourceType.lambdaFunction
    public init() {}

    public func scan(_ client: AWSClient, scope: ScanScope) async throws -> ScanResult {
        var items: [InventoryItem] = []
        let pages = client.paginate(Lambda.listFunctions, .init(maxItems: scope.pageSizes.lambda),
                                    inputToken: \.marker, outputToken: \.nextMarker)
        for try await page in pages {
            for function in page.functions ?? [] {
                let details = LambdaFunction(
                    runtime: function.runtime.flatMap { $0.isEmpty ? nil : $0 },
                    architectures: function.architectures ?? ["x86_64"], memorySizeMB: function.memorySize,
                    lastModified: AWSDateText.parse(function.lastModified),
                    packageType: function.packageType ?? "Zip")
                items.append(scope.item(
                    resourceID: function.arn ?? scope.arn("lambda", "function:" + function.name), name: function.name,
                    state: nil, tags: [:], details: .lambdaFunction(details)))
            }
        }
        return ScanResult(items: items)
    }
}
