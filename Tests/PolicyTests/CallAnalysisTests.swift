import Foundation
import InfragenTestSupport
import Policy
import Testing

/// Derivation on scratch packages: calls through helpers in other files and targets are found, unreachable code
/// is not, and editing the code is the only thing that changes the result.
@Suite("Call analysis on scratch sources")
struct CallAnalysisTests {
    static let manifest = """
        // swift-tools-version: 6.0
        import PackageDescription
        let package = Package(name: "scratch", targets: [
            .executableTarget(name: "app", dependencies: ["Scanner"]),
            .target(name: "Scanner", dependencies: [.target(name: "Shared")]),
            .target(name: "Shared"),
            .target(name: "Unrelated"),
        ])
        """

    func package(_ files: [String: String]) throws -> URL {
        let root = try RepoPaths.scratchDirectory("policy")
        try Self.manifest.write(to: root.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    static let baseFiles = [
        "Sources/app/main.swift": "let scanner = Scanner()\nawait scanner.run()\n",
        "Sources/Scanner/Scanner.swift": """
            struct Scanner {
                func run() async {
                    _ = try? await client.call(EC2.describeInstances, .init())
                    await storeAll()
                }
                func neverCalled() async { _ = try? await client.call(SNS.publish, .init()) }
            }
            """,
        "Sources/Shared/Store.swift": """
            func storeAll() async { _ = try? await client.call(DynamoDB.batchWriteItem, .init()) }
            """,
        "Sources/Unrelated/Other.swift": "func run() async { _ = try? await client.call(S3.listBuckets, .init()) }\n",
    ]

    func symbols(_ root: URL) throws -> [String] {
        try CallAnalysis.operations(root: root, executable: "app", catalog: CatalogTests.catalog).map(\.symbol)
    }

    @Test("calls reached through helpers in other files and targets count; unreachable and unrelated code does not")
    func reachability() throws {
        let root = try package(Self.baseFiles)
        let uses = try CallAnalysis.operations(root: root, executable: "app", catalog: CatalogTests.catalog)
        #expect(uses.map(\.symbol) == ["DynamoDB.batchWriteItem", "EC2.describeInstances"])
        #expect(uses.first?.sites == ["Sources/Shared/Store.swift:1"])
        #expect(uses.last?.sites == ["Sources/Scanner/Scanner.swift:3"])
    }

    @Test("adding a call adds its operation; removing the last call removes it")
    func addAndRemove() throws {
        var files = Self.baseFiles
        files["Sources/Scanner/Buckets.swift"] = """
            extension Scanner {
                func buckets() async { _ = try? await client.call(S3.getBucketVersioning, .init(bucket: "b")) }
            }
            """
        files["Sources/Scanner/Scanner.swift"] = files["Sources/Scanner/Scanner.swift"]!
            .replacingOccurrences(of: "await storeAll()", with: "await storeAll()\n        await buckets()")
        #expect(try symbols(try package(files)) == ["DynamoDB.batchWriteItem", "EC2.describeInstances", "S3.getBucketVersioning"])

        files["Sources/Shared/Store.swift"] = "func storeAll() async {}\n"
        #expect(try symbols(try package(files)) == ["EC2.describeInstances", "S3.getBucketVersioning"])
    }

    @Test("a method is reached only with its type: a same-named method of an unused type adds nothing")
    func membersNeedTheirType() throws {
        var files = Self.baseFiles
        // `write` is referred to (Data's write), but `Journal` is never used: its call must not count.
        files["Sources/Shared/Journal.swift"] = """
            struct Journal {
                func write() async { _ = try? await client.call(SNS.publish, .init()) }
            }
            """
        files["Sources/app/main.swift"]! += "try? Data().write(to: URL(fileURLWithPath: \"/tmp/x\"))\n"
        // An extension of a type the sources do not declare is reachable by its member's name alone.
        files["Sources/Shared/Text.swift"] = """
            extension String {
                func tagged() async { _ = try? await client.call(S3.getBucketTagging, .init(bucket: self)) }
            }
            """
        #expect(try symbols(try package(files)) == ["DynamoDB.batchWriteItem", "EC2.describeInstances"])

        files["Sources/app/main.swift"]! += "await \"bucket\".tagged()\nawait Journal().write()\n"
        #expect(try symbols(try package(files))
            == ["DynamoDB.batchWriteItem", "EC2.describeInstances", "S3.getBucketTagging", "SNS.publish"])
    }

    @Test("an unknown executable is a clear error")
    func unknownExecutable() throws {
        let root = try package(Self.baseFiles)
        #expect(throws: CallAnalysis.Failure.self) {
            try CallAnalysis.operations(root: root, executable: "missing", catalog: CatalogTests.catalog)
        }
    }
}
