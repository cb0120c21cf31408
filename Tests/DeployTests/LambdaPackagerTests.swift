import Foundation
import Testing
import InfragenTestSupport
@testable import Deploy

/// A real release build (`--static-swift-stdlib`) of `Tests/Fixtures/PackagingFixture`, packaged twice.
/// The fixture's scratch directory lives under `.build/`; the test deletes it between the two packagings so the
/// second is a clean rebuild (~5 s each on an idle core). Same scratch path on purpose: the Swift toolchain writes a
/// path-dependent `.swift_modhash` section, so a build in another directory differs in 36 bytes (see docs/runtime.md).
@Suite(.serialized) struct LambdaPackagerTests {
    static let fixture = RepoPaths.file("Tests/Fixtures/PackagingFixture")
    static let scratch = RepoPaths.file(".build/packaging-fixture")

    @Test func releaseBuildIsStrippedCheckedAndZippedReproducibly() throws {
        let output = try RepoPaths.scratchDirectory("package")
        defer { try? FileManager.default.removeItem(at: output) }
        let request = { (directory: String) in
            PackageRequest(packagePath: Self.fixture, product: "PackagingFixture",
                           outputDirectory: output.appendingPathComponent(directory), scratchPath: Self.scratch)
        }
        let packager = LambdaPackager()
        let first = try packager.package(request("one"))
        // A clean rebuild (not just a no-op incremental build) must give the same zip.
        try FileManager.default.removeItem(at: Self.scratch)
        let second = try packager.package(request("two"))
        #expect(first.sha256 == second.sha256, "same sources must give the same zip")
        #expect(try Data(contentsOf: first.zip) == Data(contentsOf: second.zip))
        #expect(first.zipSize == (try Data(contentsOf: first.zip).count))
        print("PackagingFixture: \(first.summary)")

        // The zip holds exactly `bootstrap`, mode 0755, and it runs.
        let unpacked = output.appendingPathComponent("unpacked")
        let unzip = try Subprocess.run(["unzip", "-q", first.zip.path, "-d", unpacked.path])
        #expect(unzip.succeeded, "\(unzip.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: unpacked.path) == ["bootstrap"])
        let bootstrap = unpacked.appendingPathComponent("bootstrap").path
        let mode = try FileManager.default.attributesOfItem(atPath: bootstrap)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o755)
        let run = try Subprocess.run([bootstrap, "x"])
        #expect(run.stdout == #"{"arguments":["x"],"message":"hello from bootstrap"}"# + "\n")

        // Stripped: no symbol table left, smaller than the unstripped build output.
        let symbols = try Subprocess.run(["readelf", "-S", "-W", bootstrap])
        #expect(!symbols.stdout.contains(".symtab"))
        let built = Self.scratch.appendingPathComponent("release/PackagingFixture").path
        let builtSize = try FileManager.default.attributesOfItem(atPath: built)[.size] as? NSNumber
        #expect(first.binarySize < builtSize?.intValue ?? 0)

        // The ELF report matches readelf on the real binary: its newest GLIBC and its libraries.
        let readelfMaximum = try ELFInspectorTests.readelfMaximumGlibc(bootstrap)
        #expect(first.elf.maximumGlibc == readelfMaximum)
        #expect(first.elf.neededLibraries == (try ELFInspectorTests.readelfNeeded(bootstrap)))
        // --static-swift-stdlib: no Swift runtime library is loaded dynamically.
        #expect(!first.elf.neededLibraries.contains { $0.hasPrefix("libswift") || $0.hasPrefix("libFoundation") })
        // And the verdict follows from the facts: an error exactly when the binary needs more than glibc 2.34.
        let glibcError = first.findings.first { $0.message.contains("provided.al2023 has glibc 2.34") }
        if let readelfMaximum, readelfMaximum > Al2023.glibc {
            #expect(glibcError?.message.contains(readelfMaximum.description) == true)
            #expect(!first.loadsOnAl2023)
        } else {
            #expect(glibcError == nil)
        }
    }

    @Test func buildArgumentsPassTheSwiftSDKThrough() {
        let request = PackageRequest(packagePath: URL(fileURLWithPath: "/src"), product: "inventory-collector",
                                     outputDirectory: URL(fileURLWithPath: "/out"), swiftSDK: "x86_64-swift-linux-musl")
        #expect(LambdaPackager.buildArguments(request) == [
            "swift", "build", "-c", "release", "--product", "inventory-collector", "--static-swift-stdlib",
            "--package-path", "/src", "--swift-sdk", "x86_64-swift-linux-musl",
        ])
    }

    @Test func aFailingBuildReportsTheCompilerOutput() throws {
        let output = try RepoPaths.scratchDirectory("package-fail")
        defer { try? FileManager.default.removeItem(at: output) }
        do {
            _ = try LambdaPackager().package(PackageRequest(
                packagePath: Self.fixture, product: "NoSuchProduct", outputDirectory: output,
                scratchPath: Self.scratch))
            Issue.record("expected the build to fail")
        } catch {
            #expect(error.code == .commandFailed)
            #expect(error.message.contains("NoSuchProduct"))
        }
    }
}
