import AWSClient
import AWSServices
import Inventory

/// Live end-of-support dates AWS publishes, recorded with the scan so the analyzer prefers them over its bundled
/// table. Looked up only for what the scan found (engines of the RDS instances; any EKS cluster), once per scan.
enum LifecycleLookups {
    /// `eks:DescribeClusterVersions`, every page, including versions in extended support and past it.
    static func eksVersions(_ client: AWSClient, pageSize: Int) async throws
        -> [String: ScanSummary.EKSVersionLifecycle]
    {
        var versions: [String: ScanSummary.EKSVersionLifecycle] = [:]
        let pages = client.paginate(EKS.describeClusterVersions, .init(includeAll: true, maxResults: pageSize),
                                    inputToken: \.nextToken, outputToken: \.nextToken)
        for try await page in pages {
            for version in page.clusterVersions ?? [] {
                versions[version.clusterVersion] = .init(
                    endOfStandardSupport: version.endOfStandardSupportDate,
                    endOfExtendedSupport: version.endOfExtendedSupportDate, status: version.versionStatus)
            }
        }
        return versions
    }

    /// `rds:DescribeDBMajorEngineVersions` for each engine, keyed `<engine>:<major version>`.
    static func rdsEngineLifecycles(_ client: AWSClient, engines: Set<String>, pageSize: Int) async throws
        -> [String: ScanSummary.RDSEngineLifecycle]
    {
        var lifecycles: [String: ScanSummary.RDSEngineLifecycle] = [:]
        for engine in engines.sorted() {
            let pages = client.paginate(RDS.describeDBMajorEngineVersions,
                                        .init(engine: engine, maxRecords: pageSize),
                                        inputToken: \.marker, outputToken: \.marker)
            for try await page in pages {
                for version in page.versions ?? [] {
                    let phases = version.lifecycles ?? []
                    let standard = phases.first { $0.name == "open-source-rds-standard-support" }
                    let extended = phases.first { $0.name == "open-source-rds-extended-support" }
                    lifecycles[version.engine + ":" + version.majorEngineVersion] = .init(
                        endOfStandardSupport: standard?.end, endOfExtendedSupport: extended?.end)
                }
            }
        }
        return lifecycles
    }
}
