import Foundation
import Inventory
import Testing
@testable import Analyzer

@Suite struct StoppedInstanceRuleTests {
    // STOPPED_MAX_DAYS = 30: 29 days → low, exactly 30 → medium, 31 → medium.
    @Test(arguments: [(29.0, Severity.low), (30.0, .medium), (31.0, .medium), (29.999, .low)])
    func severityRisesAtTheThreshold(days: Double, expected: Severity) throws {
        let items = [Fixture.instance("i-1", state: "stopped", stoppedAt: Fixture.daysAgo(days))]
        let finding = try #require(Fixture.run(StoppedInstanceRule(), items).first)
        #expect(finding.severity == expected)
        #expect(finding.evidence.contains("StateTransitionReason"))
    }

    @Test func everyStoppedInstanceIsReportedEvenWithoutADate() throws {
        let findings = Fixture.run(StoppedInstanceRule(), [
            Fixture.instance("i-stopped", state: "stopped"), Fixture.instance("i-running"),
            Fixture.instance("i-stopping", state: "stopping"),
        ])
        #expect(findings.map(\.resourceName) == ["i-stopped"])
        #expect(findings[0].severity == .low)
        #expect(findings[0].evidence.contains("unknown date"))
    }

    @Test func historySuppliesTheAgeWhenAWSDoesNot() throws {
        let item = Fixture.instance("i-1", state: "stopped")
        let history = ResourceHistory(records: [ResourceStateRecord(
            resourceID: item.resourceID, state: "stopped", since: Fixture.daysAgo(45), firstSeen: Fixture.daysAgo(90))])
        let finding = try #require(Fixture.run(StoppedInstanceRule(), [item], history: history).first)
        #expect(finding.severity == .medium)
        #expect(finding.evidence.contains("45 days"))
        #expect(finding.evidence.contains("first scan that saw it stopped"))
    }

    @Test func configuredThresholdApplies() throws {
        let items = [Fixture.instance("i-1", state: "stopped", stoppedAt: Fixture.daysAgo(8))]
        let config = try AnalyzerConfiguration(environment: ["STOPPED_MAX_DAYS": "7"])
        #expect(Fixture.run(StoppedInstanceRule(), items, configuration: config).first?.severity == .medium)
    }

    @Test func savingIsTheAttachedVolumesStorage() throws {
        let items = [
            Fixture.instance("i-1", state: "stopped"),
            Fixture.volume("vol-a", type: "gp2", size: 100, attachedTo: ["i-1"]),
            Fixture.volume("vol-b", type: "gp3", size: 50, attachedTo: ["i-1"]),
            Fixture.volume("vol-c", type: "gp3", size: 500, attachedTo: ["i-other"]),
        ]
        let finding = try #require(Fixture.run(StoppedInstanceRule(), items).first)
        #expect(abs(finding.monthlySavingUSD! - (100 * 0.10 + 50 * 0.08)) < 1e-9)
    }
}

@Suite struct UnattachedVolumeRuleTests {
    @Test func onlyUnattachedVolumesWithTheirCost() throws {
        let findings = Fixture.run(UnattachedVolumeRule(), [
            Fixture.volume("vol-free", type: "io1", size: 100, iops: 1_000),
            Fixture.volume("vol-used", attachedTo: ["i-1"]),
        ])
        #expect(findings.map(\.resourceName) == ["vol-free"])
        #expect(abs(findings[0].monthlySavingUSD! - (100 * 0.125 + 1_000 * 0.065)) < 1e-9)
        #expect(findings[0].severity == .medium)
    }

    @Test func ageFromHistory() throws {
        let item = Fixture.volume("vol-free")
        let history = ResourceHistory(records: [ResourceStateRecord(
            resourceID: item.resourceID, state: "unattached", since: Fixture.daysAgo(12),
            firstSeen: Fixture.daysAgo(12))])
        let finding = try #require(Fixture.run(UnattachedVolumeRule(), [item], history: history).first)
        #expect(finding.evidence.contains("at least 12 days"))
    }
}

@Suite struct OldSnapshotRuleTests {
    // SNAPSHOT_MAX_AGE_DAYS = 90: 89 days → none, exactly 90 → finding, 91 → finding.
    @Test(arguments: [(89.0, false), (90.0, true), (91.0, true), (89.99, false)])
    func threshold(days: Double, reported: Bool) {
        let findings = Fixture.run(OldSnapshotRule(), [Fixture.snapshot("snap-1", taken: Fixture.daysAgo(days))])
        #expect(findings.isEmpty == !reported)
    }

    @Test func snapshotsBehindAnAMIAreSkipped() {
        let findings = Fixture.run(OldSnapshotRule(), [
            Fixture.snapshot("snap-ami", taken: Fixture.daysAgo(400)),
            Fixture.snapshot("snap-lone", taken: Fixture.daysAgo(400), size: 20, source: "vol-gone"),
            Fixture.image("ami-1", snapshots: ["snap-ami"]),
            Fixture.volume("vol-other"),
        ])
        #expect(findings.map(\.resourceName) == ["snap-lone"])
        #expect(findings[0].monthlySavingUSD == 20 * 0.05)
        #expect(findings[0].evidence.contains("vol-gone no longer exists"))
    }

    @Test func configuredAge() throws {
        let config = try AnalyzerConfiguration(environment: ["SNAPSHOT_MAX_AGE_DAYS": "7"])
        let items = [Fixture.snapshot("s", taken: Fixture.daysAgo(7))]
        #expect(Fixture.run(OldSnapshotRule(), items, configuration: config).count == 1)
        #expect(Fixture.run(OldSnapshotRule(), items).isEmpty)
    }
}

@Suite struct UnusedImageRuleTests {
    @Test func imagesNoInstanceUses() throws {
        let findings = Fixture.run(UnusedImageRule(), [
            Fixture.image("ami-used"), Fixture.image("ami-idle", snapshots: ["snap-1"]),
            Fixture.snapshot("snap-1", taken: Fixture.daysAgo(400), size: 8),
            Fixture.instance("i-1", image: "ami-used"),
        ])
        #expect(findings.map(\.resourceName) == ["ami-idle"])
        #expect(findings[0].monthlySavingUSD == 8 * 0.05)
    }

    @Test func notReportedWhereTheEC2ScanFailed() {
        let images = [Fixture.image("ami-east"), Fixture.item("ami-west", .ami(MachineImage(imageID: "ami-west")),
                                                             state: "available", region: "us-west-2")]
        let context = RuleContext(items: images, now: Fixture.now, configuration: AnalyzerConfiguration(),
                                  failedServices: ["ec2:us-east-1"])
        #expect(UnusedImageRule().evaluate(in: context).compactMap(\.resourceName) == ["ami-west"])
    }
}
