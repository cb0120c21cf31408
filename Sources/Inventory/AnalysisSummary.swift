import Foundation

/// What one analyzer run leaves for the next: finding keys (for "new" and "resolved"), the resource count, the
/// findings as JSON, and the state history (for ages AWS does not expose).
///
/// Stored under the hash key `inventory#analysis-summary`. Large estates do not fit DynamoDB's 400 KB item limit,
/// so the record is split into pages: page 0 has `timestamp` = the scan start, page *n* has
/// `<scan start>#<nnnn>`; every page carries `scan_id` and `page`, and a slice of the three lists; page 0 also
/// carries the totals that let a reader check it has every page.
/// To read the latest analysis: `Query` the partition descending with `Limit 1`, take its scan start (the part of
/// `timestamp` before `#`), then `Query` `begins_with(timestamp, <scan start>)` and pass every page to
/// `init(pages:)`. To write: iterate `pageIterator(…)` and `PutItem` each page; only one page is built at a time.
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

    /// The pages to store (with `findingsJSON` as stored in this value), each under `maxPageBytes`.
    public func pages(maxPageBytes: Int = defaultPageBytes) -> [AttributeMap] {
        let json = findingsJSON
        var iterator = pageIterator(maxPageBytes: maxPageBytes, findingsJSONCount: json.count) { json[$0] }
        var result: [AttributeMap] = []
        while let page = iterator.next() { result.append(page) }
        return result
    }

    /// The pages, built one at a time; the findings JSON comes from `findingJSON(index)` for index
    /// `0..<findingsJSONCount` as each page needs it (ignoring `findingsJSON`), so the whole JSON never has to be
    /// in memory at once.
    public func pageIterator(maxPageBytes: Int = defaultPageBytes, findingsJSONCount: Int,
                             findingJSON: @escaping (Int) -> String) -> PageIterator {
        PageIterator(summary: self, maxPageBytes: maxPageBytes, jsonCount: findingsJSONCount, json: findingJSON)
    }

    /// Yields the stored pages of an analysis summary in order.
    public struct PageIterator: IteratorProtocol {
        let summary: AnalysisSummary
        let maxPageBytes: Int
        let jsonCount: Int
        let json: (Int) -> String
        private var list = 0, position = 0, page = 0, done = false
        private let history: [String]

        init(summary: AnalysisSummary, maxPageBytes: Int, jsonCount: Int, json: @escaping (Int) -> String) {
            self.summary = summary
            self.maxPageBytes = maxPageBytes
            self.jsonCount = jsonCount
            self.json = json
            history = summary.history.map(\.encoded)
        }

        static let listNames = ["finding_keys", "findings", "history"]

        public mutating func next() -> AttributeMap? {
            guard !done else { return nil }
            var slices: [[String]] = [[], [], []]
            var used = 1_024  // scalars and names
            var full = false
            while list < 3, !full {
                let count = [summary.findingKeys.count, jsonCount, history.count][list]
                while position < count {
                    let element = list == 0 ? summary.findingKeys[position] : list == 1 ? json(position)
                        : history[position]
                    let size = element.utf8.count + 4
                    if used + size > maxPageBytes, slices.contains(where: { !$0.isEmpty }) {
                        full = true
                        break
                    }
                    slices[list].append(element)
                    used += size
                    position += 1
                }
                if !full {
                    list += 1
                    position = 0
                }
            }
            done = list >= 3
            var map = AttributeMap()
            let scan = summary.scan
            map.set(ItemKeys.resourceID, ItemKeys.analysisSummaryPartition)
            map.set(ItemKeys.timestamp, page == 0 ? scan.timestamp : scan.timestamp + "#" + Self.suffix(page))
            map.set(ItemKeys.scanID, scan.id)
            map.set(ItemKeys.resourceType, AnalysisSummary.recordType)
            map.set("page", page)
            if page == 0 {
                map.set("analyzed_at", summary.analyzedAt)
                map.set("resource_count", summary.resourceCount)
                map.set("finding_count", summary.findingKeys.count)
                map.set("findings_json_count", jsonCount)
                map.set("history_count", history.count)
                map.set("summary_source", summary.summarySource)
            }
            for (index, name) in Self.listNames.enumerated() { map.set(name, slices[index]) }
            map.set(ItemKeys.expiresAt, summary.expiresAt.map { Int($0.timeIntervalSince1970.rounded(.down)) })
            page += 1
            return map
        }

        private static func suffix(_ index: Int) -> String {
            let text = String(index)
            return String(repeating: "0", count: max(0, 4 - text.count)) + text
        }
    }

    /// Reassembles a summary from all of its pages, in any order. Pages read without their `findings` attribute
    /// (a `ProjectionExpression` leaving it out: the next run needs only keys and history) give empty `findingsJSON`.
    public init(pages: [AttributeMap]) throws {
        let ordered = try pages.map { (try $0.requiredInt("page"), $0) }.sorted { $0.0 < $1.0 }
        guard let first = ordered.first?.1 else {
            throw InventoryError(.inconsistentPages, "no pages given")
        }
        guard ordered.map(\.0) == Array(0..<ordered.count) else {
            throw InventoryError(.inconsistentPages, attribute: "page",
                                 "expected pages 0..<\(ordered.count), found \(ordered.map(\.0))")
        }
        let scanID = try first.requiredString(ItemKeys.scanID)
        for (_, page) in ordered where try page.string(ItemKeys.scanID) != scanID {
            throw InventoryError(.inconsistentPages, attribute: ItemKeys.scanID, "pages of different scans mixed")
        }
        let timestamp = try first.requiredString(ItemKeys.timestamp)
        guard let startedAt = Timestamp.parse(timestamp) else {
            throw InventoryError(.invalidDate, attribute: ItemKeys.timestamp, "'\(timestamp)' is not ISO 8601 UTC")
        }
        scan = ScanKey(id: scanID, startedAt: startedAt)
        analyzedAt = try first.requiredDate("analyzed_at")
        resourceCount = try first.requiredInt("resource_count")
        summarySource = try first.requiredString("summary_source")
        expiresAt = try first.double(ItemKeys.expiresAt).map { Date(timeIntervalSince1970: $0) }
        var keys: [String] = [], findings: [String] = [], history: [ResourceStateRecord] = []
        for (_, page) in ordered {
            keys += try page.stringList("finding_keys") ?? []
            findings += try page.stringList("findings") ?? []
            history += try (page.stringList("history") ?? []).map(ResourceStateRecord.init(encoded:))
        }
        // Every page holds at least one element, so a missing page shows as a count below page 0's totals.
        let declared = (keys: try first.requiredInt("finding_count"),
                        json: try first.requiredInt("findings_json_count"),
                        history: try first.requiredInt("history_count"))
        guard declared.keys == keys.count, declared.history == history.count,
              findings.count == declared.json || findings.isEmpty
        else {
            throw InventoryError(.inconsistentPages, attribute: "page",
                                 "page 0 declares \(declared.keys) keys, \(declared.json) findings and "
                                    + "\(declared.history) history entries; pages hold \(keys.count), "
                                    + "\(findings.count) and \(history.count) (a page is missing)")
        }
        findingKeys = keys
        findingsJSON = findings
        self.history = history
    }
}
