import Foundation
import Synchronization

/// The providers of one terraform working directory, started once for several terraform commands (see
/// `ReattachedProvider`), with what must hold before terraform may trust them:
///
/// - terraform does not check a reattached provider against `.terraform.lock.hcl`, so the session does: each
///   provider's installed package must have an `h1:` hash the lock file lists (`ProviderPackageHash`, computed once
///   per install: `ProviderHashCache`). A lock file with only `zh:` hashes (the registry's zip archives) cannot be
///   checked against an unpacked package: then `start` returns nil and terraform starts its providers itself,
///   checking them as usual.
/// - every provider is stopped by `stop()`, by a signal (`InterruptGuard`), or — when infragen itself was killed —
///   by the next session in the same working directory, which finds it in `.terraform/infragen-providers.json`.
public final class ReattachSession: Sendable {
    public let providers: [ReattachedProvider]
    private let token: Int
    private let recordFile: URL

    /// The log file of the providers' own output, in the working directory.
    public static let logName = "infragen-provider.log"
    static let recordName = ".terraform/infragen-providers.json"

    init(providers: [ReattachedProvider], token: Int, recordFile: URL) {
        self.providers = providers
        self.token = token
        self.recordFile = recordFile
    }

    /// The value for `TF_REATTACH_PROVIDERS`.
    public var environmentValue: String {
        ReattachConfig.environmentValue(Dictionary(uniqueKeysWithValues: providers.map { ($0.address, $0.config) }))
    }

    /// Verifies and starts every provider of `directory`'s lock file, with `environment` (terraform's: credentials
    /// and `GOGC` reach the provider as they would through terraform). Nil when a provider cannot be verified.
    /// - Throws: a hash that does not match the lock file (terraform would refuse that provider too), or a provider
    ///   that does not start; providers already started are stopped first.
    public static func start(directory: URL, environment: [String: String],
                             log: @Sendable (String) -> Void) throws(DeployError) -> ReattachSession? {
        let recordFile = directory.appendingPathComponent(recordName)
        stopLeftovers(recordFile, log: log)
        let locked = try ProviderLock.read(in: directory)
        guard !locked.isEmpty else { return nil }
        var verified: [(LockedProvider, URL)] = []
        for provider in locked {
            let accepted = provider.hashes.filter { $0.hasPrefix("h1:") }
            guard !accepted.isEmpty else {
                log("infragen: \(provider.address) has no h1: hash in \(ProviderLock.fileName) to check the "
                    + "installed package against; terraform will start its providers itself")
                return nil
            }
            let package = provider.packageDirectory(in: directory)
            let (actual, _) = try ProviderHashCache.h1(of: package, recordIn: directory)
            guard accepted.contains(actual) else {
                throw DeployError(.providerMismatch, "the installed \(provider.address) \(provider.version) "
                    + "(\(package.resolvingSymlinksInPath().path)) has hash \(actual), which \(ProviderLock.fileName) "
                    + "does not list (\(accepted.joined(separator: ", "))): the provider package changed since "
                    + "terraform init; not starting it")
            }
            verified.append((provider, try provider.executable(in: directory)))
        }
        let logFile = directory.appendingPathComponent(logName)
        try? FileManager.default.removeItem(at: logFile)
        var started: [ReattachedProvider] = []
        // Registered before the first start, so a signal during start-up stops what has started.
        let box = StartedBox()
        let token = InterruptGuard.shared.add { box.stopAll() }
        for (provider, executable) in verified {
            do {
                let running = try ReattachedProvider.start(
                    address: provider.address, executable: executable, directory: directory,
                    environment: environment, logFile: logFile)
                started.append(running)
                box.add(running)
                record(started, in: recordFile)
            } catch {
                box.stopAll()
                InterruptGuard.shared.remove(token)
                try? FileManager.default.removeItem(at: recordFile)
                throw error
            }
        }
        return ReattachSession(providers: started, token: token, recordFile: recordFile)
    }

    /// Stops every provider and forgets them. Safe to call more than once.
    public func stop() {
        providers.forEach { $0.stop() }
        InterruptGuard.shared.remove(token)
        try? FileManager.default.removeItem(at: recordFile)
    }

    // MARK: - Leftovers of a killed infragen

    struct Record: Codable {
        var pid: Int32
        var executable: String
        var socket: String?
    }

    static func record(_ providers: [ReattachedProvider], in file: URL) {
        let records = providers.map {
            Record(pid: $0.pid, executable: $0.executable.path,
                   socket: $0.config.address.network == "unix" ? $0.config.address.string : nil)
        }
        try? JSONEncoder().encode(records).write(to: file, options: .atomic)
    }

    /// Stops the providers a previous infragen started here and could not stop (it was killed): only a process
    /// whose command line is still that provider's executable with `-debug`, so a reused pid is left alone.
    static func stopLeftovers(_ file: URL, log: @Sendable (String) -> Void) {
        guard let data = try? Data(contentsOf: file),
              let records = try? JSONDecoder().decode([Record].self, from: data) else { return }
        // `suffix`: a provider that is a script runs as `interpreter script -debug`.
        for record in records where commandLine(of: record.pid)?.suffix(2) == [record.executable, "-debug"] {
            log("infragen: stopping provider process \(record.pid) left running by an earlier infragen")
            kill(record.pid, SIGKILL)
            if let socket = record.socket { unlink(socket) }
        }
        try? FileManager.default.removeItem(at: file)
    }

    /// A process's arguments from `/proc` (Linux); nil elsewhere or when it does not exist.
    static func commandLine(of pid: Int32) -> [String]? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else {
            return nil
        }
        return data.split(separator: 0, omittingEmptySubsequences: false).dropLast()
            .map { String(decoding: $0, as: UTF8.self) }
    }
}

/// The providers started so far, for the signal handler's cleanup.
private final class StartedBox: Sendable {
    private let providers = Mutex<[ReattachedProvider]>([])

    func add(_ provider: ReattachedProvider) { providers.withLock { $0.append(provider) } }

    func stopAll() { providers.withLock { $0 }.forEach { $0.stop() } }
}
