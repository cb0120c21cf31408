import Foundation
import Testing
import InfragenTestSupport
@testable import Deploy

@Suite struct ELFInspectorTests {
    /// The newest `GLIBC_x.y` in `readelf -V` output, read with a regular expression (independent of our parsers).
    static func readelfMaximumGlibc(_ path: String) throws -> GlibcVersion? {
        let result = try Subprocess.run(["readelf", "-V", "-W", path])
        #expect(result.succeeded, "\(result.stderr)")
        let regex = try NSRegularExpression(pattern: #"Name: GLIBC_([0-9.]+)"#)
        let text = result.stdout as NSString
        return regex.matches(in: result.stdout, range: NSRange(location: 0, length: text.length))
            .compactMap { GlibcVersion(text.substring(with: $0.range(at: 1))) }.max()
    }

    /// `DT_NEEDED` entries as `readelf -d` prints them.
    static func readelfNeeded(_ path: String) throws -> [String] {
        let result = try Subprocess.run(["readelf", "-d", "-W", path])
        return result.stdout.split(separator: "\n").filter { $0.contains("(NEEDED)") }.compactMap { line in
            line.split(separator: "[").last.map { String($0.dropLast()) }
        }
    }

    /// Binaries on this machine: this test process (built here by swift build) and a Debian tool.
    static let binaries = ["/proc/self/exe", "/usr/bin/unzip"]

    @Test(arguments: binaries)
    func nativeParseAgreesWithReadelf(path: String) throws {
        // readelf must see this process's binary, not its own /proc/self/exe.
        let resolved = path == "/proc/self/exe" ? try FileManager.default.destinationOfSymbolicLink(atPath: path) : path
        // The native parser itself (not its readelf fallback).
        let info = try ELFInspector.inspect(try Data(contentsOf: URL(fileURLWithPath: resolved)))
        #expect(info.maximumGlibc == (try Self.readelfMaximumGlibc(resolved)))
        #expect(info.neededLibraries == (try Self.readelfNeeded(resolved)))
        #expect(info.architecture == "x86_64" || info.architecture == "arm64")
        // The readelf-based fallback parser reads the same facts.
        let readelf = try Subprocess.run(["readelf", "-d", "-V", "-l", "-h", "-W", resolved])
        let fallback = try ReadelfOutput.parse(readelf.stdout)
        #expect(fallback.machine == info.machine)
        #expect(fallback.interpreter == info.interpreter)
        #expect(fallback.neededLibraries == info.neededLibraries)
        #expect(fallback.versionRequirements == info.versionRequirements)
        // Every version requirement is used by at least one symbol, and symbols map to declared versions only.
        let declared = Set(info.versionRequirements.values.flatMap { $0 })
        #expect(Set(info.symbolsByVersion.keys).isSubset(of: declared))
        #expect(!info.symbolsByVersion.isEmpty)
    }

    @Test func symbolVersionsMatchObjdump() throws {
        let path = "/usr/bin/unzip"
        let info = try ELFInspector.inspect(try Data(contentsOf: URL(fileURLWithPath: path)))
        let objdump = try Subprocess.run(["objdump", "-T", path])
        // Lines such as `0000000000000000      DF *UND*  0000000000000000 (GLIBC_2.34) __libc_start_main`, and
        // copy-relocated data (`DO .bss ... (GLIBC_2.2.5) stdout`), which is just as much a requirement.
        var expected: [String: Set<String>] = [:]
        for line in objdump.stdout.split(separator: "\n") where line.contains("(GLIBC_") {
            let words = line.split(separator: " ")
            guard let version = words.first(where: { $0.hasPrefix("(GLIBC_") }), let name = words.last else { continue }
            expected[String(version.dropFirst().dropLast()), default: []].insert(String(name))
        }
        #expect(!expected.isEmpty)
        for (version, names) in expected {
            #expect(Set(info.symbolsByVersion[version] ?? []) == names, "\(version)")
        }
    }

    @Test func glibcVersionsOrderNumerically() {
        let versions = ["GLIBC_2.9", "GLIBC_2.34", "GLIBC_2.2.5", "GLIBC_PRIVATE", "GLIBC_2.17"].compactMap {
            GlibcVersion($0)
        }
        #expect(versions.sorted().map(\.description) == ["GLIBC_2.2.5", "GLIBC_2.9", "GLIBC_2.17", "GLIBC_2.34"])
        #expect(GlibcVersion("GLIBCXX_3.4.29", prefix: "GLIBCXX_") == GlibcVersion([3, 4, 29]))
    }

    @Test func notAnELFFileIsAClearError() {
        #expect(throws: DeployError.self) { try ELFInspector.inspect(Data("#!/bin/sh\necho hi\n".utf8)) }
        #expect(throws: DeployError.self) { try ELFInspector.inspect(Data([0x7F, 0x45, 0x4C, 0x46, 2, 1])) }
    }
}

@Suite struct Al2023CompatibilityTests {
    static func info(glibc: [String] = ["GLIBC_2.2.5", "GLIBC_2.34"], libraries: [String] = ["libc.so.6"],
                     machine: UInt16 = 62, cxx: [String] = []) -> ELFInfo {
        var requirements = ["libc.so.6": glibc]
        if !cxx.isEmpty { requirements["libstdc++.so.6"] = cxx }
        return ELFInfo(machine: machine, interpreter: "/lib64/ld-linux-x86-64.so.2", neededLibraries: libraries,
                       versionRequirements: requirements,
                       symbolsByVersion: ["GLIBC_2.35": ["hypotf"], "GLIBC_2.36": ["arc4random"]])
    }

