import Foundation

/// List prices for savings estimates (generated from `data/prices.json`). Every figure derived from them is an
/// estimate at `region` prices; the AWS Price List API is the authority.
public struct PriceData: Sendable {
    public var dataAsOf: Date
    /// The region the prices are for; savings elsewhere are labelled as using these prices.
    public var region: String
    public var sources: [String]
    public var hoursPerMonth: Double
    /// EBS storage per GB-month by volume type.
    public var ebsGBMonth: [String: Double]
    public var gp3IOPSMonthAbove3000: Double
    /// io1/io2 per provisioned IOPS-month.
    public var provisionedIOPSMonth: [String: Double]
    public var gp3ThroughputMonthAbove125: Double
    /// Snapshot storage per GB-month by tier (`standard`, `archive`).
    public var snapshotGBMonth: [String: Double]
    /// EC2 on-demand Linux per hour by instance type.
    public var ec2Hourly: [String: Double]
    /// Previous-generation family → current family with a known price (t2 → t3, …).
    public var ec2SuccessorFamily: [String: String]
    public var eksClusterHourlyStandard: Double
    public var eksClusterHourlyExtended: Double
    public var rdsExtendedSupportVCPUHourlyYears1And2: Double
    public var rdsExtendedSupportVCPUHourlyYear3: Double
    public var s3GBMonth: [String: Double]
    public var publicIPv4Hourly: Double

    /// The monthly cost of an EBS volume: storage, plus provisioned IOPS/throughput beyond the included baseline.
    /// Nil when the volume type has no price in the data.
    public func ebsMonthlyCost(type: String, sizeGiB: Int, iops: Int?, throughputMiBps: Int?) -> Double? {
        guard let perGB = ebsGBMonth[type] else { return nil }
        var cost = perGB * Double(sizeGiB)
        switch type {
        case "gp3":
            cost += Double(max(0, (iops ?? 3_000) - 3_000)) * gp3IOPSMonthAbove3000
            cost += Double(max(0, (throughputMiBps ?? 125) - 125)) * gp3ThroughputMonthAbove125
        case "io1", "io2":
            cost += Double(iops ?? 0) * (provisionedIOPSMonth[type] ?? 0)
        default:
            break
        }
        return cost
    }
}
