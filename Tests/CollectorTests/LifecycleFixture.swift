import Foundation
import InfragenTestSupport
import Inventory

/// Live lifecycle data for the stub, in the shapes AWS publishes, and what the collector should record from it.
enum LifecycleFixture {
    static func day(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)!
    }

    /// Five versions (one page holds two at the collector's test page size): three pages, two of them unsupported,
    /// which EKS lists only with `includeAll=true`.
    static let eks: [LifecycleAPIStub.EKSVersion] = [
        .init("1.24", released: day("2022-11-15"), standardEnd: day("2024-01-31"), extendedEnd: day("2025-01-31"),
              status: "UNSUPPORTED"),
        .init("1.27", released: day("2023-05-24"), standardEnd: day("2024-07-24"), extendedEnd: day("2025-07-24"),
              status: "UNSUPPORTED"),
        .init("1.30", released: day("2024-05-23"), standardEnd: day("2025-07-23"), extendedEnd: day("2026-12-23"),
              status: "EXTENDED_SUPPORT"),
        .init("1.33", released: day("2025-05-29"), standardEnd: day("2026-07-29"), extendedEnd: day("2027-07-29"),
              status: "EXTENDED_SUPPORT"),
        .init("1.34", released: day("2025-10-02"), standardEnd: day("2026-12-02"), extendedEnd: day("2027-12-02"),
              status: "STANDARD_SUPPORT"),
    ]

    /// MySQL (3 majors), PostgreSQL (7) and MariaDB (no Extended Support; never asked for: no such instance).
    static let rds: [LifecycleAPIStub.RDSMajorVersion] = [
        .init("mysql", "5.7", standardStart: day("2015-10-21"), standardEnd: day("2024-02-29"),
              extendedEnd: day("2027-02-28")),
        .init("mysql", "8.0", standardStart: day("2018-10-23"), standardEnd: day("2026-07-31"),
              extendedEnd: day("2029-07-31")),
        .init("mysql", "8.4", standardStart: day("2024-06-27"), standardEnd: day("2029-07-31"),
              extendedEnd: day("2032-07-31")),
    ] + (11...17).map { major in
        .init("postgres", String(major), standardStart: day("20\(major + 7)-01-01"),
              standardEnd: day("20\(major + 12)-02-28"), extendedEnd: day("20\(major + 15)-02-28"))
    } + [
        .init("mariadb", "10.6", standardStart: day("2022-02-03"), standardEnd: day("2026-08-31"), extendedEnd: nil),
    ]

    /// Pages of at most two records, whatever the client asks for (AWS may also answer short pages).
    static let stub = LifecycleAPIStub(eksVersions: eks, rdsVersions: rds, pageLimit: 2)

    static var expectedEKS: [String: ScanSummary.EKSVersionLifecycle] {
        Dictionary(uniqueKeysWithValues: eks.map {
            ($0.version, .init(endOfStandardSupport: $0.endOfStandardSupport,
                               endOfExtendedSupport: $0.endOfExtendedSupport, status: $0.versionStatus))
        })
    }

    /// The engines the seeded estate runs: mysql and postgres.
    static var expectedRDS: [String: ScanSummary.RDSEngineLifecycle] {
        Dictionary(uniqueKeysWithValues: rds.filter { $0.engine != "mariadb" }.map {
            ($0.engine + ":" + $0.major, .init(endOfStandardSupport: $0.standardEnd,
                                                endOfExtendedSupport: $0.extendedEnd))
        })
    }

    /// A stub in front of moto: the lifecycle operations are answered by `answer`, everything else by moto.
    static func server(upstream: String,
                       answer: @escaping @Sendable (LoopbackRequest) -> LoopbackResponse? = { stub.respond(to: $0) })
        throws -> LoopbackServer
    {
        let forwarder = LoopbackForwarder(upstream: upstream)
        return try LoopbackServer { request in
            if LifecycleAPIStub.operation(of: request) != nil, let response = answer(request) { return response }
            return await forwarder.forward(request)
        }
    }

    /// What botocore makes of the recorded lifecycle exchanges (see `tools/collector/botocore_check.py`).
    struct BotocoreVerdict: Decodable {
        var signature_valid: Bool
        var scope: String
        var parsed: [String: ParsedValue]?
    }

    indirect enum ParsedValue: Decodable, Equatable {
        case string(String), number(Double), bool(Bool), list([ParsedValue]), object([String: ParsedValue])

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let v = try? c.decode(Bool.self) { self = .bool(v) }
            else if let v = try? c.decode(Double.self) { self = .number(v) }
            else if let v = try? c.decode(String.self) { self = .string(v) }
            else if let v = try? c.decode([ParsedValue].self) { self = .list(v) }
            else { self = .object(try c.decode([String: ParsedValue].self)) }
        }

        subscript(_ key: String) -> ParsedValue? { if case .object(let o) = self { o[key] } else { nil } }
        var list: [ParsedValue] { if case .list(let l) = self { l } else { [] } }
        var string: String? { if case .string(let s) = self { s } else { nil } }
    }

    /// Checks each request's SigV4 signature with botocore and parses the stub's answer with botocore's parser.
    static func botocore(_ requests: [LoopbackRequest], baseURL: String) throws -> [BotocoreVerdict] {
        var exchanges: [[String: Any]] = []
        for request in requests {
            guard let operation = LifecycleAPIStub.operation(of: request),
                  let response = stub.respond(to: request) else { continue }
            exchanges.append([
                "service": operation == .describeClusterVersions ? "eks" : "rds", "operation": operation.rawValue,
                "method": request.method, "url": baseURL + request.target,
                "headers": request.headers.map { [$0.name, $0.value] },
                "body_base64": request.body.base64EncodedString(),
                "status": response.status, "response_headers": response.headers.map { [$0.name, $0.value] },
                "response_base64": response.body.base64EncodedString(),
            ])
        }
        let file = try RepoPaths.scratchDirectory("lifecycle-botocore").appendingPathComponent("exchanges.json")
        try JSONSerialization.data(withJSONObject: exchanges).write(to: file)
        let result = try Subprocess.run(["python3", RepoPaths.file("tools/collector/botocore_check.py").path,
                                         file.path])
        guard result.succeeded else {
            throw CollectorEstate.Failure(description: "botocore_check failed: \(result.stderr)")
        }
        return try JSONDecoder().decode([BotocoreVerdict].self, from: Data(result.stdout.utf8))
    }
}
