import AWSClient
import Foundation
import Inventory
import InventoryStore
import Synchronization

/// An in-process stand-in for DynamoDB and SNS behind the `HTTPTransport` seam, so the benchmark runs the analyzer's
/// real AWS path (`DynamoDBInventoryStore`, `SNSReportPublisher`: SigV4 signing, JSON request encoding, response
/// decoding of every Query page) without a network or an emulator whose own speed would dominate.
///
/// What a real table would hold is kept in files under a temporary directory, not in this process' memory, so the
/// peak RSS the benchmark reports is the analyzer's own. Answers:
/// - `Query` on the `scan_date` index: the scan's stored pages of at most 1 MB of item data (DynamoDB's page limit),
///   with `LastEvaluatedKey` naming the next page;
/// - `Query` on the scan-summary partition: the scan summary item;
/// - `Query` on the analysis-summary partition: the key of the recorded analysis (`Limit 1`), or its pages without
///   the `findings` attribute, as the store's projection asks;
/// - `PutItem`: recorded as the previous analysis while `recording`, otherwise accepted and dropped;
/// - SNS `Publish`: a message id.
final class BenchBackend: HTTPTransport {
    struct Failure: Error, CustomStringConvertible { var description: String }

    private struct State {
        var scanPages: [String: [URL]] = [:]
        var summaries: [String: URL] = [:]
        var analysisTimestamp: String?
        var analysisPages: [URL] = []
        var recording = false
        var fileCount = 0
    }

