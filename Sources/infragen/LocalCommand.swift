import ArgumentParser
import Deploy
import Foundation

struct LocalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "local",
        abstract: "Start, stop and inspect the local AWS (a moto server on a free loopback port).",
        discussion: """
            `up` starts moto through tools/moto-launcher.py, detached, installing moto[server] with pip when it is
            missing; it writes the endpoint to .infragen/local/endpoint, the pid to .infragen/local/pid and the
            server's log to .infragen/local/moto.log. Other commands use it when given --local.
            `status` exits 0 when running, 3 when not. `down` stops it.

            Example: infragen local up && infragen deploy blueprints/aws-inventory.yaml --local --auto-approve ...
            """,
        subcommands: [Up.self, Down.self, Status.self])

    static func emulator() -> LocalEmulator { LocalEmulator(launcher: Launcher.path()) }

    struct Up: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start the local AWS (no-op when running).")

        func run() throws {
            let emulator = LocalCommand.emulator()
            let wasRunning = emulator.runningEndpoint() != nil
            let endpoint = try emulator.up(log: say)
            say(wasRunning ? "local AWS already running at \(endpoint)" : "local AWS running at \(endpoint)")
            say("endpoint written to \(emulator.endpointFile.path); use --local with deploy/diff/destroy/invoke")
        }
    }

    struct Down: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the local AWS.")

        func run() throws {
            say(try LocalCommand.emulator().down() ? "local AWS stopped" : "local AWS was not running")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the local AWS runs, and where.")

        func run() throws {
            switch LocalCommand.emulator().status() {
            case .running(let endpoint, let pid):
                say("running at \(endpoint) (pid \(pid))")
            case .stopped(let stale):
                let note = " (a stopped server's files were left; `infragen local up` replaces them)"
                say("not running" + (stale ? note : ""))
                throw ExitCode(3)
            }
        }
    }
}
