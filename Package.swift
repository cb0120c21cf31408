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
        // MARK: Runtimes: inventory schema and analyzer (pure; AWS I/O is behind protocols)
        .target(name: "Inventory"),
        .target(name: "Analyzer", dependencies: ["Inventory"]),
        .executableTarget(name: "AnalyzerBench", dependencies: ["Analyzer", "Inventory"]),
        .testTarget(name: "InventoryTests", dependencies: ["Inventory"]),
        .testTarget(name: "AnalyzerTests", dependencies: ["Analyzer", "Inventory", "InfragenTestSupport"],
                    exclude: ["Golden"]),

        // MARK: Test support (test-only)
        .target(name: "InfragenTestSupport", path: "Tests/InfragenTestSupport"),
    ]
)
