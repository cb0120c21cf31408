import Foundation
import Inventory

/// `eos.rds.engine`: an RDS/Aurora engine major version past end of standard support (high: RDS enrols it in paid
/// Extended Support), past end of Extended Support or past standard support without Extended Support (MariaDB)
/// (critical: AWS upgrades it), or within `EOL_WARNING_DAYS` of end of standard support (medium). Live dates from
/// `rds:DescribeDBMajorEngineVersions` win over the bundled table. Saving while in Extended Support: vCPUs × the
/// per-vCPU-hour charge (year 1–2 or year 3) × 730.
public struct RDSEngineSupportRule: Rule {
    public let id = FindingID.rdsEngine
    public init() {}

    public func evaluate(in context: RuleContext) -> [Finding] {
        context.databases.compactMap { item, database in
            guard let support = context.lifecycles.rds(engine: database.engine, version: database.engineVersion),
                  let standardEnd = support.endOfStandardSupport
            else { return nil }
            let version = "\(database.engine) \(database.engineVersion)"
            let source = "dates: \(support.source.rawValue)"
            if standardEnd <= context.now {
                if !support.hasExtendedSupport {
                    return finding(item, .critical, "\(version): standard support ended \(Evidence.day(standardEnd)) "
                        + "and the engine has no Extended Support (\(source))",
                        "Upgrade to a supported major version now; AWS upgrades it automatically", nil)
                }
                if let extendedEnd = support.endOfExtendedSupport, extendedEnd <= context.now {
                    return finding(item, .critical, "\(version): Extended Support ended \(Evidence.day(extendedEnd)) "
                        + "(\(source))", "Upgrade now; AWS upgrades it automatically after Extended Support", nil)
                }
                let year3 = context.atLeast(730, daysSince: standardEnd)
                let rate = year3 ? context.prices.rdsExtendedSupportVCPUHourlyYear3
                    : context.prices.rdsExtendedSupportVCPUHourlyYears1And2
                let vcpus = Self.vCPUs(instanceClass: database.instanceClass)
                var evidence = "\(version): standard support ended \(Evidence.day(standardEnd)); billed for RDS "
                    + "Extended Support"
                if let extendedEnd = support.endOfExtendedSupport {
                    evidence += " until \(Evidence.day(extendedEnd))"
                }
                evidence += " (\(source))"
                return finding(item, .high, evidence,
                               "Upgrade to a major version in standard support to stop Extended Support charges",
                               vcpus.map { Double($0) * rate * context.prices.hoursPerMonth })
            }
            guard context.within(context.configuration.eolWarningDays, daysOf: standardEnd) else { return nil }
            return finding(item, .medium, "\(version): standard support ends \(Evidence.day(standardEnd)) (in "
                + "\(context.days(until: standardEnd)) days; \(source))",
                "Plan the major-version upgrade before \(Evidence.day(standardEnd)) to avoid Extended Support "
                    + "charges", nil)
        }
    }

    private func finding(_ item: InventoryItem, _ severity: Severity, _ evidence: String, _ recommendation: String,
                         _ saving: Double?) -> Finding {
        Finding(id: id, severity: severity, item: item, evidence: evidence, recommendation: recommendation,
                monthlySavingUSD: saving)
    }

    /// vCPUs of an RDS instance class from its size (`large` = 2, `xlarge` = 4, `Nxlarge` = 4N; micro…medium = 2),
    /// nil for classes without a fixed size (`db.serverless`, `metal`).
    public static func vCPUs(instanceClass: String) -> Int? {
        guard let size = instanceClass.split(separator: ".").last.map(String.init) else { return nil }
        switch size {
        case "micro", "small", "medium", "large": return 2
        case "xlarge": return 4
        default:
            guard size.hasSuffix("xlarge"), let multiple = Int(size.dropLast(6)) else { return nil }
            return 4 * multiple
        }
    }
}
