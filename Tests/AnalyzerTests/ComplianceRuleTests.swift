import Foundation
import Inventory
import Testing
@testable import Analyzer

@Suite struct ComplianceRuleTests {
    @Test func missingTagsNamesKeysNotValues() throws {
        let findings = Fixture.run(RequiredTagsRule(), [
            Fixture.item("tagged", .eksCluster(EKSCluster(kubernetesVersion: "1.35"))),
            Fixture.item("partial", .eksCluster(EKSCluster(kubernetesVersion: "1.35")),
                         tags: ["Owner": "secret-person", "Environment": ""]),
        ])
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.evidence == "missing required tag: CostCenter")
        #expect(!finding.evidence.contains("secret-person"))
    }

    @Test func requiredTagsAreConfigurable() throws {
        let config = try AnalyzerConfiguration(environment: ["REQUIRED_TAGS": " Team , App "])
        #expect(config.requiredTags == ["Team", "App"])
        let findings = Fixture.run(RequiredTagsRule(), [Fixture.bucket("b")], configuration: config)
        #expect(findings.first?.evidence == "missing required tags: Team, App")
        let none = try AnalyzerConfiguration(environment: ["REQUIRED_TAGS": ""])
        #expect(Fixture.run(RequiredTagsRule(), [Fixture.bucket("b")], configuration: none).isEmpty)
    }

    // Retention < 7 days: 6 → medium, 7 → none, 8 → none, 0 → high.
    @Test(arguments: [(0, Severity.high), (1, .medium), (6, .medium), (7, nil), (8, nil), (35, nil)])
    func backupRetention(days: Int, expected: Severity?) {
        let findings = Fixture.run(RDSBackupRetentionRule(), [Fixture.database("db", retention: days)])
        #expect(findings.first?.severity == expected)
    }

    @Test func bucketVersioningAndEncryption() {
        let buckets = [
            Fixture.bucket("ok"), Fixture.bucket("suspended", versioning: "Suspended"),
            Fixture.bucket("never", versioning: "Disabled", encryption: "none"),
            Fixture.bucket("unknown", versioning: nil, encryption: nil),
        ]
        #expect(Fixture.run(BucketVersioningRule(), buckets).compactMap(\.resourceName) == ["suspended", "never"])
        #expect(Fixture.run(BucketEncryptionRule(), buckets).compactMap(\.resourceName) == ["never"])
    }

    @Test func multiAZSkipsAurora() {
        let findings = Fixture.run(RDSMultiAZRule(), [
            Fixture.database("single", multiAZ: false), Fixture.database("multi", multiAZ: true),
            Fixture.database("aurora", engine: "aurora-postgresql", version: "15.4", multiAZ: false),
        ])
        #expect(findings.compactMap(\.resourceName) == ["single"])
    }

    @Test func encryptionAtRest() {
        #expect(Fixture.run(VolumeEncryptionRule(), [Fixture.volume("plain", encrypted: false),
                                                     Fixture.volume("enc")]).compactMap(\.resourceName) == ["plain"])
        let rds = Fixture.run(RDSEncryptionRule(), [Fixture.database("plain", encrypted: false),
                                                    Fixture.database("enc")])
        #expect(rds.compactMap(\.resourceName) == ["plain"])
        #expect(rds.first?.severity == .high)
    }

    @Test(arguments: [("SNAPSHOT_MAX_AGE_DAYS", "ninety"), ("STOPPED_MAX_DAYS", "-1"), ("EOL_WARNING_DAYS", "1.5")])
    func malformedConfigurationNamesTheVariable(name: String, value: String) throws {
        let error = try #require(throws: AnalyzerError.self) { try AnalyzerConfiguration(environment: [name: value]) }
        #expect(error.code == .invalidConfiguration)
        #expect(error.message.contains(name) && error.message.contains(value))
    }

    @Test func configurationDefaultsAndModelSwitch() throws {
        let defaults = try AnalyzerConfiguration(environment: [:])
        #expect(defaults == AnalyzerConfiguration())
        #expect(defaults.modelID == AnalyzerConfiguration.defaultModelID)
        #expect(try AnalyzerConfiguration(environment: ["MODEL_ID": ""]).modelID == nil)
        let set = try AnalyzerConfiguration(environment: ["TABLE_NAME": "t", "TOPIC_ARN": "arn:aws:sns:us-east-1:1:x",
                                                          "MODEL_ID": "m", "EOL_WARNING_DAYS": "120"])
        #expect(set.tableName == "t" && set.topicARN == "arn:aws:sns:us-east-1:1:x" && set.modelID == "m")
        #expect(set.eolWarningDays == 120)
    }
}
