import Foundation

/// What one analyzer run leaves for the next: finding keys (for "new" and "resolved"), the resource count, the
/// findings as JSON, and the state history (for ages AWS does not expose).
///
/// Stored under the hash key `inventory#analysis-summary`. Large estates do not fit DynamoDB's 400 KB item limit,
/// so the record is split into pages: page 0 has `timestamp` = the scan start, page *n* has
/// `<scan start>#<nnnn>`; every page carries `scan_id`, `page` and `page_count`, and a slice of the three lists.
/// To read the latest analysis: `Query` the partition descending with `Limit 1`, take its scan start (the part of
/// `timestamp` before `#`), then `Query` `begins_with(timestamp, <scan start>)` and pass every page to
/// `init(pages:)`.
public struct AnalysisSummary: Sendable, Hashable {
    /// The scan analysed.
    public var scan: ScanKey
    /// `analyzed_at`.
    public var analyzedAt: Date
    /// `resource_count`: items analysed.
    public var resourceCount: Int
    /// `summary_source`: `bedrock` or `rules`.
    public var summarySource: String
    /// `finding_keys`: `<finding id>|<resource id>` of every finding.
    public var findingKeys: [String]
    /// `findings`: one JSON object per finding (the analyzer's findings JSON format).
    public var findingsJSON: [String]
    /// `history`: state records (see `ResourceStateRecord.encoded`).
    public var history: [ResourceStateRecord]
    /// `expires_at`.
    public var expiresAt: Date?

    public init(scan: ScanKey, analyzedAt: Date, resourceCount: Int, summarySource: String, findingKeys: [String],
                findingsJSON: [String], history: [ResourceStateRecord], expiresAt: Date? = nil) {
        self.scan = scan
        self.analyzedAt = analyzedAt
        self.resourceCount = resourceCount
        self.summarySource = summarySource
        self.findingKeys = findingKeys
        self.findingsJSON = findingsJSON
        self.history = history
        self.expiresAt = expiresAt
    }

    /// The `resource_type` value of analysis-summary pages.
    public static let recordType = "inventory.analysis-summary"
    /// Default page budget: below DynamoDB's 400 KB item limit with room for attribute overhead.
    public static let defaultPageBytes = 350_000

    /// The pages to store, each under `maxPageBytes` (approximately, as DynamoDB counts).
    public func pages(maxPageBytes: Int = defaultPageBytes) -> [AttributeMap] {
        let lists: [(String, [String])] = [
            ("finding_keys", findingKeys), ("findings", findingsJSON), ("history", history.map(\.encoded)),
        ]
        var slices: [[String: [String]]] = [[:]]
        var used = 1_024  // scalars and names
        for (name, list) in lists {
            for element in list {
                let size = element.utf8.count + 4
                if used + size > maxPageBytes, !slices[slices.count - 1].isEmpty {
                    slices.append([:])
                    used = 1_024
                }
                slices[slices.count - 1][name, default: []].append(element)
                used += size
            }
        }
        return slices.enumerated().map { index, slice in
            var map = AttributeMap()
            map.set(ItemKeys.resourceID, ItemKeys.analysisSummaryPartition)
            map.set(ItemKeys.timestamp, index == 0 ? scan.timestamp : scan.timestamp + "#" + Self.pageSuffix(index))
            map.set(ItemKeys.scanID, scan.id)
            map.set(ItemKeys.resourceType, Self.recordType)
            map.set("page", index)
            map.set("page_count", slices.count)
            if index == 0 {
                map.set("analyzed_at", analyzedAt)
                map.set("resource_count", resourceCount)
                map.set("finding_count", findingKeys.count)
                map.set("summary_source", summarySource)
            }
            for (name, _) in lists { map.set(name, slice[name] ?? []) }
            map.set(ItemKeys.expiresAt, expiresAt.map { Int($0.timeIntervalSince1970.rounded(.down)) })
            return map
        }
    }

    /// Reassembles a summary from all of its pages, in any order.
    public init(pages: [AttributeMap]) throws {
        let ordered = try pages.map { (try $0.required("page", $0.int), $0) }.sorted { $0.0 < $1.0 }
        guard let first = ordered.first?.1 else {
            throw InventoryError(.inconsistentPages, "no pages given")
        }
        let pageCount = try first.required("page_count", first.int)
        guard ordered.map(\.0) == Array(0..<pageCount) else {
            throw InventoryError(.inconsistentPages, attribute: "page",
                                 "expected pages 0..<\(pageCount), found \(ordered.map(\.0))")
        }
        let scanID = try first.required(ItemKeys.scanID, first.string)
        for (_, page) in ordered where try page.string(ItemKeys.scanID) != scanID {
            throw InventoryError(.inconsistentPages, attribute: ItemKeys.scanID, "pages of different scans mixed")
        }
        let timestamp = try first.required(ItemKeys.timestamp, first.string)
        guard let startedAt = Timestamp.parse(timestamp) else {
            throw InventoryError(.invalidDate, attribute: ItemKeys.timestamp, "'\(timestamp)' is not ISO 8601 UTC")
        }
        scan = ScanKey(id: scanID, startedAt: startedAt)
        analyzedAt = try first.required("analyzed_at", first.date)
        resourceCount = try first.required("resource_count", first.int)
        summarySource = try first.required("summary_source", first.string)
        expiresAt = try first.double(ItemKeys.expiresAt).map { Date(timeIntervalSince1970: $0) }
        var keys: [String] = [], findings: [String] = [], history: [ResourceStateRecord] = []
        for (_, page) in ordered {
            keys += try page.stringList("finding_keys") ?? []
            findings += try page.stringList("findings") ?? []
            history += try (page.stringList("history") ?? []).map(ResourceStateRecord.init(encoded:))
        }
        let declared = try first.required("finding_count", first.int)
        guard declared == keys.count else {
            throw InventoryError(.inconsistentPages, attribute: "finding_keys",
                                 "page 0 declares \(declared) findings, pages hold \(keys.count)")
        }
        findingKeys = keys
        findingsJSON = findings
        self.history = history
    }

    private static func pageSuffix(_ index: Int) -> String {
        let text = String(index)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
