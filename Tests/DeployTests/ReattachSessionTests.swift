@testable import Deploy
import Foundation
import Testing

/// A working directory's providers: verified against the lock file terraform wrote, started, recorded, stopped.
@Suite("the providers of one working directory, verified and started once", .serialized)
struct ReattachSessionTests {
    static func start(_ work: URL) throws -> ReattachSession? {
        try ReattachSession.start(directory: work, environment: FakeProvider.environment(), log: { _ in })
    }

    @Test("verified against terraform's h1:, started, recorded; stop forgets it")
    func startsVerifiedProviders() throws {
        let work = try FakeProvider.initialised(label: "session")
        let session = try #require(try Self.start(work))
        let provider = try #require(session.providers.first)
        #expect(session.providers.count == 1 && provider.address == FakeProvider.address)
        let configs = try ReattachConfig.parse(output: "TF_REATTACH_PROVIDERS='\(session.environmentValue)'\n")
        #expect(configs?[FakeProvider.address]?.pid == provider.pid)
        let record = work.appendingPathComponent(ReattachSession.recordName)
        #expect(try String(contentsOf: record, encoding: .utf8).contains("\"pid\":\(provider.pid)"))
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent(ReattachSession.logName).path))

        session.stop()
        #expect(!FakeProvider.isAlive(provider.pid))
        #expect(!FileManager.default.fileExists(atPath: record.path))
    }

    @Test("a package changed after init is refused before anything starts")
    func changedPackageIsRefused() throws {
        let work = try FakeProvider.initialised(label: "session-changed")
        let locked = try #require(try ProviderLock.read(in: work).first)
        let binary = try locked.executable(in: work).resolvingSymlinksInPath()
        try Data((FakeProvider.script + "\n# changed\n").utf8).write(to: binary)
        #expect {
            _ = try Self.start(work)
        } throws: { error in
            (error as? DeployError)?.code == .providerMismatch && "\(error)".contains("does not list")
        }
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent(ReattachSession.logName).path))
    }

    @Test("a lock file with only zh: hashes cannot be checked against an unpacked package: not started")
    func onlyZipHashes() throws {
        let work = try FakeProvider.initialised(label: "session-zh")
        let lock = work.appendingPathComponent(ProviderLock.fileName)
        let text = try String(contentsOf: lock, encoding: .utf8)
            .replacingOccurrences(of: "\"h1:", with: "\"zh:")
        try Data(text.utf8).write(to: lock)
        #expect(try Self.start(work) == nil)
    }

    @Test("a provider left running by a killed infragen is stopped by the next session in that directory")
    func leftoversAreStopped() throws {
        let work = try FakeProvider.initialised(label: "session-leftover")
        let killed = try #require(try Self.start(work))  // never stopped: as if infragen had been killed
        let leftover = try #require(killed.providers.first)
        let next = try #require(try Self.start(work))
        defer { next.stop() }
        _ = ReattachedProvider.exitStatus(leftover.pid)  // reap it: in this test it is our child
        #expect(!FakeProvider.isAlive(leftover.pid))
        #expect(next.providers.first.map { FakeProvider.isAlive($0.pid) } == true)
    }

    @Test("a recorded pid that is no longer that provider is left alone")
    func reusedPidIsLeftAlone() throws {
        let work = try FakeProvider.initialised(label: "session-reused")
        let bystander = Process()
        bystander.executableURL = URL(fileURLWithPath: "/bin/sleep")
        bystander.arguments = ["30"]
        try bystander.run()
        defer { bystander.terminate() }
        let record = [ReattachSession.Record(pid: bystander.processIdentifier, executable: "/x/terraform-provider-fake",
                                             socket: nil)]
        try JSONEncoder().encode(record).write(to: work.appendingPathComponent(ReattachSession.recordName))
        let session = try #require(try Self.start(work))
        session.stop()
        #expect(bystander.isRunning)
    }
}
