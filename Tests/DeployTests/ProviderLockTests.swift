@testable import Deploy
import Foundation
import InfragenTestSupport
import Testing

@Suite("the lock file and terraform's h1: hash of a provider package")
struct ProviderLockTests {
    @Test func readsEveryProviderWithItsHashes() throws {
        let text = """
            # This file is maintained automatically by "terraform init".
            # Manual edits may be lost in future updates.

            provider "registry.terraform.io/hashicorp/aws" {
              version     = "5.100.0"
              constraints = "~> 5.100"
              hashes = [
                "h1:edXOJWE4ORX8Fm+dpVpICzMZJat4AX0VRCAy/xkcOc0=",
                "zh:0123",
              ]
            }

            provider "registry.terraform.io/hashicorp/random" {
              version = "3.6.0"
              hashes  = ["h1:abc="]
            }
            """
        let providers = try ProviderLock.parse(text, origin: "lock")
        #expect(providers == [
            LockedProvider(address: "registry.terraform.io/hashicorp/aws", version: "5.100.0",
                           hashes: ["h1:edXOJWE4ORX8Fm+dpVpICzMZJat4AX0VRCAy/xkcOc0=", "zh:0123"]),
            LockedProvider(address: "registry.terraform.io/hashicorp/random", version: "3.6.0", hashes: ["h1:abc="]),
        ])
        #expect(providers[0].type == "aws")
        let work = URL(fileURLWithPath: "/w")
        #expect(providers[0].packageDirectory(in: work).path
                == "/w/.terraform/providers/registry.terraform.io/hashicorp/aws/5.100.0/\(LockedProvider.platform)")
    }

    @Test func aLineOutsideABlockIsAnError() {
        #expect(throws: DeployError.self) { try ProviderLock.parse("terraform {\n}\n", origin: "lock") }
    }

    @Test("h1: is what terraform init computes for an unpacked package from a local mirror")
    func h1MatchesTerraform() throws {
        let work = try FakeProvider.initialised(label: "h1")
        let locked = try #require(try ProviderLock.read(in: work).first)
        let fromTerraform = try #require(locked.hashes.first { $0.hasPrefix("h1:") })
        #expect(try ProviderPackageHash.h1(of: locked.packageDirectory(in: work)) == fromTerraform)
        #expect(try locked.executable(in: work).lastPathComponent == "terraform-provider-fake_v1.0.0")

        // One changed byte in any file changes it.
        let extra = locked.packageDirectory(in: work).resolvingSymlinksInPath()
            .appendingPathComponent("docs/NOTES.txt")
        try Data("notes!\n".utf8).write(to: extra)
        #expect(try ProviderPackageHash.h1(of: locked.packageDirectory(in: work)) != fromTerraform)
    }

    @Test("the summary lines: sha256, two spaces, the relative path, sorted bytewise")
    func summaryLayout() throws {
        let directory = try FakeProvider.scratch("dirhash")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sub"),
                                                withIntermediateDirectories: true)
        try Data("b".utf8).write(to: directory.appendingPathComponent("sub/b"))
        try Data("a".utf8).write(to: directory.appendingPathComponent("Z"))
        try Data("".utf8).write(to: directory.appendingPathComponent("a"))
        #expect(try ProviderPackageHash.files(under: directory) == ["Z", "a", "sub/b"])
        // The same summary hashed by Python's hashlib, independently of swift-crypto.
        let lines = [("Z", "a"), ("a", ""), ("sub/b", "b")].map { name, contents in
            "\(DeterministicZip.sha256Hex(Data(contents.utf8)))  \(name)\n"
        }.joined()
        let script = "import base64, hashlib, sys; "
            + "print(base64.b64encode(hashlib.sha256(sys.argv[1].encode()).digest()).decode())"
        let expected = try Subprocess.run(["python3", "-c", script, lines]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try ProviderPackageHash.h1(of: directory) == "h1:" + expected)
    }
}