    let directory: URL
    private let state = Mutex(State())
    static let pageLimitBytes = 1 << 20

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("analyzer-bench-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func removeFiles() { try? FileManager.default.removeItem(at: directory) }

    /// While true, `PutItem` bodies are kept as the analysis the next run reads back.
    func setRecording(_ on: Bool) { state.withLock { $0.recording = on } }

    // MARK: Loading the table

    /// Stores the scan's items as Query pages of at most `pageLimitBytes` of item data.
    func storeScan(_ scan: ScanKey, items: some Sequence<AttributeMap>) throws {
        var pages: [URL] = []
        var pending: [String] = []
        var pendingBytes = 0
        func flush(last: Bool) throws {
            let next = last ? "" : #","LastEvaluatedKey":{"page":{"N":"\#(pages.count + 1)"}}"#
            let body = #"{"Count":\#(pending.count),"ScannedCount":\#(pending.count),"Items":["#
                + pending.joined(separator: ",") + "]" + next + "}"
            pages.append(try write(Data(body.utf8)))
            pending = []
            pendingBytes = 0
        }
        for item in items {
            let size = item.approximateSize
            if pendingBytes + size > Self.pageLimitBytes, !pending.isEmpty { try flush(last: false) }
            pending.append(try Self.json(item))
            pendingBytes += size
        }
        try flush(last: true)
        state.withLock { $0.scanPages[scan.scanDate] = pages }
    }

    /// Stores a scan summary item.
    func storeSummary(_ summary: ScanSummary) throws {
        let url = try write(Data(#"{"Count":1,"ScannedCount":1,"Items":[\#(try Self.json(summary.attributes))]}"#.utf8))
        state.withLock { $0.summaries[summary.scan.id] = url }
    }

    /// DynamoDB JSON of an item, as the real service writes it.
    static func json(_ item: AttributeMap) throws -> String {
        String(decoding: try JSONBodyEncoder().encode(item.dynamoDBItem), as: UTF8.self)
    }

    private func write(_ data: Data) throws -> URL {
        let index = state.withLock { state in
            state.fileCount += 1
            return state.fileCount
        }
        let url = directory.appendingPathComponent("\(index).json")
        try data.write(to: url)
        return url
    }

    // MARK: HTTPTransport

    func send(_ request: HTTPRequest, timeouts: HTTPTimeouts) async throws -> HTTPResponse {
        if let target = request.header("X-Amz-Target") {
            // Only what the stand-in needs is parsed: its own work is not the analyzer's.
            func body() throws -> [String: Any] {
                try JSONSerialization.jsonObject(with: request.body) as? [String: Any] ?? [:]
            }
            switch target {
            case "DynamoDB_20120810.Query": return try query(body())
            case "DynamoDB_20120810.PutItem":
                return state.withLock({ $0.recording }) ? try putItem(body()) : try respond("{}")
            default: throw Failure(description: "unexpected DynamoDB operation \(target)")
            }
        }
        if request.body.starts(with: Data("Action=Publish&".utf8)) {
            let xml = "<PublishResponse><PublishResult><MessageId>bench-message</MessageId></PublishResult>"
                + "<ResponseMetadata><RequestId>bench</RequestId></ResponseMetadata></PublishResponse>"
            return HTTPResponse(status: 200, headers: ["Content-Type": "text/xml"], body: Data(xml.utf8))
        }
        throw Failure(description: "unexpected request \(request.method) \(request.url)")
    }

    private func query(_ body: [String: Any]) throws -> HTTPResponse {
        let values = body["ExpressionAttributeValues"] as? [String: [String: Any]] ?? [:]
        func value(_ name: String) -> String? { values[name]?["S"] as? String }
        let page = ((body["ExclusiveStartKey"] as? [String: [String: Any]])?["page"]?["N"] as? String)
            .flatMap { Int($0) } ?? 0
        let state = state.withLock { $0 }
        if body["IndexName"] != nil {
            guard let scanDate = value(":sd"), let pages = state.scanPages[scanDate], page < pages.count else {
                return try respond(#"{"Count":0,"ScannedCount":0,"Items":[]}"#)
            }
            return try respond(file: pages[page])
        }
        switch value(":pk") {
        case ItemKeys.scanSummaryPartition?:
            guard let id = value(":id"), let url = state.summaries[id] else {
                throw Failure(description: "the benchmark serves scan summaries by id only")
            }
            return try respond(file: url)
        case ItemKeys.analysisSummaryPartition?:
            guard let stored = state.analysisTimestamp, let start = value(":start") else {
                return try respond(#"{"Count":0,"ScannedCount":0,"Items":[]}"#)
            }
            if body["Limit"] != nil {  // the newest analysis before the scan: `#ts < :start`, newest first, limit 1
                guard stored < start else { return try respond(#"{"Count":0,"ScannedCount":0,"Items":[]}"#) }
                let item = #"{"\#(ItemKeys.timestamp)":{"S":"\#(stored)"}}"#
                return try respond(#"{"Count":1,"ScannedCount":1,"Items":[\#(item)]}"#)
            }
            guard stored.hasPrefix(start), page < state.analysisPages.count else {  // `begins_with(#ts, :start)`
                return try respond(#"{"Count":0,"ScannedCount":0,"Items":[]}"#)
            }
            return try respond(file: state.analysisPages[page])
        default:
            throw Failure(description: "unexpected query \(body["KeyConditionExpression"] ?? "")")
        }
    }

    private func putItem(_ body: [String: Any]) throws -> HTTPResponse {
        // The analyzer reads its previous analysis back without `findings` (ProjectionExpression); store it so.
        guard var item = body["Item"] as? [String: Any],
              let timestamp = (item[ItemKeys.timestamp] as? [String: Any])?["S"] as? String
        else { throw Failure(description: "PutItem without an item timestamp") }
        item["findings"] = nil
        let url = try write(try JSONSerialization.data(withJSONObject: item, options: .sortedKeys))
        state.withLock { state in
            state.analysisPages.append(url)
            if state.analysisTimestamp == nil { state.analysisTimestamp = String(timestamp.prefix { $0 != "#" }) }
        }
        return try respond("{}")
    }

    /// Ends recording: turns the recorded analysis items into Query pages, one item per page (each analysis page
    /// is well under DynamoDB's 1 MB), each but the last naming the next in `LastEvaluatedKey`.
    func finishRecording() throws {
        let items = state.withLock { state in
            state.recording = false
            return state.analysisPages
        }
        guard !items.isEmpty else { throw Failure(description: "no analysis was recorded") }
        var pages: [URL] = []
        for (index, url) in items.enumerated() {
            let item = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            let next = index == items.count - 1 ? "" : #","LastEvaluatedKey":{"page":{"N":"\#(index + 1)"}}"#
            pages.append(try write(Data(#"{"Count":1,"ScannedCount":1,"Items":[\#(item)]\#(next)}"#.utf8)))
        }
        state.withLock { $0.analysisPages = pages }
    }

    private func respond(_ text: String) throws -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": "application/x-amz-json-1.0"], body: Data(text.utf8))
    }

    private func respond(file: URL) throws -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": "application/x-amz-json-1.0"],
                     body: try Data(contentsOf: file))
    }
}
