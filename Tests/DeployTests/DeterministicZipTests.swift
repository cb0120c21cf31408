import Crypto
import Foundation
import Testing
import InfragenTestSupport
@testable import Deploy

@Suite struct DeterministicZipTests {
    static let binaryLike = Data((0..<200_000).map { UInt8(truncatingIfNeeded: ($0 * 7919) % 251 + ($0 / 1000)) })

    static func sha256(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    @Test(arguments: [DeterministicZip.Compression.deflate, .store])
    func sameEntriesGiveTheSameBytesWhateverTheOrder(compression: DeterministicZip.Compression) throws {
        let entries = [
            ZipEntry(name: "bootstrap", contents: Self.binaryLike, mode: 0o755),
            ZipEntry(name: "data/prices.json", contents: Data(#"{"gp2":0.1}"#.utf8)),
        ]
        let first = try DeterministicZip.archive(entries, compression: compression)
        let second = try DeterministicZip.archive(entries.reversed(), compression: compression)
        #expect(Self.sha256(first) == Self.sha256(second))
        var changed = entries
        changed[0].contents[100] ^= 1
        #expect(try Self.sha256(DeterministicZip.archive(changed, compression: compression)) != Self.sha256(first))
        var chmod = entries
        chmod[0].mode = 0o700
        #expect(try Self.sha256(DeterministicZip.archive(chmod, compression: compression)) != Self.sha256(first))
    }

    @Test(arguments: [DeterministicZip.Compression.deflate, .store])
    func unzipExtractsAnExecutableBootstrapWithTheSameBytes(compression: DeterministicZip.Compression) throws {
        let directory = try RepoPaths.scratchDirectory("zip")
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("function.zip")
        try DeterministicZip.write([ZipEntry(name: "bootstrap", contents: Self.binaryLike, mode: 0o755)], to: zip,
                                   compression: compression)
        let test = try Subprocess.run(["unzip", "-t", zip.path])
        #expect(test.succeeded && test.stdout.contains("No errors detected"), "\(test.stdout)\(test.stderr)")
        let out = directory.appendingPathComponent("out")
        let extract = try Subprocess.run(["unzip", "-q", zip.path, "-d", out.path])
        #expect(extract.succeeded, "\(extract.stderr)")
        let bootstrap = out.appendingPathComponent("bootstrap")
        #expect(try Data(contentsOf: bootstrap) == Self.binaryLike)
        let attributes = try FileManager.default.attributesOfItem(atPath: bootstrap.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o755)
    }

    /// Python's zipfile reads the headers independently: Unix host, the 1980 epoch, no extra fields, the mode.
    @Test func headersCarryNoTimestampsOrExtraFields() throws {
        let directory = try RepoPaths.scratchDirectory("zip-headers")
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("function.zip")
        try DeterministicZip.write([
            ZipEntry(name: "bootstrap", contents: Self.binaryLike, mode: 0o755),
            ZipEntry(name: "README.txt", contents: Data("x".utf8)),
        ], to: zip)
        let script = """
            import sys, zipfile
            with open(sys.argv[1], 'rb') as f:
                raw = f.read()
            z = zipfile.ZipFile(sys.argv[1])
            for i in z.infolist():
                print(i.filename, i.create_system, i.date_time, oct(i.external_attr >> 16), len(i.extra),
                      i.compress_type, i.flag_bits)
            # Local headers too: the extra-field length at offset 28 of each local header must be 0.
            print('local-extra', sum(int.from_bytes(raw[o + 28:o + 30], 'little')
                                     for o in (i.header_offset for i in z.infolist())))
            """
        let result = try Subprocess.run(["python3", "-c", script, zip.path])
        #expect(result.succeeded, "\(result.stderr)")
        #expect(result.stdout == """
            README.txt 3 (1980, 1, 1, 0, 0, 0) 0o100644 0 0 0
            bootstrap 3 (1980, 1, 1, 0, 0, 0) 0o100755 0 8 0
            local-extra 0

            """)
    }

    @Test func refusesDuplicateAndAbsoluteNames() {
        #expect(throws: DeployError.self) {
            try DeterministicZip.archive([ZipEntry(name: "a", contents: Data()), ZipEntry(name: "a", contents: Data())])
        }
        #expect(throws: DeployError.self) { try DeterministicZip.archive([ZipEntry(name: "/etc/x", contents: Data())]) }
    }
}
