import Foundation
import Inventory
import Testing
@testable import Analyzer

@Suite struct CostRuleTests {
    @Test func bucketWithoutLifecycleOnly() {
        let findings = Fixture.run(BucketLifecycleRule(), [
            Fixture.bucket("no-lc", lifecycle: false), Fixture.bucket("lc", lifecycle: true),
            Fixture.bucket("unknown", lifecycle: nil),
        ])
        #expect(findings.map(\.resourceName) == ["no-lc"])
        #expect(findings[0].monthlySavingUSD == nil)
    }

    // gp2 baseline is 3 IOPS/GiB: above 1,000 GiB the gp3 volume must buy the IOPS beyond 3,000.
    static let gp2Cases: [(Int, Double)] = [(100, 2.0), (1_000, 20.0), (2_000, 40.0 - 15.0), (5_334, 106.68 - 65.0)]

    @Test(arguments: gp2Cases)
    func gp2SavingAccountsForBaselineIOPS(size: Int, expected: Double) throws {
        let findings = Fixture.run(GP2VolumeRule(), [Fixture.volume("v", type: "gp2", size: size),
                                                     Fixture.volume("g", type: "gp3", size: size)])
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(abs(finding.monthlySavingUSD! - expected) < 1e-6)
    }

    @Test func previousGenerationWithPriceDifference() throws {
        let findings = Fixture.run(PreviousGenerationRule(), [
            Fixture.instance("old", type: "m4.large"), Fixture.instance("new", type: "m5.large"),
            Fixture.instance("stopped-old", type: "c4.large", state: "stopped"),
            Fixture.instance("unpriced", type: "r3.8xlarge"),
        ])
        #expect(Set(findings.compactMap(\.resourceName)) == ["old", "stopped-old", "unpriced"])
        let old = try #require(findings.first { $0.resourceName == "old" })
        #expect(abs(old.monthlySavingUSD! - (0.10 - 0.096) * 730) < 1e-9)
        #expect(old.recommendation.contains("m5.large"))
        #expect(findings.first { $0.resourceName == "stopped-old" }?.monthlySavingUSD == nil)
        #expect(findings.first { $0.resourceName == "unpriced" }?.monthlySavingUSD == nil)
    }

    // COMMITMENT_MIN_DAYS = 30: running since 29 days → none, 30 → finding, 31 → finding.
    @Test(arguments: [(29.0, false), (30.0, true), (31.0, true)])
    func commitmentThreshold(days: Double, reported: Bool) {
        let findings = Fixture.run(CommitmentRule(), [
            Fixture.instance("i", launch: Fixture.daysAgo(days)),
            Fixture.instance("stopped", state: "stopped", launch: Fixture.daysAgo(400)),
        ])
        #expect(findings.map(\.resourceName) == (reported ? ["i"] : []))
    }
}
