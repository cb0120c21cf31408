import AWSClient
import AWSServices
import Foundation
import Inventory
import InventoryStore
import Logging

/// Runs one scan: every scanner in every region of every account, concurrently with a bounded width; writes each
/// scanner's items as soon as it finishes; then the lifecycle lookups, the scan-summary item and the completion
/// event. A failing service, region or account is recorded and the rest carries on.
public struct InventoryCollector: Sendable {
    public var configuration: CollectorConfiguration
    /// The client with the function's own credentials, in its own region.
    public var client: AWSClient
    /// Scanners run in every region.
    public var regionalScanners: [any ResourceScanner]
    /// Scanners run once per account (S3: `ListBuckets` is global).
    public var globalScanners: [any ResourceScanner]
    public var logger: Logger

    public init(configuration: CollectorConfiguration, client: AWSClient,
                regionalScanners: [any ResourceScanner] = InventoryCollector.regionalScanners,
                globalScanners: [any ResourceScanner] = [S3BucketScanner()],
                logger: Logger = Logger(label: "inventory-collector")) {
        self.configuration = configuration
        self.client = client
        self.regionalScanners = regionalScanners
        self.globalScanners = globalScanners
        self.logger = logger
    }

    public static let regionalScanners: [any ResourceScanner] = [
        EC2InstanceScanner(), EBSVolumeScanner(), EBSSnapshotScanner(), MachineImageScanner(), RDSInstanceScanner(),
        LambdaFunctionScanner(), EKSClusterScanner(),
    ]

    /// The region key of account-wide scans in the summary (`s3:global`).
    public static let globalRegion = "global"

    /// What a scan did.
    public struct Outcome: Sendable {
        public var summary: ScanSummary
        /// Items that could not be stored, by key.
        public var unwritten: [InventoryWriter.Unwritten]
        /// Problems after the summary was stored (the completion event), which the summary cannot show.
        public var lateErrors: [String]
    }

    /// One account to scan with the client that reaches it.
    struct Account: Sendable {
        var id: String
        var client: AWSClient
        var isHome: Bool
    }

    /// One scanner in one account and region.
    struct Job: Sendable {
        var scanner: any ResourceScanner
        var client: AWSClient
        var scope: ScanScope
        var errorRegion: String
        var account: Account
    }

    struct JobOutcome: Sendable {
        var type: ResourceType
        var writtenByRegion: [String: Int] = [:]
        var unwritten: [InventoryWriter.Unwritten] = []
        var errors: [ScanSummary.ServiceError] = []
        var found: [String] = []  // engines or versions needed by the lifecycle lookups
    }

    /// Runs the scan identified by `scan` (same id and start → same keys, so a rerun rewrites, never duplicates).
    public func run(scan: ScanKey) async throws -> Outcome {
        let expiresAt = configuration.retentionDays > 0
            ? scan.startedAt.addingTimeInterval(Double(configuration.retentionDays) * 86_400) : nil
        let home = try await client.call(STS.getCallerIdentity).account
        var accounts = [Account(id: home, client: client, isHome: true)]
        for account in configuration.accounts where account.accountID != home {
            var assumed = client.configuration
            assumed.credentials = AssumeRoleCredentialProvider(
                roleArn: account.roleARN, sessionName: "inventory-collector", client: client)
            accounts.append(Account(id: account.accountID, client: AWSClient(assumed), isHome: false))
        }
        var jobs: [Job] = []
        for account in accounts {
            for region in configuration.regions {
                let scope = ScanScope(accountID: account.id, region: region, scan: scan, expiresAt: expiresAt,
                                      pageSizes: configuration.pageSizes)
                for scanner in regionalScanners {
                    jobs.append(Job(scanner: scanner, client: account.client.inRegion(region), scope: scope,
                                    errorRegion: region, account: account))
                }
            }
            let scope = ScanScope(accountID: account.id, region: client.region, scan: scan, expiresAt: expiresAt,
                                  pageSizes: configuration.pageSizes)
            for scanner in globalScanners {
                jobs.append(Job(scanner: scanner, client: account.client, scope: scope,
                                errorRegion: Self.globalRegion, account: account))
            }
        }
        let writer = InventoryWriter(client: client, table: configuration.tableName, concurrency: 2)
        let logger = self.logger
        let outcomes = await BoundedConcurrency.map(jobs, width: configuration.concurrency) { job in
            await Self.run(job, writer: writer, logger: logger)
        }

        var summary = ScanSummary(scan: scan, complete: true, regions: configuration.regions, expiresAt: expiresAt)
        var unwritten: [InventoryWriter.Unwritten] = []
        for outcome in outcomes {
            for (region, count) in outcome.writtenByRegion {
                summary.counts[outcome.type, default: [:]][region, default: 0] += count
            }
            summary.errors += outcome.errors
            unwritten += outcome.unwritten
        }
        if !unwritten.isEmpty {
            let reasons = Set(unwritten.map(\.reason)).sorted().joined(separator: "; ")
            summary.errors.append(.init(service: "dynamodb", region: client.region,
                                        message: "\(unwritten.count) items not written: \(reasons)"))
        }
        summary.complete = summary.errors.isEmpty
        // Lifecycle dates enrich the scan; failing to get them leaves the analyzer on its bundled table, which
        // is worth reporting but does not make the resource listing incomplete.
        await lookUpLifecycles(outcomes, into: &summary)
        summary.errors = Self.merged(summary.errors)
        // Whole seconds, as the item stores it.
        summary.finishedAt = Date(timeIntervalSince1970: client.configuration.clock.now().timeIntervalSince1970
            .rounded(.down))

        do {
            _ = try await client.call(DynamoDB.putItem, .init(tableName: configuration.tableName,
                                                               item: summary.dynamoDBItem))
        } catch {
            throw CollectorError(.summaryNotStored, "scan \(scan.id): the scan-summary item was not stored: "
                                 + CollectorErrorText.describe(error))
        }
        var lateErrors: [String] = []
        do {
            try await CompletionEvent(summary: summary).publish(with: client, bus: configuration.eventBusName)
        } catch {
            lateErrors.append("events:\(client.region): completion event not published: "
                              + CollectorErrorText.describe(error))
        }
        return Outcome(summary: summary, unwritten: unwritten, lateErrors: lateErrors)
    }

