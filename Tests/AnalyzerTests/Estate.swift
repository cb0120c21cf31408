import Foundation
import Inventory
@testable import Analyzer

/// A small estate with one trigger of every finding id and clean counter-examples.
enum Estate {
    static let untagged: [String: String] = ["Name": "SECRET-NAME-TAG", "Project": "SECRET-TAG-VALUE"]

    static var items: [InventoryItem] {
        [
            // idle.ec2.stopped (+ previous generation, stopped), its gp2 unencrypted root volume
            Fixture.instance("i-stopped", type: "t2.micro", state: "stopped", stoppedAt: Fixture.daysAgo(40),
                             image: "ami-used"),
            Fixture.volume("vol-root", type: "gp2", size: 8, attachedTo: ["i-stopped"], encrypted: false),
            // clean running instance launched recently (no commitment hint), attached gp3 volume
            Fixture.instance("i-running", type: "t3.micro", launch: Fixture.daysAgo(3), image: "ami-used"),
            Fixture.volume("vol-attached", attachedTo: ["i-running"]),
            // commitment: running for 100 days on m5.large
            Fixture.instance("i-always-on", type: "m5.large", launch: Fixture.daysAgo(100), image: "ami-used"),
            Fixture.volume("vol-free", type: "gp3", size: 200),                    // idle.ebs.unattached
            Fixture.snapshot("snap-old", taken: Fixture.daysAgo(200), size: 30),  // idle.ebs-snapshot.old
            Fixture.snapshot("snap-new", taken: Fixture.daysAgo(5)),
            Fixture.image("ami-used"),
            Fixture.image("ami-idle", deprecation: Fixture.daysAgo(10)),         // idle.ami.unused + eos.ami.deprecated
            Fixture.bucket("bucket-bad", lifecycle: false, versioning: "Suspended", encryption: "none"),
            Fixture.bucket("bucket-good"),
            Fixture.database("db-bad", engine: "mysql", version: "5.7.44", multiAZ: false, retention: 1,
                             encrypted: false),
            Fixture.database("db-good"),
            Fixture.function("fn-old", runtime: "python3.8"),
            Fixture.function("fn-new", runtime: "python3.13"),
            Fixture.cluster("eks-old", version: "1.31"),
            Fixture.cluster("eks-new", version: "1.36"),
            Fixture.item("eks-untagged", .eksCluster(EKSCluster(kubernetesVersion: "1.35")), state: "ACTIVE",
                         tags: untagged),                                      // cmp.tags.missing
        ]
    }

    static var summary: ScanSummary {
        ScanSummary(scan: Fixture.scan, finishedAt: Fixture.scan.startedAt.addingTimeInterval(30), complete: false,
                    counts: [.ec2Instance: ["us-east-1": 3]],
                    errors: [ScanSummary.ServiceError(service: "rds", region: "eu-west-1", message: "AccessDenied")],
                    regions: ["us-east-1", "eu-west-1"])
    }

    static func input(previous: AnalysisSummary? = nil, items: [InventoryItem] = items,
                      configuration: AnalyzerConfiguration = AnalyzerConfiguration()) -> Analysis.Input {
        Analysis.Input(scan: Fixture.scan, items: items, scanSummary: summary, previous: previous,
                       configuration: configuration, now: Fixture.now)
    }
}

/// A summary writer that answers from a script and records what it was asked.
final class ScriptedWriter: SummaryWriter, @unchecked Sendable {
    enum Reply { case text(String), failure(any Error), hang }
    private let lock = NSLock()
    private let reply: Reply
    private var _prompts: [SummaryPrompt] = []
    var prompts: [SummaryPrompt] { lock.withLock { _prompts } }

    init(_ reply: Reply) { self.reply = reply }

    func summary(for prompt: SummaryPrompt, modelID: String) async throws -> String {
        lock.withLock { _prompts.append(prompt) }
        switch reply {
        case .text(let text): return text
        case .failure(let error): throw error
        case .hang:
            try await Task.sleep(for: .seconds(600))
            return "too late"
        }
    }
}
