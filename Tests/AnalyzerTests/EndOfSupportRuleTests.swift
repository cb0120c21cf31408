import Foundation
import Inventory
import Testing
@testable import Analyzer

@Suite struct DeprecatedImageRuleTests {
    // AMI_DEPRECATION_WARNING_DAYS = 30.
    @Test(arguments: [(31.0, nil), (30.0, Severity.medium), (29.0, .medium), (0.0, .high), (-1.0, .high)])
    func window(daysAhead: Double, expected: Severity?) {
        let findings = Fixture.run(DeprecatedImageRule(),
                                   [Fixture.image("ami", deprecation: Fixture.daysAhead(daysAhead))])
        #expect(findings.first?.severity == expected)
    }

    @Test func noDeprecationTimeNoFinding() {
        #expect(Fixture.run(DeprecatedImageRule(), [Fixture.image("ami")]).isEmpty)
    }
}

@Suite struct LambdaRuntimeRuleTests {
    static let runtime = "test1.x"
    static func eol(deprecation: Date, blockCreate: Date?, blockUpdate: Date?) -> EOLData {
        EOLData(dataAsOf: Fixture.now, sources: [],
                lambdaRuntimes: [LambdaRuntimeSupport(runtime: runtime, deprecation: deprecation,
                                                      blockCreate: blockCreate, blockUpdate: blockUpdate,
                                                      successor: "test2.x")],
                retiredLambdaRuntimes: ["ancient"], eksVersions: [], rdsEngines: [])
    }

    @Test(arguments: [
        (91.0, nil), (90.0, Severity.low), (61.0, .low), (60.0, .medium), (1.0, .medium), (0.0, .high), (-1.0, .high),
    ])
    func deprecationWindow(daysAhead: Double, expected: Severity?) {
        let eol = Self.eol(deprecation: Fixture.daysAhead(daysAhead), blockCreate: Fixture.daysAhead(daysAhead + 100),
                           blockUpdate: Fixture.daysAhead(daysAhead + 200))
        let findings = Fixture.run(LambdaRuntimeRule(), [Fixture.function("f", runtime: Self.runtime)], eol: eol)
        #expect(findings.first?.severity == expected)
    }

    @Test(arguments: [(1.0, Severity.high), (0.0, .critical), (-1.0, .critical)])
    func blockCreateIsCritical(daysAhead: Double, expected: Severity) {
        let eol = Self.eol(deprecation: Fixture.daysAgo(300), blockCreate: Fixture.daysAhead(daysAhead),
                           blockUpdate: Fixture.daysAhead(400))
        let findings = Fixture.run(LambdaRuntimeRule(), [Fixture.function("f", runtime: Self.runtime)], eol: eol)
        #expect(findings.first?.severity == expected)
    }

    @Test func imagesUnknownAndRetiredRuntimes() {
        let eol = Self.eol(deprecation: Fixture.daysAgo(1), blockCreate: nil, blockUpdate: nil)
        let findings = Fixture.run(LambdaRuntimeRule(), [
            Fixture.function("image", runtime: Self.runtime, packageType: "Image"),
            Fixture.function("unknown", runtime: "brandnew9"), Fixture.function("none", runtime: nil),
            Fixture.function("ancient", runtime: "ancient"),
        ], eol: eol)
        #expect(findings.map(\.resourceName) == ["ancient"])
        #expect(findings[0].severity == .critical)
    }

    @Test func bundledTableOnItsResearchDate() {
        // With the shipped table on 2026-11-29: python3.9 is deprecated (2025-12-15) → high; python3.12 is fine;
        // nodejs12.x is past block-update → critical.
        let findings = Fixture.run(LambdaRuntimeRule(), [
            Fixture.function("py39", runtime: "python3.9"), Fixture.function("py312", runtime: "python3.12"),
            Fixture.function("node12", runtime: "nodejs12.x"),
        ])
        #expect(Dictionary(uniqueKeysWithValues: findings.map { ($0.resourceName!, $0.severity) })
            == ["py39": .high, "node12": .critical])
    }
}

@Suite struct EKSVersionRuleTests {
    static func summary(standardEnd: Date, extendedEnd: Date) -> ScanSummary {
        ScanSummary(scan: Fixture.scan, complete: true,
                    eksVersions: ["1.99": .init(endOfStandardSupport: standardEnd, endOfExtendedSupport: extendedEnd)])
    }

