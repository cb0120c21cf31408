// swift-tools-version: 6.0
// infragen: infrastructure-as-code and the serverless runtimes it deploys, in one package.
// Target boundaries follow ARCHITECTURE.md: generator targets never import runtime targets and vice versa.
import PackageDescription

let package = Package(
    name: "infragen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "infragen", targets: ["infragen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
    ],
    targets: [
        // MARK: Generator
        .target(name: "InfraModel"),
        .target(name: "InfraDSL", dependencies: ["InfraModel"]),
        .target(name: "Blueprint", dependencies: ["InfraModel", "Yams"]),
        .target(name: "Render", dependencies: ["InfraModel"]),
        // Derives each runtime's IAM policy from the AWS operations its source calls.
        .target(
            name: "Policy",
            dependencies: [
                "InfraModel", "AWSClient", "AWSServices",
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftParser", package: "swift-syntax"),
            ]
        ),
        .systemLibrary(name: "InfragenZlib", path: "Sources/InfragenZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "Deploy",
            dependencies: [
                "InfraModel", "Render", "InfragenZlib", "AWSClient", "AWSServices",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .executableTarget(
            name: "infragen",
            dependencies: [
                "InfraModel", "Blueprint", "Render", "Policy", "Deploy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Runtimes
        .target(
            name: "LambdaRuntime",
            dependencies: ["LambdaGlibcCompat", .product(name: "Logging", package: "swift-log")]),
        // Binds hypot/hypotf to their pre-2.35 glibc versions, and condition_variable::wait to its pre-GCC 12
        // libstdc++ version, so runtimes built here load on provided.al2023
        // (docs/deploy.md). Linker flags of a dependency reach every executable that links it. lld, not the default
        // gold: gold applies --wrap to the versioned reference too, and the wrapper would call itself forever.
        // libstdc++ explicitly: a dynamically linked (debug) build gets it only through libswiftCore, and lld binds
        // the shim's versioned reference only to a library on the link line.
        .target(
            name: "LambdaGlibcCompat",
            linkerSettings: [
                .linkedLibrary("stdc++", .when(platforms: [.linux])),
                .unsafeFlags(
                    ["-use-ld=lld", "-Xlinker", "--wrap=hypot", "-Xlinker", "--wrap=hypotf",
                     "-Xlinker", "--wrap=_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE"],
                    .when(platforms: [.linux])),
            ]),
        // A tiny runtime standing in for the real ones in the deploy tests.
        .executableTarget(name: "EchoRuntime", dependencies: ["LambdaRuntime"], path: "Tests/Fixtures/EchoRuntime"),

        // MARK: Runtimes: the analyzer on AWS (issue 5)
        .target(
            name: "AnalyzerAWS",
            dependencies: [
                "Analyzer", "Inventory", "InventoryStore", "AWSServices", "AWSClient", "LambdaRuntime",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "inventory-analyzer", dependencies: ["AnalyzerAWS", "LambdaRuntime"]),
        .testTarget(
            name: "AnalyzerAWSTests",
            dependencies: [
                "AnalyzerAWS", "Analyzer", "Inventory", "InventoryStore", "AWSServices", "AWSClient", "LambdaRuntime",
                "InfragenTestSupport", "inventory-analyzer", "inventory-collector",
            ]
        ),

        // MARK: AWS client (issue 3)
        .target(name: "AWSSigV4", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "AWSClient",
            dependencies: [
                "AWSSigV4", "JSONText", .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // URLSessionTransport: FoundationNetworking, hence libcurl.so.4; kept out of the Lambda runtimes.
        .target(name: "AWSClientURLSession", dependencies: ["AWSClient"]),
        .target(name: "AWSServices", dependencies: ["AWSClient", "AWSSigV4"]),
        .executableTarget(
            name: "AWSClientBench", dependencies: ["AWSServices", "AWSClient", "AWSSigV4", "AWSClientURLSession"]),
        .testTarget(name: "AWSSigV4Tests", dependencies: ["AWSSigV4", "InfragenTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "AWSClientTests", dependencies: ["AWSClient", "InfragenTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "AWSServicesTests",
            dependencies: [
                "AWSServices", "AWSClientURLSession", "InfragenTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Runtimes: inventory schema and analyzer (pure; AWS I/O is behind protocols)
        .target(name: "Inventory"),
        .target(name: "Analyzer", dependencies: ["Inventory", "JSONText"]),
        .target(name: "JSONText"),
        .executableTarget(
            name: "AnalyzerBench",
            dependencies: ["Analyzer", "AnalyzerAWS", "Inventory", "InventoryStore", "AWSClient", "AWSSigV4"]),
        .testTarget(name: "InventoryTests", dependencies: ["Inventory"]),
        .testTarget(name: "AnalyzerTests", dependencies: ["Analyzer", "Inventory", "InfragenTestSupport"],
                    exclude: ["Golden"]),

        // MARK: Runtimes: inventory collector (issue 4)
        .target(name: "InventoryStore", dependencies: ["Inventory", "AWSServices", "AWSClient"]),
        .target(
            name: "Collector",
            dependencies: [
                "Inventory", "InventoryStore", "AWSServices", "AWSClient", "LambdaRuntime",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "inventory-collector", dependencies: ["Collector", "LambdaRuntime"]),
        .executableTarget(
            name: "CollectorBench", dependencies: ["Collector", "InventoryStore", "AWSServices", "AWSClient"]),
        .testTarget(name: "InventoryStoreTests", dependencies: ["InventoryStore", "InfragenTestSupport"]),
        .testTarget(
            name: "CollectorTests",
            dependencies: ["Collector", "InventoryStore", "InfragenTestSupport", "inventory-collector"]
        ),

        // MARK: Tests
        .target(name: "InfragenTestSupport", path: "Tests/InfragenTestSupport"),
        .testTarget(name: "InfragenTestSupportTests", dependencies: ["InfragenTestSupport"]),
        .testTarget(name: "InfraModelTests", dependencies: ["InfraModel"]),
        .testTarget(
            name: "BlueprintTests", dependencies: ["Blueprint", "InfraDSL", "InfragenTestSupport"],
            exclude: ["Malformed"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Blueprint", "Policy", "InfragenTestSupport"]),
        .testTarget(name: "PolicyTests", dependencies: ["Policy", "Blueprint", "AWSServices", "InfragenTestSupport"]),
        .testTarget(
            name: "IAMProofTests",
            dependencies: [
                "Collector", "AnalyzerAWS", "Analyzer", "AWSClient", "AWSServices", "AWSSigV4", "LambdaRuntime",
                "InfragenTestSupport", .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "LambdaRuntimeTests", dependencies: ["LambdaRuntime", "InfragenTestSupport"]),
        .testTarget(
            name: "DeployTests",
            dependencies: ["Deploy", "Blueprint", "InfraModel", "Render", "AWSClient", "AWSServices", "InfragenTestSupport"]),
        // Drives the real tools: terraform, cfn-lint, checkov, the aws CLI and moto; and the infragen binary.
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["Render", "Blueprint", "Policy", "InfragenTestSupport", "infragen", "EchoRuntime"]),
    ]
)
