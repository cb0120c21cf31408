// swift-tools-version: 6.0
// A hello-world executable for the packaging tests: small enough to release-build quickly, real enough (Swift
// runtime, FoundationEssentials' JSON coder) that the glibc check sees what a runtime built here needs.
import PackageDescription

let package = Package(
    name: "PackagingFixture",
    products: [.executable(name: "PackagingFixture", targets: ["PackagingFixture"])],
    targets: [.executableTarget(name: "PackagingFixture")]
)
