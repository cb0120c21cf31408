import AWSClient
import AWSServices
import Analyzer
import Foundation
import Inventory
import InventoryStore

/// The analyzer's `InventoryStore` on DynamoDB (see `docs/inventory-schema.md`).
///
/// Every read is a `Query` (all pages through `queryPages`), never a table `Scan`: resources of a scan on the
/// `scan_date` GSI, scan summaries and analysis-summary pages on their fixed partitions. Items are mapped with the
/// `InventoryStore` target's 1:1 `AttributeMap` ↔ `AttributeValue` mapping.
public struct DynamoDBInventoryStore: Analyzer.InventoryStore {
    public var client: AWSClient
    public var table: String

    /// `timestamp` is a DynamoDB reserved word, so every expression names the key attributes through placeholders.
    static let keyNames = ["#pk": ItemKeys.resourceID, "#ts": ItemKeys.timestamp]

    /// What the next run reads of an analysis summary: everything but the bulky `findings` list.
    static let analysisProjection = [
        ItemKeys.resourceID, ItemKeys.timestamp, ItemKeys.scanID, ItemKeys.resourceType, "page", "analyzed_at",
        "resource_count", "finding_count", "findings_json_count", "history_count", "summary_source", "finding_keys",
        "history", ItemKeys.expiresAt,
    ]

    public init(client: AWSClient, table: String) {
        self.client = client
        self.table = table
    }

    public func latestCompleteScan() async throws -> ScanSummary? {
        var newest: ScanSummary?
        // Newest first; most of the time the first item is the answer and no further page is read.
        for try await page in client.queryPages(summaryQuery(filter: nil)) {
            for item in page.items ?? [] {
                let summary = try ScanSummary(dynamoDBItem: item)
                if summary.complete { return summary }
                if newest == nil { newest = summary }
            }
        }
        return newest
    }

    public func scanSummary(id: String) async throws -> ScanSummary? {
        for try await page in client.queryPages(summaryQuery(filter: id)) {
            if let item = page.items?.first { return try ScanSummary(dynamoDBItem: item) }
        }
        return nil
    }

    public func items(forScan scan: ScanKey) async throws -> [InventoryItem] {
        let input = DynamoDB.QueryInput(
            tableName: table, indexName: ItemKeys.scanIndexName, keyConditionExpression: "#sd = :sd",
            expressionAttributeNames: ["#sd": ItemKeys.scanDate], expressionAttributeValues: [":sd": .s(scan.scanDate)])
        var items: [InventoryItem] = []
        // Pages read straight into items (one scan-key parse per scan); the next page is requested and read while
        // this one's items are appended.
        for try await page in client.inventoryPages(input, as: InventoryItemPage.self).prefetching() {
            if let invalid = page.invalidItem { throw invalid }
            items += page.items
        }
        return items
    }

    public func previousAnalysis(before scan: ScanKey) async throws -> AnalysisSummary? {
        // The newest page of any earlier analysis names its scan start (`<start>` or `<start>#nnnn`) …
        let newest = try await client.call(DynamoDB.query, DynamoDB.QueryInput(
            tableName: table, keyConditionExpression: "#pk = :pk AND #ts < :start",
            projectionExpression: "#ts", expressionAttributeNames: Self.keyNames,
            expressionAttributeValues: [":pk": .s(ItemKeys.analysisSummaryPartition), ":start": .s(scan.timestamp)],
            limit: 1, scanIndexForward: false))
        guard let key = newest.items?.first?[ItemKeys.timestamp]?.string else { return nil }
        let start = String(key.prefix { $0 != "#" })
        // … then every page of that analysis, without the findings JSON.
        var names = Self.keyNames
        var projection: [String] = []
        for (index, attribute) in Self.analysisProjection.enumerated() {
            names["#a\(index)"] = attribute
            projection.append("#a\(index)")
        }
        let input = DynamoDB.QueryInput(
            tableName: table, keyConditionExpression: "#pk = :pk AND begins_with(#ts, :start)",
            projectionExpression: projection.joined(separator: ", "), expressionAttributeNames: names,
            expressionAttributeValues: [":pk": .s(ItemKeys.analysisSummaryPartition), ":start": .s(start)])
        var pages: [AttributeMap] = []
        for try await page in client.inventoryPages(input, as: InventoryQueryPage.self) {
            if let invalid = page.invalidItem { throw invalid }
            pages += page.items
        }
        return try AnalysisSummary(pages: Self.current(pages))
    }

    /// The pages of the latest write of an analysis: page 0 onwards until page 0's declared key and history counts
    /// are reached. A re-run of the same scan that needed fewer pages leaves the old run's later pages in place
    /// (`PutItem` overwrites, nothing deletes); they are stale and must not be read as part of the summary.
    static func current(_ pages: [AttributeMap]) throws -> [AttributeMap] {
        let ordered = try pages.map { (try $0.requiredInt("page"), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
        guard let first = ordered.first, try first.requiredInt("page") == 0 else { return ordered }
        let declared = (keys: try first.requiredInt("finding_count"), history: try first.requiredInt("history_count"))
        var keys = 0, history = 0
        var current: [AttributeMap] = []
        for page in ordered {
            current.append(page)
            keys += try page.stringList("finding_keys")?.count ?? 0
            history += try page.stringList("history")?.count ?? 0
            if keys >= declared.keys && history >= declared.history { break }
        }
        return current
    }

    public func saveAnalysisPage(_ page: AttributeMap) async throws {
        _ = try await client.call(DynamoDB.putItem, DynamoDB.PutItemInput(tableName: table, item: page.dynamoDBItem))
    }

    /// Scan summaries, newest first, optionally only the one with scan id `id`.
    private func summaryQuery(filter id: String?) -> DynamoDB.QueryInput {
        var values: DynamoDBItem = [":pk": .s(ItemKeys.scanSummaryPartition)]
        var names = ["#pk": ItemKeys.resourceID]
        if let id {
            values[":id"] = .s(id)
            names["#id"] = ItemKeys.scanID
        }
        return DynamoDB.QueryInput(
            tableName: table, keyConditionExpression: "#pk = :pk", filterExpression: id == nil ? nil : "#id = :id",
            expressionAttributeNames: names, expressionAttributeValues: values, scanIndexForward: false)
    }
}
