import Foundation

/// The request for the AI summary: aggregated facts only — counts per type, region and finding id, severities
/// and estimated savings. No resource ids, names or tag values leave the account in the prompt.
public struct SummaryPrompt: Sendable, Hashable, Codable {
    /// One finding id's totals.
    public struct RuleLine: Sendable, Hashable, Codable {
        public var findingID: String
        public var title: String
        public var count: Int
        public var bySeverity: [String: Int]
        public var estimatedMonthlySavingUSD: Double

        enum CodingKeys: String, CodingKey {
            case findingID = "finding_id", title, count, bySeverity = "by_severity"
            case estimatedMonthlySavingUSD = "estimated_monthly_saving_usd"
        }
    }

    public var resourcesAnalyzed: Int
    public var resourcesByType: [String: Int]
    public var regions: Int
    public var findings: Int
    public var findingsBySeverity: [String: Int]
    public var rules: [RuleLine]
    public var estimatedMonthlySavingUSD: Double
    public var scanComplete: Bool
    public var failedServices: [String]
    public var newFindings: Int?
    public var resolvedFindings: Int?

    enum CodingKeys: String, CodingKey {
        case resourcesAnalyzed = "resources_analyzed", resourcesByType = "resources_by_type", regions, findings
        case findingsBySeverity = "findings_by_severity", rules
        case estimatedMonthlySavingUSD = "estimated_monthly_saving_usd", scanComplete = "scan_complete"
        case failedServices = "failed_services", newFindings = "new_findings", resolvedFindings = "resolved_findings"
    }

    public init(_ facts: AnalysisFacts) {
        resourcesAnalyzed = facts.resourceCount
        resourcesByType = Dictionary(uniqueKeysWithValues: facts.resourcesByType.map { ($0.key.rawValue, $0.value) })
        regions = facts.resourcesByRegion.count
        findings = facts.findingCount
        findingsBySeverity = Self.keyed(facts.findingsBySeverity)
        rules = facts.rankedRules.map { id, totals in
            RuleLine(findingID: id.rawValue, title: id.title, count: totals.count,
                     bySeverity: Self.keyed(totals.bySeverity),
                     estimatedMonthlySavingUSD: (totals.monthlySavingUSD * 100).rounded() / 100)
        }
        estimatedMonthlySavingUSD = (facts.totalMonthlySavingUSD * 100).rounded() / 100
        scanComplete = facts.scanComplete
        failedServices = facts.failedServices
        newFindings = facts.newFindings
        resolvedFindings = facts.resolvedFindings
    }

    private static func keyed(_ counts: [Severity: Int]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
    }

    /// Converse `inferenceConfig`: the summary is short, and should stick to the facts.
    public static let maxTokens = 400
    public static let temperature = 0.2

    /// The system prompt for the Converse call.
    public static let systemPrompt = """
        You are a FinOps assistant. Summarise an AWS inventory analysis for an operations email in at most \
        120 words of plain text (no Markdown, no lists): the overall state, the most urgent risks, and where the \
        largest estimated savings are. Savings are estimates from list prices; say so. Use only the numbers given.
        """

    /// The user message: an instruction line followed by the facts as compact, key-sorted JSON.
    public func userMessage() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "Analysis facts (JSON):\n" + json
    }

    /// Accepts the model's text if it is usable: trimmed, non-empty, printable and at most `maxCharacters`.
    /// Anything else counts as a failure, and the rule-based summary is used.
    public static func validated(_ text: String, maxCharacters: Int = 2_000) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= maxCharacters,
              !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        else { return nil }
        return trimmed
    }
}