    @Test func glibc234AndBaseLibrariesPass() {
        #expect(Al2023.check(Self.info(libraries: ["libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1"],
                                       cxx: ["GLIBCXX_3.4.29", "CXXABI_1.3.13"]), architecture: "x86_64") == [])
    }

    /// What a runtime needs with the AsyncHTTPClient transport (docs/aws-client.md: `readelf -d` of the static
    /// `inventory-collector`): no libcurl, and NIO's unversioned zlib. Nothing to warn about.
    @Test func theRuntimesLibrariesWithoutLibcurlPass() {
        let libraries = [
            "libm.so.6", "libstdc++.so.6", "libz.so.1", "libgcc_s.so.1", "libc.so.6", "ld-linux-x86-64.so.2",
        ]
        #expect(Al2023.check(Self.info(libraries: libraries, cxx: ["GLIBCXX_3.4.29"]), architecture: "x86_64") == [])
    }

    @Test func newerGlibcIsAnErrorNamingTheSymbolsAndTheFix() throws {
        let findings = Al2023.check(Self.info(glibc: ["GLIBC_2.34", "GLIBC_2.35", "GLIBC_2.36"]))
        let finding = try #require(findings.first)
        #expect(findings.count == 1 && finding.severity == .error)
        #expect(finding.message.contains("requires GLIBC_2.36"))
        #expect(finding.message.contains("hypotf@GLIBC_2.35") && finding.message.contains("arc4random@GLIBC_2.36"))
        #expect(finding.message.contains("--swift-sdk") && finding.message.contains("Amazon Linux"))
    }

    @Test(arguments: [
        ("libxml2.so.2", Al2023.Finding.Severity.error, "FoundationXML"),
        ("libswiftCore.so", .error, "--static-swift-stdlib"),
        ("libfoo.so.1", .warning, "not known to be in provided.al2023"),
    ])
    func librariesOutsideTheBaseImageAreReported(library: String, severity: Al2023.Finding.Severity,
                                                 hint: String) throws {
        let finding = try #require(Al2023.check(Self.info(libraries: ["libc.so.6", library])).first)
        #expect(finding.severity == severity)
        #expect(finding.message.contains(library) && finding.message.contains(hint), "\(finding.message)")
    }

    @Test func symbolVersionsOfOtherLibrariesAreAWarning() throws {
        var info = Self.info(libraries: ["libc.so.6", "libcurl.so.4"])
        info.versionRequirements["libcurl.so.4"] = ["CURL_OPENSSL_4"]
        let findings = Al2023.check(info)
        #expect(findings.count == 1)
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.message.contains("CURL_OPENSSL_4 from libcurl.so.4") == true)
    }

    @Test func newerLibstdcxxIsAnError() throws {
        let finding = try #require(Al2023.check(Self.info(cxx: ["GLIBCXX_3.4.30"])).first)
        #expect(finding.message.contains("GLIBCXX_3.4.30"))
    }

    @Test func architectureMismatchIsAnError() throws {
        let finding = try #require(Al2023.check(Self.info(machine: 62), architecture: "arm64").first)
        #expect(finding.severity == .error && finding.message.contains("x86_64 but the function is arm64"))
    }
}
