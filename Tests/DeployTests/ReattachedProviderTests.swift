@testable import Deploy
import Foundation
import Testing

/// The provider process's life: started in its own process group with terraform's environment, announced,
/// and stopped on every path, leaving no process and no socket behind. A shell script stands in for the provider.
@Suite("a provider started once for several terraform commands")
struct ReattachedProviderTests {
    func start(mode: String = "normal", address: String = FakeProvider.address, timeout: Duration = .seconds(30),
               in folder: URL? = nil) throws -> (ReattachedProvider, URL) {
        let directory = try folder ?? FakeProvider.scratch("reattach")
        let log = directory.appendingPathComponent("provider.log")
        let provider = try ReattachedProvider.start(
            address: address, executable: try FakeProvider.executable(), directory: directory,
            environment: FakeProvider.environment(["FAKE_MODE": mode, "TMPDIR": directory.path]), logFile: log,
            timeout: timeout)
        return (provider, directory)
    }

    @Test("started: announced with its own pid, in its own process group, its output in the log file")
    func startsAndStops() throws {
        let (provider, directory) = try start()
        #expect(provider.config.pid == provider.pid)
        #expect(getpgid(provider.pid) == provider.pid, "its own process group: a Ctrl-C at the terminal misses it")
        let socket = provider.config.address.string
        #expect(FileManager.default.fileExists(atPath: socket))
        let log = try String(contentsOf: provider.logFile, encoding: .utf8)
        #expect(log.contains("pid=\(provider.pid) GOGC=400 cwd=\(directory.path)"), "\(log)")
        #expect(log.contains("TF_REATTACH_PROVIDERS="))

        provider.stop()
        #expect(!FakeProvider.isAlive(provider.pid))
        #expect(!FileManager.default.fileExists(atPath: socket))
        provider.stop()  // a second stop is harmless
    }

    @Test("one that exits before announcing: its log in the error, nothing left running")
    func exitsEarly() throws {
        #expect {
            _ = try start(mode: "exit")
        } throws: { error in
            (error as? DeployError)?.code == .commandFailed && "\(error)".contains("failing on purpose")
        }
    }

    @Test("one that announces nothing: a timeout, and the process is stopped")
    func silent() throws {
        let folder = try FakeProvider.scratch("reattach-silent")
        #expect {
            _ = try start(mode: "silent", timeout: .milliseconds(700), in: folder)
        } throws: { error in
            "\(error)".contains("printed no TF_REATTACH_PROVIDERS within")
        }
        let pid = try #require(FakeProvider.loggedPid(in: folder.appendingPathComponent("provider.log")))
        #expect(!FakeProvider.isAlive(pid), "no process left")
    }

    @Test("one that ignores SIGINT is killed after the grace period, and its socket removed")
    func stubborn() throws {
        let (provider, _) = try start(mode: "stubborn")
        let clock = ContinuousClock()
        let elapsed = clock.measure { provider.stop(grace: .milliseconds(300)) }
        #expect(!FakeProvider.isAlive(provider.pid))
        #expect(!FileManager.default.fileExists(atPath: provider.config.address.string))
        #expect(elapsed >= .milliseconds(300))
    }

    @Test("one that announces another provider is refused and stopped")
    func wrongAddress() throws {
        let folder = try FakeProvider.scratch("reattach-other")
        #expect {
            _ = try start(address: "registry.terraform.io/hashicorp/aws", in: folder)
        } throws: { error in
            "\(error)".contains("announced registry.terraform.io/example/fake, not registry.terraform.io/hashicorp/aws")
        }
        let pid = try #require(FakeProvider.loggedPid(in: folder.appendingPathComponent("provider.log")))
        #expect(!FakeProvider.isAlive(pid))
    }
}
