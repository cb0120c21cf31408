import Collector
import Foundation
import InfragenTestSupport
import Inventory
import Testing

/// The live lifecycle lookups (`eks:DescribeClusterVersions`, `rds:DescribeDBMajorEngineVersions`), which moto
/// lacks: a loopback stub answers them in botocore's wire shapes, page by page, and passes everything else to the
/// seeded moto estate.
@Suite(.serialized) struct LifecycleLookupTests {
    static let scan = ScanKey(id: "scan-lifecycle", startedAt: Date(timeIntervalSince1970: 1_795_924_800))

    @Test func liveDatesFromEveryPageAreRecordedWithTheScan() async throws {
        let setup = try CollectorEstate.setup()
        try CollectorEstate.createTable("inventory-lifecycle", server: setup.server)
        let stub = try LifecycleFixture.server(upstream: setup.server.endpoint)
        defer { stub.stop() }
        let outcome = try await CollectorEstate.collector(table: "inventory-lifecycle", endpoint: stub.baseURL)
            .run(scan: Self.scan)

        #expect(outcome.summary.errors.isEmpty, "\(outcome.summary.errors)")
        #expect(outcome.summary.complete)
        #expect(outcome.summary.eksVersions == LifecycleFixture.expectedEKS)
        #expect(outcome.summary.rdsEngineLifecycles == LifecycleFixture.expectedRDS)
        #expect(outcome.summary.rdsEngineLifecycles["mysql:5.7"]?.endOfExtendedSupport
                    == LifecycleFixture.day("2027-02-28"))
        // Stored with the scan, as a real client reads it back; and the resources with it.
        let stored = try CollectorEstate.summary(Self.scan, table: "inventory-lifecycle", server: setup.server)
        #expect(stored == outcome.summary)
        #expect(stored.eksVersions["1.24"]?.status == "UNSUPPORTED")
        let items = try CollectorEstate.queryScan(Self.scan.scanDate, table: "inventory-lifecycle",
                                                  server: setup.server)
        #expect(items.count == setup.expected.count)

