import Foundation
import Inventory

/// Support dates for EKS and RDS, preferring the live dates the collector recorded with the scan
/// (`eks:DescribeClusterVersions`, `rds:DescribeDBMajorEngineVersions`) over the bundled table.
public struct LifecycleCatalog: Sendable {
    /// Where a date came from; findings say which.
    public enum Source: String, Sendable, Hashable {
        case live = "live AWS API"
        case bundled = "bundled table"
    }

    /// End-of-support dates of one version.
    public struct Support: Sendable, Hashable {
        public var endOfStandardSupport: Date?
        public var endOfExtendedSupport: Date?
        /// True when the product has an extended-support phase (false for MariaDB).
        public var hasExtendedSupport: Bool
        public var source: Source
    }

    public let bundled: EOLData
    public let liveEKS: [String: ScanSummary.EKSVersionLifecycle]
    public let liveRDS: [String: ScanSummary.RDSEngineLifecycle]

    public init(bundled: EOLData = .bundled, scanSummary: ScanSummary?) {
        self.bundled = bundled
        liveEKS = scanSummary?.eksVersions ?? [:]
        liveRDS = scanSummary?.rdsEngineLifecycles ?? [:]
    }

    /// The support dates of an EKS Kubernetes version (`1.31`), or nil when neither source knows it.
    public func eks(version: String) -> Support? {
        if let live = liveEKS[version], live.endOfStandardSupport != nil {
            return Support(endOfStandardSupport: live.endOfStandardSupport,
                           endOfExtendedSupport: live.endOfExtendedSupport, hasExtendedSupport: true, source: .live)
        }
        guard let table = bundled.eksVersions[version] else { return nil }
        return Support(endOfStandardSupport: table.endOfStandardSupport,
                       endOfExtendedSupport: table.endOfExtendedSupport, hasExtendedSupport: true, source: .bundled)
    }

    /// The support dates of an RDS engine version, or nil when neither source knows its major version.
    public func rds(engine: String, version: String) -> Support? {
        let keys = RDSEngineVersion.lookupKeys(engine: engine, version: version)
        for key in keys {
            if let live = liveRDS[key], live.endOfStandardSupport != nil {
                return Support(endOfStandardSupport: live.endOfStandardSupport,
                               endOfExtendedSupport: live.endOfExtendedSupport,
                               hasExtendedSupport: !engine.hasPrefix("mariadb"), source: .live)
            }
        }
        for key in keys {
            if let table = bundled.rdsEngines[key] {
                return Support(endOfStandardSupport: table.endOfStandardSupport,
                               endOfExtendedSupport: table.endOfExtendedSupport,
                               hasExtendedSupport: !engine.hasPrefix("mariadb"), source: .bundled)
            }
        }
        return nil
    }
}

/// Major versions of RDS engine version strings, parsed as integers' text, never compared as decimals.
public enum RDSEngineVersion {
    /// The major version the support calendars use: MySQL/MariaDB `8.0`, `10.6` (two components); PostgreSQL `13`
    /// (one component, `9.6` before 10); Aurora MySQL `2`/`3` (from `…mysql_aurora.2.11.2`, or by MySQL
    /// compatibility `5.7` → 2, `8.0` → 3).
    public static func major(engine: String, version: String) -> String? {
        let parts = version.split(separator: ".").map(String.init)
        guard let first = parts.first, Int(first) != nil else { return nil }
        switch engine {
        case "aurora-mysql", "aurora":
            if let marker = version.range(of: "mysql_aurora.") {
                return version[marker.upperBound...].split(separator: ".").first.map(String.init)
            }
            switch parts.prefix(2).joined(separator: ".") {
            case "5.7": return "2"
            case "8.0": return "3"
            case "5.6": return "1"
            default: return nil
            }
        case "postgres", "aurora-postgresql":
            if let major = Int(first), major < 10, parts.count > 1 { return first + "." + parts[1] }
            return first
        default:
            guard parts.count > 1 else { return first }
            return first + "." + parts[1]
        }
    }

    /// Keys to look up in the live and bundled maps: `<engine>:<major>`, and for Aurora MySQL also the
    /// MySQL-compatible major (`aurora-mysql:8.0`) that `DescribeDBMajorEngineVersions` may report instead.
    public static func lookupKeys(engine: String, version: String) -> [String] {
        var keys: [String] = []
        if let major = major(engine: engine, version: version) { keys.append(engine + ":" + major) }
        if engine == "aurora-mysql" {
            let parts = version.split(separator: ".")
            if parts.count >= 2 { keys.append(engine + ":" + parts[0] + "." + parts[1]) }
        }
        return keys
    }
}
