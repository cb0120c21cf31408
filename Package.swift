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
    ],
    targets: [
        // MARK: Generator
        .target(name: "InfraModel"),
        .target(name: "InfraDSL", dependencies: ["InfraModel"]),
        .target(name: "Blueprint", dependencies: ["InfraModel", "Yams"]),
        .target(name: "Render", dependencies: ["InfraModel"]),
        .systemLibrary(name: "InfragenZlib", path: "Sources/InfragenZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "Deploy",
            dependencies: ["InfraModel", "Render", "InfragenZlib", .product(name: "Crypto", package: "swift-crypto")]),
        .executableTarget(
            name: "infragen",
            dependencies: [
                "InfraModel", "Blueprint", "Render", "Deploy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Runtimes
        .target(
            name: "LambdaRuntime",
            dependencies: ["LambdaGlibcCompat", .product(name: "Logging", package: "swift-log")]),
        // Binds hypot/hypotf to their pre-2.35 glibc versions so runtimes built here load on provided.al2023
        // (docs/deploy.md). Linker flags of a dependency reach every executable that links it. lld, not the default
        // gold: gold applies --wrap to the versioned reference too, and the wrapper would call itself forever.
        .target(
            name: "LambdaGlibcCompat",
            linkerSettings: [
                .unsafeFlags(
                    ["-use-ld=lld", "-Xlinker", "--wrap=hypot", "-Xlinker", "--wrap=hypotf"],
                    .when(platforms: [.linux])),
            ]),
        // A tiny runtime standing in for the real ones in the deploy tests.
        .executableTarget(name: "EchoRuntime", dependencies: ["LambdaRuntime"], path: "Tests/Fixtures/EchoRuntime"),

        // MARK: Tests
        .target(name: "InfragenTestSupport", path: "Tests/InfragenTestSupport"),
        .testTarget(name: "InfragenTestSupportTests", dependencies: ["InfragenTestSupport"]),
        .testTarget(name: "InfraModelTests", dependencies: ["InfraModel"]),
        .testTarget(
            name: "BlueprintTests", dependencies: ["Blueprint", "InfraDSL", "InfragenTestSupport"],
            exclude: ["Malformed"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Blueprint", "InfragenTestSupport"]),
        .testTarget(name: "LambdaRuntimeTests", dependencies: ["LambdaRuntime", "InfragenTestSupport"]),
        .testTarget(name: "DeployTests", dependencies: ["Deploy", "Blueprint", "InfraModel", "InfragenTestSupport"]),
        // Drives the real tools: terraform, cfn-lint, checkov, the aws CLI and moto; and the infragen binary.
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["Render", "Blueprint", "InfragenTestSupport", "infragen", "EchoRuntime"]),
    ]
)