        // The requests: EKS pages at maxResults 2 with every version (includeAll), each later page carrying the
        // previous token encoded in the query; RDS one chain per engine found, MaxRecords 20, Marker in the form.
        let requests = stub.requests.filter { LifecycleAPIStub.operation(of: $0) != nil }
        let eks = requests.filter { LifecycleAPIStub.operation(of: $0) == .describeClusterVersions }
        #expect(eks.count == 3)
        #expect(eks.map { LifecycleAPIStub.form($0.query ?? "")["nextToken"] }
                    == [nil, LifecycleAPIStub.token("eks", 2), LifecycleAPIStub.token("eks", 4)])
        for request in eks {
            let query = LifecycleAPIStub.form(request.query ?? "")
            #expect(query["includeAll"] == "true" && query["maxResults"] == "2", "\(request)")
            #expect(!(request.query ?? "").contains("+") && !(request.query ?? "").contains("/"), "\(request)")
            #expect(request.body.isEmpty)
        }
        let rds = requests.filter { LifecycleAPIStub.operation(of: $0) == .describeDBMajorEngineVersions }
        let forms = rds.map { LifecycleAPIStub.form($0.bodyText) }
        #expect(forms.map { $0["Engine"] ?? "" } == ["mysql", "mysql"] + Array(repeating: "postgres", count: 4))
        #expect(forms.map { $0["Marker"] } == [nil, LifecycleAPIStub.token("rds", 2)]
                    + [nil, LifecycleAPIStub.token("rds", 2), LifecycleAPIStub.token("rds", 4),
                       LifecycleAPIStub.token("rds", 6)])
        #expect(forms.allSatisfy { $0["MaxRecords"] == "20" && $0["Version"] == "2014-10-31" })
        #expect(rds.allSatisfy { $0.header("Content-Type")?.hasPrefix("application/x-www-form-urlencoded") == true })

        // botocore, independently: every signature verifies over what arrived, in the home region's scope; and
        // its own parsers read the stub's pages as the same versions and dates the collector recorded.
        let verdicts = try LifecycleFixture.botocore(requests, baseURL: stub.baseURL)
        #expect(verdicts.count == requests.count)
        #expect(verdicts.allSatisfy { $0.signature_valid })
        #expect(verdicts.map { String($0.scope.split(separator: "/").dropFirst().joined(separator: "/")) }
                    == Array(repeating: "us-east-1/eks", count: 3) + Array(repeating: "us-east-1/rds", count: 6))
        var parsedEKS: [String: String] = [:], parsedRDS: [String: String] = [:]
        for verdict in verdicts {
            for version in verdict.parsed?["clusterVersions"]?.list ?? [] {
                parsedEKS[version["clusterVersion"]?.string ?? "?"] = version["endOfStandardSupportDate"]?.string
            }
            for version in verdict.parsed?["DBMajorEngineVersions"]?.list ?? [] {
                let key = (version["Engine"]?.string ?? "?") + ":" + (version["MajorEngineVersion"]?.string ?? "?")
                parsedRDS[key] = version["SupportedEngineLifecycles"]?.list.first?["LifecycleSupportEndDate"]?.string
            }
        }
        let iso = ISO8601DateFormatter()
        #expect(parsedEKS == LifecycleFixture.expectedEKS.mapValues { iso.string(from: $0.endOfStandardSupport!) })
        #expect(parsedRDS == LifecycleFixture.expectedRDS.mapValues { iso.string(from: $0.endOfStandardSupport!) })
    }

    /// How the lookups can fail: refused, or not there at all (HTML 404/500 pages, as moto gave before
    /// tools/moto-launcher.py answered both; a dropped connection stands for an endpoint that is down).
    enum Failure: String, CaseIterable, Sendable {
        case accessDenied, notImplemented, connectionDropped

        func answer(_ request: LoopbackRequest) -> LoopbackResponse? {
            switch self {
            case .notImplemented:
                if LifecycleAPIStub.operation(of: request) == .describeClusterVersions {
                    return .text("<!doctype html>\n<title>404 Not Found</title>\n<h1>Not Found</h1>", status: 404,
                                 contentType: "text/html")
                }
                return .text("<!doctype html>\n<title>500 Internal Server Error</title>", status: 500,
                             contentType: "text/html")
            case .connectionDropped: return .drop
            case .accessDenied:
                if LifecycleAPIStub.operation(of: request) == .describeClusterVersions {
                    return .json(#"{"message":"User: arn:aws:sts::123456789012:assumed-role/collector/x is not "#
                                 + #"authorized to perform: eks:DescribeClusterVersions"}"#, status: 403,
                                 headers: [("x-amzn-ErrorType", "AccessDeniedException")])
                }
                return .text("<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:"
                             + "aws:sts::123456789012:assumed-role/collector/x is not authorized to perform: "
                             + "rds:DescribeDBMajorEngineVersions</Message></Error><RequestId>r</RequestId>"
                             + "</ErrorResponse>", status: 403, contentType: "text/xml")
            }
        }

        /// What the recorded error must say.
        var evidence: (eks: String, rds: String) {
            switch self {
            case .accessDenied: ("AccessDeniedException", "AccessDenied")
            case .notImplemented: ("404", "500")
            case .connectionDropped: ("transport", "transport")
            }
        }
    }

    @Test(arguments: Failure.allCases)
    func aFailedLookupIsReportedAndNoResourceIsLost(_ failure: Failure) async throws {
        let setup = try CollectorEstate.setup()
        let table = "inventory-lifecycle-\(failure.rawValue.lowercased())"
        try CollectorEstate.createTable(table, server: setup.server)
        let stub = try LifecycleFixture.server(upstream: setup.server.endpoint) { failure.answer($0) }
        defer { stub.stop() }
        let scan = ScanKey(id: "scan-lifecycle-\(failure.rawValue)", startedAt: Self.scan.startedAt)
        let outcome = try await CollectorEstate.collector(table: table, endpoint: stub.baseURL).run(scan: scan)

        // Named, per lookup, in the summary and the response; the listing itself is complete and all stored.
        let errors = Dictionary(uniqueKeysWithValues: outcome.summary.errors.map { ($0.key, $0.message) })
        #expect(Set(errors.keys) == ["eks-versions:us-east-1", "rds-engine-versions:us-east-1"])
        let eks = errors["eks-versions:us-east-1"] ?? "", rds = errors["rds-engine-versions:us-east-1"] ?? ""
        #expect(eks.hasPrefix("DescribeClusterVersions: ") && eks.contains(failure.evidence.eks), "\(eks)")
        #expect(rds.hasPrefix("DescribeDBMajorEngineVersions: ") && rds.contains(failure.evidence.rds), "\(rds)")
        #expect(outcome.summary.eksVersions.isEmpty && outcome.summary.rdsEngineLifecycles.isEmpty)
        #expect(outcome.summary.complete)
        #expect(outcome.summary.totalResources == setup.expected.count)
        let response = CollectorResponse(outcome)
        #expect(response.body.errors.contains { $0.hasPrefix("eks-versions:us-east-1: DescribeClusterVersions") })
        #expect(response.body.errors.contains {
            $0.hasPrefix("rds-engine-versions:us-east-1: DescribeDBMajorEngineVersions")
        })
        let items = try CollectorEstate.queryScan(scan.scanDate, table: table, server: setup.server)
        #expect(Set(items.map(\.resourceID)) == Set(setup.expected.map(\.resource_id)))
        let stored = try CollectorEstate.summary(scan, table: table, server: setup.server)
        #expect(stored == outcome.summary)
    }
}
