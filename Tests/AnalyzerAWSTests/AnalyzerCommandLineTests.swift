import Analyzer
import AnalyzerAWS
import InfragenTestSupport
import Testing

@Suite struct AnalyzerCommandLineTests {
    @Test func takesFindingsJSONOutAndLeavesTheRuntimeArguments() throws {
        let line = try AnalyzerCommandLine(arguments: ["--event", "e.json", "--findings-json", "out.json", "--timeout",
                                                       "60"])
        #expect(line.findingsJSONPath == "out.json")
        #expect(line.runtimeArguments == ["--event", "e.json", "--timeout", "60"])
        #expect(try AnalyzerCommandLine(arguments: []).runtimeArguments.isEmpty)
    }

    @Test(arguments: [
        (["--event", "e.json", "--findings-json"], "--findings-json needs a file path"),
        (["--findings-json", "--event", "e.json"], "--findings-json needs a file path"),
        (["--findings-json", "out.json"], "--findings-json only applies with --event (local mode)"),
    ])
    func rejects(arguments: [String], message: String) {
        #expect(throws: AnalyzerCommandLine.UsageError.self) { try AnalyzerCommandLine(arguments: arguments) }
        do {
            _ = try AnalyzerCommandLine(arguments: arguments)
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func emptyModelIDDisablesBedrockAndNoTopicDisablesPublishing() throws {
        let base = MotoServer.dummyEnvironment
        let disabled = try AnalyzerHandler(environment: base.merging(["MODEL_ID": ""]) { $1 })
        #expect(disabled.service.summaryWriter == nil)
        #expect(disabled.service.publisher == nil)
        let enabled = try AnalyzerHandler(environment: base.merging(["TOPIC_ARN": "arn:aws:sns:us-east-1:1:t"]) { $1 })
        #expect(enabled.service.configuration.modelID == "amazon.nova-lite-v1:0")
        #expect(enabled.service.summaryWriter is BedrockSummaryWriter)
        #expect(enabled.service.publisher is SNSReportPublisher)
        #expect(throws: AnalyzerError.self) {
            try AnalyzerHandler(environment: base.merging(["STOPPED_MAX_DAYS": "soon"]) { $1 })
        }
    }

    @Test func subjectsFitSNS() {
        #expect(SNSReportPublisher.subject("AWS Inventory Alert - 19 Resources Scanned")
                == "AWS Inventory Alert - 19 Resources Scanned")
        let long = SNSReportPublisher.subject(String(repeating: "a", count: 150) + "\nb")
        #expect(long.count == 100)
        #expect(!SNSReportPublisher.subject("a\nb\tc").contains { $0.isNewline || $0 == "\t" })
    }
}
