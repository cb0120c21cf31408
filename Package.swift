// swift-tools-version: 6.0
// infragen: infrastructure-as-code and the serverless runtimes it deploys, in one package.
// Target boundaries follow ARCHITECTURE.md: generator targets never import runtime targets and vice versa.
import PackageDescription

let package = Package(
    name: "infragen",
    platforms: [.macOS(.v14)],
    products: [],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // MARK: Runtimes
        .target(name: "LambdaRuntime", dependencies: [.product(name: "Logging", package: "swift-log")]),
        // MARK: Deploy (packaging; the terraform/CloudFormation drivers join it)
        .systemLibrary(name: "InfragenZlib", path: "Sources/InfragenZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Deploy", dependencies: ["InfragenZlib", .product(name: "Crypto", package: "swift-crypto")]),

        // MARK: Test support (test-only)
        .target(name: "InfragenTestSupport", path: "Tests/InfragenTestSupport"),
        .testTarget(name: "InfragenTestSupportTests", dependencies: ["InfragenTestSupport"]),
        .testTarget(name: "LambdaRuntimeTests", dependencies: ["LambdaRuntime", "InfragenTestSupport"]),
        .testTarget(name: "DeployTests", dependencies: ["Deploy", "InfragenTestSupport"]),
    ]
)
