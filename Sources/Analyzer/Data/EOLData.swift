import Foundation
import Inventory

/// A date in the generated data files (`YYYY-MM-DD`, UTC midnight). The generator only emits valid dates, and a
/// test regenerates the files from the JSON, so a bad date cannot reach a build unnoticed.
func day(_ text: String) -> Date {
    guard let date = Timestamp.parse(text) else { preconditionFailure("invalid date in generated data: \(text)") }
    return date
}

/// The support stages of one Lambda runtime (https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html).
public struct LambdaRuntimeSupport: Sendable, Hashable {
    public var runtime: String
    /// No more security patches from this day.
    public var deprecation: Date
    /// New functions can no longer be created on the runtime.
    public var blockCreate: Date?
    /// Existing functions can no longer be updated.
    public var blockUpdate: Date?
    /// The runtime to move to.
    public var successor: String?
}

/// The support calendar of one EKS Kubernetes version.
public struct EKSVersionSupport: Sendable, Hashable {
    public var version: String
    public var release: Date?
    public var endOfStandardSupport: Date?
    public var endOfExtendedSupport: Date?
}

/// The support calendar of one RDS/Aurora engine major version.
public struct RDSEngineSupport: Sendable, Hashable {
    /// The RDS engine name (`mysql`, `postgres`, `aurora-mysql`, …).
    public var engine: String
    /// The major version as `RDSEngineVersion.major` derives it (`8.0`, `13`, `2`, `10.6`).
    public var major: String
    public var endOfStandardSupport: Date?
    /// Absent when the engine has no RDS Extended Support (MariaDB) or the date is unverified.
    public var endOfExtendedSupport: Date?
    public var note: String?
}

/// Dated end-of-support tables bundled with the analyzer (generated from `data/eol.json`).
public struct EOLData: Sendable {
    /// The research date of the table; the report shows its age.
    public var dataAsOf: Date
    public var sources: [String]
    public var lambdaRuntimes: [String: LambdaRuntimeSupport]
    /// Runtimes deprecated and blocked long before the table's range.
    public var retiredLambdaRuntimes: Set<String>
    public var eksVersions: [String: EKSVersionSupport]
    /// Keyed by `<engine>:<major>`.
    public var rdsEngines: [String: RDSEngineSupport]

    public init(dataAsOf: Date, sources: [String], lambdaRuntimes: [LambdaRuntimeSupport],
                retiredLambdaRuntimes: Set<String>, eksVersions: [EKSVersionSupport], rdsEngines: [RDSEngineSupport]) {
        self.dataAsOf = dataAsOf
        self.sources = sources
        self.lambdaRuntimes = Dictionary(lambdaRuntimes.map { ($0.runtime, $0) }) { _, last in last }
        self.retiredLambdaRuntimes = retiredLambdaRuntimes
        self.eksVersions = Dictionary(eksVersions.map { ($0.version, $0) }) { _, last in last }
        self.rdsEngines = Dictionary(rdsEngines.map { ($0.engine + ":" + $0.major, $0) }) { _, last in last }
    }
}