    /// One error per `service:region`, sorted by key, messages in a stable order: the form the stored `errors`
    /// map reads back as (concurrent jobs finish in any order).
    static func merged(_ errors: [ScanSummary.ServiceError]) -> [ScanSummary.ServiceError] {
        Dictionary(grouping: errors, by: \.key).sorted { $0.key < $1.key }.map { _, group in
            ScanSummary.ServiceError(service: group[0].service, region: group[0].region,
                                     message: group.map(\.message).sorted().joined(separator: "; "))
        }
    }

    static func run(_ job: Job, writer: InventoryWriter, logger: Logger) async -> JobOutcome {
        var outcome = JobOutcome(type: job.scanner.resourceType)
        let prefix = job.account.isHome ? "" : "account \(job.account.id): "
        let result: ScanResult
        do {
            result = try await job.scanner.scan(job.client, scope: job.scope)
        } catch {
            let message = prefix + "\(job.scanner.resourceType.rawValue): " + CollectorErrorText.describe(error)
            logger.error("scan failed", metadata: ["scanner": "\(job.scanner.resourceType.rawValue)",
                                                   "region": "\(job.errorRegion)", "error": "\(message)"])
            outcome.errors.append(.init(service: job.scanner.service, region: job.errorRegion, message: message))
            return outcome
        }
        outcome.errors = result.issues.map {
            .init(service: $0.service, region: $0.region, message: prefix + $0.message)
        }
        let report = await writer.write(result.items.map(\.dynamoDBItem))
        outcome.unwritten = report.unwritten
        let failed = Set(report.unwritten.map(\.resourceID))
        for item in result.items where !failed.contains(item.resourceID) {
            outcome.writtenByRegion[item.region, default: 0] += 1
            switch item.details {
            case .rdsInstance(let db): outcome.found.append(db.engine)
            case .eksCluster(let cluster): outcome.found.append(cluster.kubernetesVersion)
            default: break
            }
        }
        return outcome
    }

    func lookUpLifecycles(_ outcomes: [JobOutcome], into summary: inout ScanSummary) async {
        let engines = Set(outcomes.filter { $0.type == .rdsInstance }.flatMap(\.found))
        let clusters = outcomes.contains { $0.type == .eksCluster && !$0.found.isEmpty }
        if clusters {
            do {
                summary.eksVersions = try await LifecycleLookups.eksVersions(
                    client, pageSize: configuration.pageSizes.eks)
            } catch {
                summary.errors.append(.init(service: "eks-versions", region: client.region,
                                            message: "DescribeClusterVersions: " + CollectorErrorText.describe(error)))
            }
        }
        if !engines.isEmpty {
            do {
                summary.rdsEngineLifecycles = try await LifecycleLookups.rdsEngineLifecycles(
                    client, engines: engines, pageSize: configuration.pageSizes.rds)
            } catch {
                summary.errors.append(.init(service: "rds-engine-versions", region: client.region,
                                            message: "DescribeDBMajorEngineVersions: "
                                                + CollectorErrorText.describe(error)))
            }
        }
    }
}
