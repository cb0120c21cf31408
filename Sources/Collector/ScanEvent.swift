import Foundation
import Inventory

/// The invocation event. Any JSON object works: the EventBridge scheduled event (its `time` is the scan start),
/// `{}` (start = now), or `{"scan_id": "…", "time": "…"}` to rerun a scan.
///
/// The scan's identity is its id *and* start time (the items' `timestamp` range key), so a rerun must bring both:
/// EventBridge retrying the same scheduled event sends the same `time`, and a derived id
/// (`scan-20261129T040722Z`) carries its own start. A custom `scan_id` without `time` is rejected, since it would
/// write the same scan under a second timestamp.
public struct ScanEvent: Decodable, Sendable {
    public var time: String?
    public var scanID: String?

    enum CodingKeys: String, CodingKey { case time, scanID = "scan_id" }

    public init(time: String? = nil, scanID: String? = nil) {
        self.time = time
        self.scanID = scanID
    }

    /// The scan key this event asks for.
    public func scanKey(now: Date) throws -> ScanKey {
        // Whole seconds: the stored `timestamp` has no fraction, so the key read back equals this one.
        let now = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        var start: Date?
        if let time {
            guard let parsed = Timestamp.parse(time) else {
                throw CollectorError(.invalidEvent, "time: '\(time)' is not an ISO 8601 UTC timestamp")
            }
            start = Date(timeIntervalSince1970: parsed.timeIntervalSince1970.rounded(.down))
        }
        guard let scanID, !scanID.isEmpty else { return .derived(from: start ?? now) }
        guard !scanID.contains("#") else { throw CollectorError(.invalidEvent, "scan_id must not contain '#'") }
        if let start { return ScanKey(id: scanID, startedAt: start) }
        if let derived = Self.startOfDerivedID(scanID) { return ScanKey(id: scanID, startedAt: derived) }
        throw CollectorError(.invalidEvent, "scan_id '\(scanID)' needs a 'time' (its start), or use a derived id "
                             + "like scan-20261129T040722Z")
    }

    /// The start encoded in `scan-YYYYMMDDTHHMMSSZ`.
    static func startOfDerivedID(_ id: String) -> Date? {
        let text = Array(id.utf8)
        guard id.hasPrefix("scan-"), text.count == 21 else { return nil }
        let stamp = String(decoding: text[5...], as: UTF8.self)  // 20261129T040722Z
        let chars = Array(stamp)
        guard chars.count == 16, chars[8] == "T", chars[15] == "Z" else { return nil }
        let iso = "\(String(chars[0..<4]))-\(String(chars[4..<6]))-\(String(chars[6..<8]))T"
            + "\(String(chars[9..<11])):\(String(chars[11..<13])):\(String(chars[13..<15]))Z"
        return Timestamp.parse(iso)
    }
}
