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
        // MARK: AWS client (issue 3)
        .target(name: "AWSSigV4", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "AWSClient",
            dependencies: ["AWSSigV4", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "AWSServices", dependencies: ["AWSClient", "AWSSigV4"]),
        .executableTarget(name: "AWSClientBench", dependencies: ["AWSServices", "AWSClient", "AWSSigV4"]),
        .testTarget(name: "AWSSigV4Tests", dependencies: ["AWSSigV4", "InfragenTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "AWSClientTests", dependencies: ["AWSClient", "InfragenTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "AWSServicesTests",
            dependencies: ["AWSServices", "InfragenTestSupport", .product(name: "Logging", package: "swift-log")]
        ),

        // MARK: Test support (test-only)
        .target(name: "InfragenTestSupport", path: "Tests/InfragenTestSupport"),
        .testTarget(name: "InfragenTestSupportTests", dependencies: ["InfragenTestSupport"]),
    ]
)
