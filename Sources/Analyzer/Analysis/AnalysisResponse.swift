/// The function's response: `{"statusCode":200,"body":{"message":"Analysis complete","resources_analyzed":N,
/// "findings":M,"summary_source":"bedrock|rules"}}`.
public struct AnalysisResponse: Codable, Sendable, Hashable {
    public struct Body: Codable, Sendable, Hashable {
        public var message: String
        public var resourcesAnalyzed: Int
        public var findings: Int
        public var summarySource: SummarySource

        enum CodingKeys: String, CodingKey {
            case message, resourcesAnalyzed = "resources_analyzed", findings, summarySource = "summary_source"
        }

        public init(resourcesAnalyzed: Int, findings: Int, summarySource: SummarySource) {
            message = "Analysis complete"
            self.resourcesAnalyzed = resourcesAnalyzed
            self.findings = findings
            self.summarySource = summarySource
        }
    }

    public var statusCode: Int
    public var body: Body

    public init(resourcesAnalyzed: Int, findings: Int, summarySource: SummarySource) {
        statusCode = 200
        body = Body(resourcesAnalyzed: resourcesAnalyzed, findings: findings, summarySource: summarySource)
    }
}
