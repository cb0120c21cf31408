import Foundation
import Inventory

/// Where one scanner runs and what it stamps on every item: the account, the region, the scan, the TTL.
public struct ScanScope: Sendable, Hashable {
    public var accountID: String
    public var region: String
    public var scan: ScanKey
    public var expiresAt: Date?
    public var pageSizes: PageSizes

    public init(accountID: String, region: String, scan: ScanKey, expiresAt: Date?, pageSizes: PageSizes = .maximum) {
        self.accountID = accountID
        self.region = region
        self.scan = scan
        self.expiresAt = expiresAt
        self.pageSizes = pageSizes
    }

    /// The ARN partition of the region (`aws`, `aws-cn`, `aws-us-gov`).
    public var partition: String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        return "aws"
    }

    /// `arn:<partition>:<service>:<region>:<account>:<resource>`; `account: false` for EC2 snapshots and images,
    /// whose ARNs carry no account.
    public func arn(_ service: String, _ resource: String, account: Bool = true) -> String {
        "arn:\(partition):\(service):\(region):\(account ? accountID : ""):\(resource)"
    }

    /// A resource item of this scope.
    public func item(resourceID: String, region: String? = nil, name: String?, state: String?,
                     tags: [String: String], details: ResourceDetails) -> InventoryItem {
        InventoryItem(resourceID: resourceID, scan: scan, region: region ?? self.region, accountID: accountID,
                      name: name, state: state, tags: tags, expiresAt: expiresAt, details: details)
    }
}

/// Dates AWS sends as text in formats `Timestamp.parse` does not take (Lambda's `2026-11-29T04:05:06.000+0000`).
enum AWSDateText {
    static func parse(_ text: String?) -> Date? {
        guard let text, !text.isEmpty else { return nil }
        if let date = Timestamp.parse(text) { return date }
        // `+0000` → `+00:00`
        if text.count > 5, let sign = text.dropLast(4).last, sign == "+" || sign == "-",
           text.suffix(4).allSatisfy(\.isNumber) {
            return Timestamp.parse(text.dropLast(2) + ":" + text.suffix(2))
        }
        return nil
    }
}
