@testable import Deploy
import Foundation
import Testing

/// A provider package's `h1:` hash is computed once per install and recomputed whenever a file could have changed.
@Suite struct ProviderHashCacheTests {
    let work: URL
    let package: URL

    init() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("hash-cache-\(UUID())")
        package = work.appendingPathComponent("package")
        try FileManager.default.createDirectory(at: package.appendingPathComponent("docs"),
                                                withIntermediateDirectories: true)
        try write("terraform-provider-fake_v1", "#!/bin/sh\necho provider\n")
        try write("docs/LICENSE", "license text\n")
    }

    private func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: package.appendingPathComponent(path))
    }

    private func hash(settle: TimeInterval = 0) throws -> (hash: String, reused: Bool) {
        try ProviderHashCache.h1(of: package, recordIn: work, settle: settle)
    }

    /// Lets the kernel's coarse file clock move on, so a rewrite gets a later ctime than the recorded one.
    private func tick() { Thread.sleep(forTimeInterval: 0.05) }

    @Test func theSecondCheckReusesTheHashOfUnchangedFiles() throws {
        let first = try hash()
        let direct = try ProviderPackageHash.h1(of: package)
        #expect(!first.reused && first.hash == direct)
        let second = try hash()
        #expect(second.reused && second.hash == first.hash)
    }

    @Test func aFileRewrittenInPlaceWithItsSizeAndMtimeRestoredIsHashedAgain() throws {
        let first = try hash()
        let binary = package.appendingPathComponent("terraform-provider-fake_v1")
        let mtime = try #require(try FileManager.default.attributesOfItem(atPath: binary.path)[.modificationDate])
        tick()
        try write("terraform-provider-fake_v1", "#!/bin/sh\necho PROVIDER\n")  // same length
        try FileManager.default.setAttributes([.modificationDate: mtime], ofItemAtPath: binary.path)
        let second = try hash()
        let direct = try ProviderPackageHash.h1(of: package)
        #expect(!second.reused && second.hash != first.hash && second.hash == direct)
    }

    @Test func anAddedOrRemovedFileIsHashedAgain() throws {
        let first = try hash()
        try write("docs/extra", "x")
        let added = try hash()
        #expect(!added.reused && added.hash != first.hash)
        try FileManager.default.removeItem(at: package.appendingPathComponent("docs/extra"))
        let removed = try hash()
        #expect(!removed.reused && removed.hash == first.hash)
    }

    @Test func filesChangedWithinTheSettleTimeAreNotRemembered() throws {
        _ = try hash(settle: 3600)
        #expect(!(try hash(settle: 3600)).reused)
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent(ProviderHashCache.recordName).path))
    }

    @Test func anUnreadableRecordIsIgnored() throws {
        let record = work.appendingPathComponent(ProviderHashCache.recordName)
        try FileManager.default.createDirectory(at: record.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("not json".utf8).write(to: record)
        let result = try hash()
        let direct = try ProviderPackageHash.h1(of: package)
        #expect(!result.reused && result.hash == direct)
        #expect(try hash().reused)
    }
}
