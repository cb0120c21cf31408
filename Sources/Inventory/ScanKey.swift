import Foundation

/// The identity of one collector run.
///
/// Every item of a scan carries the same `timestamp` (the scan's start, the table's range key) and the same
/// `scan_date`, the GSI hash key `YYYY-MM-DD#<scan id>`: the UTC day the scan started, then the scan id. The day
/// prefix keeps the key readable in the console and lets an operator find a day's scans; the scan id makes the key
/// unique when several scans run on one day. Re-running a scan with the same id rewrites the same keys, so
/// nothing is duplicated.
public struct ScanKey: Sendable, Hashable, Codable, Comparable {
    /// The scan id, e.g. `scan-20261129T040722Z`. Any string without `#`.
    public var id: String
    /// When the scan started (stored as each item's `timestamp`).
    public var startedAt: Date

    public init(id: String, startedAt: Date) {
        self.id = id
        self.startedAt = startedAt
    }

    /// A scan key whose id is derived from the start time (`scan-YYYYMMDDTHHMMSSZ`).
    public static func derived(from startedAt: Date) -> ScanKey {
        let stamp = Timestamp.format(startedAt).filter { $0 != "-" && $0 != ":" }
        return ScanKey(id: "scan-" + stamp, startedAt: startedAt)
    }

    /// The GSI hash key value, `YYYY-MM-DD#<scan id>`.
    public var scanDate: String { Timestamp.formatDay(startedAt) + "#" + id }

    /// The `timestamp` range key value (ISO 8601 UTC).
    public var timestamp: String { Timestamp.format(startedAt) }

    /// Reads a scan key back from an item's `scan_date` and `timestamp`.
    public init(scanDate: String, timestamp: String) throws {
        guard let hash = scanDate.firstIndex(of: "#"), scanDate.index(after: hash) < scanDate.endIndex,
              Timestamp.parse(String(scanDate[..<hash])) != nil
        else {
            throw InventoryError(.invalidScanKey, attribute: ItemKeys.scanDate,
                                 "'\(scanDate)' is not of the form YYYY-MM-DD#<scan id>")
        }
        guard let startedAt = Timestamp.parse(timestamp) else {
            throw InventoryError(.invalidDate, attribute: ItemKeys.timestamp, "'\(timestamp)' is not ISO 8601 UTC")
        }
        self.init(id: String(scanDate[scanDate.index(after: hash)...]), startedAt: startedAt)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.startedAt, lhs.id) < (rhs.startedAt, rhs.id)
    }
}
