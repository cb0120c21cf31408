import Foundation
import Inventory

/// The pure core of one analyzer run: items of a scan + its summary + history + previous analysis +
/// configuration + clock → findings, report, analysis summary and response. No I/O except the optional
/// `SummaryWriter` (Bedrock), whose every failure falls back to the rule-based summary.
public enum Analysis {
    /// Everything the analysis reads.
    public struct Input: Sendable {
        public var scan: ScanKey
        public var items: [InventoryItem]
        public var scanSummary: ScanSummary?
        /// The previous analysis (for the delta and, unless `history` is given, the history).
        public var previous: AnalysisSummary?
        /// The history before this scan; defaults to the previous analysis' history.
        public var history: ResourceHistory?
        public var configuration: AnalyzerConfiguration
        public var now: Date
        public var eol: EOLData
        public var prices: PriceData
        /// How long stored analysis summaries live (their TTL); nil stores no `expires_at`.
        public var retentionDays: Int?

        public init(scan: ScanKey, items: [InventoryItem], scanSummary: ScanSummary?, previous: AnalysisSummary?,
                    history: ResourceHistory? = nil, configuration: AnalyzerConfiguration, now: Date,
                    eol: EOLData = .bundled, prices: PriceData = .bundled, retentionDays: Int? = 90) {
            self.scan = scan
            self.items = items
            self.scanSummary = scanSummary
            self.previous = previous
            self.history = history
            self.configuration = configuration
            self.now = now
            self.eol = eol
            self.prices = prices
            self.retentionDays = retentionDays
        }
    }

    /// The rules' result, before any summary is written.
    public struct Evaluation: Sendable {
        /// Findings in report order.
        public var findings: [Finding]
        /// `Finding.key` of each finding, in the same order.
        public var keys: [String]
        /// The history including this scan (stored for the next run).
        public var history: ResourceHistory
        public var delta: AnalysisDelta?
        public var facts: AnalysisFacts
    }

    /// Everything the analysis produces.
    public struct Output: Sendable {
        public var findings: [Finding]
        public var report: Report
        public var analysisSummary: AnalysisSummary
        public var response: AnalysisResponse
        /// The findings JSON document (`--findings-json`).
        public var findingsJSON: String { FindingsJSON.document(findings) }

        /// The analysis-summary items to store, one at a time, with each finding's JSON made as its page is built
        /// (`analysisSummary.findingsJSON` is left empty so the JSON of every finding is never held at once).
        public func analysisPages(maxPageBytes: Int = AnalysisSummary.defaultPageBytes)
            -> AnalysisSummary.PageIterator {
            let findings = self.findings
            return analysisSummary.pageIterator(maxPageBytes: maxPageBytes, findingsJSONCount: findings.count) {
                index in findings.withUnsafeBufferPointer { FindingsJSON.object($0[index]) }  // borrow, no copy
            }
        }
    }

    /// Runs every rule over the scan.
    public static func evaluate(_ input: Input, rules: [any Rule] = RuleCatalog.all) -> Evaluation {
        let prior = input.history ?? ResourceHistory(records: input.previous?.history ?? [])
        let complete = input.scanSummary?.complete ?? false
        let failed = Set((input.scanSummary?.errors ?? []).map(\.key))
        let history = prior.advanced(with: input.items, scan: input.scan, complete: complete)
        let context = RuleContext(items: input.items, now: input.now, configuration: input.configuration,
                                  history: history,
                                  lifecycles: LifecycleCatalog(bundled: input.eol, scanSummary: input.scanSummary),
                                  prices: input.prices, failedServices: failed)
        // One rule after the other, on purpose: measured on 2 idle cores with the analyzer's single malloc arena,
        // rules on both cores cost more CPU (the arena's lock) than they saved wall time (docs/analyzer.md).
        var findings: [Finding] = []
        for rule in rules { findings += rule.evaluate(in: context) }
        Finding.sortForReport(&findings)
        // The previous analysis only counts as "previous" if it is of an earlier scan (re-runs compare to the one
        // before, not to themselves).
        let previous = input.previous.flatMap { $0.scan < input.scan ? $0 : nil }
        let keys = findings.indices.map { findings[$0].key }
        let delta = AnalysisDelta(previous: previous, findings: findings, keys: keys, resourceCount: input.items.count,
                                  failedServices: failed)
        let facts = AnalysisFacts(items: input.items, findings: findings, scanSummary: input.scanSummary, delta: delta)
        return Evaluation(findings: findings, keys: keys, history: history, delta: delta, facts: facts)
    }

    /// Evaluates, asks `summaryWriter` (if any) for the summary with the rule-based text as fallback, and builds
    /// the report and the analysis summary. The writer gets at most `summaryTimeout`; an error, a timeout or an
    /// unusable text all mean the rule-based summary.
    public static func run(_ input: Input, summaryWriter: (any SummaryWriter)?,
                           summaryTimeout: Duration = .seconds(30),
                           reportBuilder: ReportBuilder = ReportBuilder()) async -> Output {
        let evaluation = evaluate(input)
        var summaryText = RuleSummary.text(evaluation.facts)
        var source = SummarySource.rules
        if let summaryWriter, let modelID = input.configuration.modelID {
            let prompt = SummaryPrompt(evaluation.facts)
            if let text = try? await withTimeout(summaryTimeout, {
                try await summaryWriter.summary(for: prompt, modelID: modelID)
            }), let accepted = SummaryPrompt.validated(text) {
                summaryText = accepted
                source = .bedrock
            }
        }
        return finish(input, evaluation, summaryText: summaryText, source: source, reportBuilder: reportBuilder)
    }

    struct SummaryTimeout: Error {}

    /// The result of `work`, or `SummaryTimeout` once `limit` has passed (then `work` is cancelled).
    static func withTimeout(_ limit: Duration, _ work: @escaping @Sendable () async throws -> String)
        async throws -> String {
        try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(for: limit)
                throw SummaryTimeout()
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw SummaryTimeout() }
            return first
        }
    }

    /// Builds the outputs from an evaluation and a chosen summary (synchronous; used by `run` and the benchmark).
    public static func finish(_ input: Input, _ evaluation: Evaluation, summaryText: String, source: SummarySource,
                              reportBuilder: ReportBuilder = ReportBuilder()) -> Output {
        let report = reportBuilder.build(ReportBuilder.Input(
            findings: evaluation.findings, facts: evaluation.facts, scan: input.scan, scanSummary: input.scanSummary,
            delta: evaluation.delta, summaryText: summaryText, summarySource: source, eolDataAsOf: input.eol.dataAsOf,
            pricesAsOf: input.prices.dataAsOf, pricesRegion: input.prices.region,
            liveLifecycleEntries: (input.scanSummary?.eksVersions.count ?? 0)
                + (input.scanSummary?.rdsEngineLifecycles.count ?? 0),
            tableName: input.configuration.tableName, now: input.now))
        let summary = AnalysisSummary(
            scan: input.scan, analyzedAt: input.now, resourceCount: input.items.count, summarySource: source.rawValue,
            findingKeys: evaluation.keys, findingsJSON: [],
            history: evaluation.history.records.values.sorted { $0.resourceID < $1.resourceID },
            expiresAt: input.retentionDays.map { input.now.addingTimeInterval(Double($0) * 86_400) })
        return Output(findings: evaluation.findings, report: report, analysisSummary: summary,
                      response: AnalysisResponse(resourcesAnalyzed: input.items.count,
                                                 findings: evaluation.findings.count, summarySource: source))
    }
}
