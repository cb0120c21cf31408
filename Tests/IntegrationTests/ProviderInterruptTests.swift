import Foundation
import InfragenTestSupport
import Testing

/// No provider process outlives infragen: Ctrl-C (SIGINT; infragen's children each have a process group of their
/// own, so a terminal's Ctrl-C reaches infragen alone), SIGTERM, and SIGKILL (the next command in the directory stops
/// the leftover). Real terraform, the real AWS provider, moto started by the test; each deploy is interrupted during
/// its plan.
@Suite("interrupting a deploy leaves no provider process", .serialized)
struct ProviderInterruptTests {
    /// Starts `infragen deploy` and waits until the shared provider has started and terraform is planning.
    func startDeploy(moto: MotoServer, work: String, shared: Bool = true) throws -> (Process, URL, Int32?) {
        let artifacts = try EchoArtifacts.shared.get()
        let output = URL(fileURLWithPath: work).appendingPathComponent("deploy.out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Tools.infragen())
        process.arguments = ["deploy", DeployCommandTests.blueprint, "--artifacts",
                             artifacts.directory.path, "--auto-approve", "--var",
                             "alert_email=\(DeployCommandTests.recipient)", "--endpoint", moto.endpoint,
                             "--work-dir", work]
        process.currentDirectoryURL = RepoPaths.root
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["INFRAGEN_TF_REATTACH": shared ? "1" : "0"]) { _, new in new }
        try process.run()
        let deadline = Date().addingTimeInterval(240)
        while Date() < deadline {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            let pid = ProviderProcesses.announcedPid(in: text)
            if pid != nil || !shared, text.contains("infragen: terraform plan") {
                Thread.sleep(forTimeInterval: 1)  // into the plan: terraform is talking to the provider
                return (process, output, pid)
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        process.terminate()
        throw Tools.Missing(description: "the deploy never reached its plan with a shared provider: "
            + ((try? String(contentsOf: output, encoding: .utf8)) ?? ""))
    }

    @Test("Ctrl-C or SIGTERM: terraform is told to stop, then infragen stops the provider and ends by that signal",
          arguments: [SIGINT, SIGTERM])
    func interrupted(by signal: Int32) throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let work = try RepoPaths.scratchDirectory("interrupt-\(signal)").path
        let (process, output, announced) = try startDeploy(moto: moto, work: work)
        let provider = try #require(announced)
        #expect(kill(process.processIdentifier, signal) == 0)
        process.waitUntilExit()
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal, "\(text)")
        #expect(!text.contains("infragen: terraform apply"), "nothing is applied after the signal")
        #expect(kill(provider, 0) == -1, "provider \(provider) still running")
        #expect(ProviderProcesses.running(in: work + "/terraform").isEmpty)
        #expect(ProviderProcesses.terraform(in: work + "/terraform").isEmpty, "terraform left running")
        #expect(!FileManager.default.fileExists(atPath: work + "/terraform/.terraform/infragen-providers.json"))
    }

    @Test("without a shared provider, Ctrl-C still reaches terraform: it stops, nothing is applied, none is left")
    func controlCUnshared() throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let work = try RepoPaths.scratchDirectory("interrupt-unshared").path
        let (process, output, announced) = try startDeploy(moto: moto, work: work, shared: false)
        #expect(announced == nil)
        #expect(kill(process.processIdentifier, SIGINT) == 0)
        process.waitUntilExit()
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGINT, "\(text)")
        #expect(!text.contains("infragen: terraform apply"))
        #expect(ProviderProcesses.terraform(in: work + "/terraform").isEmpty, "terraform left running")
    }

    @Test("SIGKILL: the provider outlives infragen, and the next command in that directory stops it")
    func killed() throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let work = try RepoPaths.scratchDirectory("interrupt-kill").path
        let (process, _, announced) = try startDeploy(moto: moto, work: work)
        let provider = try #require(announced)
        #expect(kill(process.processIdentifier, SIGKILL) == 0)
        // Not `waitUntilExit()`: Foundation did not always notice this child's death here (it stayed a zombie and
        // the wait never returned), so wait for the process to be dead (a zombie or gone) in /proc.
        let dead = Date().addingTimeInterval(30)
        while ProviderProcesses.isAlive(process.processIdentifier) && Date() < dead {
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(ProviderProcesses.running(in: work + "/terraform") == [provider])
        // The orphaned terraform plan still runs (its own process group) and holds the state lock: let it end.
        let deadline = Date().addingTimeInterval(180)
        while !ProviderProcesses.terraform(in: work + "/terraform").isEmpty && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
        }

        let diff = try Subprocess.run([try Tools.infragen(), "diff", DeployCommandTests.blueprint, "--endpoint",
                                       moto.endpoint, "--work-dir", work], directory: RepoPaths.root)
        #expect(diff.stdout.contains("stopping provider process \(provider) left running by an earlier infragen"),
                "\(diff.stdout.prefix(2000))\(diff.stderr)")
        #expect([0, 3].contains(diff.status), "\(diff.stderr)")
        #expect(ProviderProcesses.running(in: work + "/terraform").isEmpty)
    }
}