    @Test(arguments: [(91.0, nil), (90.0, Severity.medium), (1.0, .medium), (0.0, .high), (-1.0, .high)])
    func standardSupportWindow(daysAhead: Double, expected: Severity?) {
        let summary = Self.summary(standardEnd: Fixture.daysAhead(daysAhead),
                                   extendedEnd: Fixture.daysAhead(daysAhead + 365))
        let findings = Fixture.run(EKSVersionRule(), [Fixture.cluster("c", version: "1.99")], summary: summary)
        #expect(findings.first?.severity == expected)
        if expected == .high { #expect(findings.first?.monthlySavingUSD == 365) }
    }

    @Test(arguments: [(1.0, Severity.high), (0.0, .critical), (-1.0, .critical)])
    func extendedSupportEnd(daysAhead: Double, expected: Severity) {
        let summary = Self.summary(standardEnd: Fixture.daysAgo(300), extendedEnd: Fixture.daysAhead(daysAhead))
        let findings = Fixture.run(EKSVersionRule(), [Fixture.cluster("c", version: "1.99")], summary: summary)
        #expect(findings.first?.severity == expected)
    }

    @Test func liveDatesWinOverTheBundledTable() throws {
        // Bundled: 1.34 standard support ends 2026-12-02 (3 days after "now") → medium. Live says it ended.
        let bundled = Fixture.run(EKSVersionRule(), [Fixture.cluster("c", version: "1.34")])
        #expect(bundled.first?.severity == .medium)
        #expect(bundled.first?.evidence.contains("bundled table") == true)
        let summary = ScanSummary(scan: Fixture.scan, complete: true, eksVersions: [
            "1.34": .init(endOfStandardSupport: Fixture.daysAgo(10), endOfExtendedSupport: Fixture.daysAhead(300)),
        ])
        let live = try #require(Fixture.run(EKSVersionRule(), [Fixture.cluster("c", version: "1.34")],
                                            summary: summary).first)
        #expect(live.severity == .high)
        #expect(live.evidence.contains("live AWS API"))
    }

    @Test func versionsAreComparedAsIntegers() {
        // moto's default 1.19 is older than every calendar entry (1.23+): critical, although 1.19 > 1.2 as decimals.
        let findings = Fixture.run(EKSVersionRule(), [Fixture.cluster("old", version: "1.19"),
                                                      Fixture.cluster("new", version: "1.36")])
        #expect(findings.map(\.resourceName) == ["old"])
        #expect(findings.first?.severity == .critical)
    }
}

@Suite struct RDSEngineSupportRuleTests {
    static func summary(_ key: String, standardEnd: Date, extendedEnd: Date?) -> ScanSummary {
        ScanSummary(scan: Fixture.scan, complete: true,
                    rdsEngineLifecycles: [key: .init(endOfStandardSupport: standardEnd,
                                                     endOfExtendedSupport: extendedEnd)])
    }

    @Test(arguments: [(91.0, nil), (90.0, Severity.medium), (1.0, .medium), (0.0, .high), (-1.0, .high)])
    func standardSupportWindow(daysAhead: Double, expected: Severity?) {
        let summary = Self.summary("postgres:99", standardEnd: Fixture.daysAhead(daysAhead),
                                   extendedEnd: Fixture.daysAhead(daysAhead + 1_000))
        let findings = Fixture.run(RDSEngineSupportRule(), [Fixture.database("db", version: "99.1")], summary: summary)
        #expect(findings.first?.severity == expected)
    }

    @Test func extendedSupportSavingByYear() throws {
        // db.m5.xlarge = 4 vCPU. Year 1–2: 0.10/vCPU-h; from day 730 after standard end: 0.20.
        for (daysAgo, rate) in [(729.0, 0.10), (730.0, 0.20)] {
            let summary = Self.summary("postgres:99", standardEnd: Fixture.daysAgo(daysAgo),
                                       extendedEnd: Fixture.daysAhead(500))
            let finding = try #require(Fixture.run(RDSEngineSupportRule(), [
                Fixture.database("db", version: "99.1", instanceClass: "db.m5.xlarge"),
            ], summary: summary).first)
            #expect(finding.severity == .high)
            #expect(abs(finding.monthlySavingUSD! - 4 * rate * 730) < 1e-9)
        }
    }

    @Test func pastExtendedSupportAndMariaDBAreCritical() {
        let findings = Fixture.run(RDSEngineSupportRule(), [
            Fixture.database("maria", engine: "mariadb", version: "10.4.34"),
            Fixture.database("pg11", engine: "postgres", version: "11.22"),
            Fixture.database("pg16", engine: "postgres", version: "16.4"),
            Fixture.database("my57", engine: "mysql", version: "5.7.44"),
            Fixture.database("aurora2", engine: "aurora-mysql", version: "5.7.mysql_aurora.2.11.2"),
            Fixture.database("oracle", engine: "oracle-ee", version: "19.0.0.0.ru-2024-01.rur-2024-01.r1"),
        ])
        let bySeverity = Dictionary(uniqueKeysWithValues: findings.map { ($0.resourceName!, $0.severity) })
        // Bundled table, now = 2026-11-29: MariaDB 10.4 ended 2025-02-28 (no Extended Support) → critical;
        // PostgreSQL 11 in Extended Support until 2027-03-31 → high; MySQL 5.7 until 2027-02-28 → high;
        // Aurora MySQL v2 in Extended Support → high; PostgreSQL 16 fine; Oracle not covered.
        #expect(bySeverity == ["maria": .critical, "pg11": .high, "my57": .high, "aurora2": .high])
    }

    @Test(arguments: [
        ("mysql", "8.0.35", "8.0"), ("postgres", "13.7", "13"), ("postgres", "9.6.24", "9.6"),
        ("aurora-mysql", "8.0.mysql_aurora.3.05.2", "3"), ("aurora-mysql", "5.7.12", "2"),
        ("mariadb", "10.11.8", "10.11"),
        ("aurora-postgresql", "15.4", "15"),
    ])
    func majorVersions(engine: String, version: String, major: String) {
        #expect(RDSEngineVersion.major(engine: engine, version: version) == major)
    }

    @Test(arguments: [("db.t3.micro", 2), ("db.m5.large", 2), ("db.r6g.xlarge", 4), ("db.m5.12xlarge", 48)])
    func vCPUs(instanceClass: String, expected: Int) {
        #expect(RDSEngineSupportRule.vCPUs(instanceClass: instanceClass) == expected)
    }
}
