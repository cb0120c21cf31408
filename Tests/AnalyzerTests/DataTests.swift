import Foundation
import InfragenTestSupport
import Inventory
import Testing
@testable import Analyzer

@Suite struct DataTests {
    @Test func generatedSwiftMatchesTheJSONData() throws {
        let result = try Subprocess.run(["python3", RepoPaths.file("tools/gen-analyzer-data.py").path, "--check"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func bundledTablesCarryDateAndSources() {
        let eol = EOLData.bundled
        #expect(Timestamp.formatDay(eol.dataAsOf) == "2026-11-29")
        #expect(!eol.sources.isEmpty)
        #expect(eol.lambdaRuntimes["python3.9"]?.deprecation == Timestamp.parse("2025-12-15"))
        #expect(eol.lambdaRuntimes["java17"]?.blockUpdate == Timestamp.parse("2027-08-31"))
        #expect(eol.eksVersions["1.31"]?.endOfExtendedSupport == Timestamp.parse("2026-11-26"))
        #expect(eol.rdsEngines["mariadb:10.6"]?.endOfExtendedSupport == nil)
        let prices = PriceData.bundled
        #expect(prices.region == "us-east-1")
        #expect(prices.ebsGBMonth["gp2"] == 0.10 && prices.ec2Hourly["t2.micro"] == 0.0116)
    }

    @Test func everyDataDateParsesAndStagesAreOrdered() throws {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: RepoPaths.file("data/eol.json")))
        let runtimes = try #require((json as? [String: Any])?["lambda_runtimes"] as? [[String: Any]])
        for runtime in runtimes {
            let dates = ["deprecation", "block_create", "block_update"].compactMap { runtime[$0] as? String }
            let parsed = dates.compactMap(Timestamp.parse)
            #expect(parsed.count == dates.count, "\(runtime)")
            #expect(parsed == parsed.sorted(), "stages out of order for \(runtime["runtime"] ?? "?")")
        }
    }
}
