import AWSServices
import InfragenTestSupport
import Policy
import Testing

@Suite("Operation catalog")
struct CatalogTests {
    static let catalog: OperationCatalog = {
        try! PolicyDerivation(root: RepoPaths.root).catalog
    }()

    @Test("every operation declared in AWSServices' source matches a descriptor, and every descriptor a declaration")
    func complete() {
        #expect(Self.catalog.unmatchedSymbols.isEmpty)
        #expect(Self.catalog.unmatchedDescriptors.isEmpty)
        #expect(Self.catalog.operations.count == AWSServiceCatalog.operations.count)
    }

    @Test("symbols resolve to IAM actions that are not always service:Operation")
    func actions() {
        #expect(Self.catalog.operations["S3.listBuckets"]?.iamAction == "s3:ListAllMyBuckets")
        #expect(Self.catalog.operations["S3.getBucketLifecycleConfiguration"]?.iamAction == "s3:GetLifecycleConfiguration")
        #expect(Self.catalog.operations["BedrockRuntime.converse"]?.iamAction == "bedrock:InvokeModel")
        #expect(Self.catalog.operations.values.allSatisfy { !$0.iamAction.contains("*") })
    }
}
