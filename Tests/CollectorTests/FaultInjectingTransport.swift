import AWSClient
import AWSServices
import Foundation

/// A transport in front of moto that injects faults by rule: it sees each signed request (service and region
/// from the credential scope, action from the target header, query or path) and either answers itself or
/// forwards to moto.
final class FaultInjectingTransport: HTTPTransport, @unchecked Sendable {
    struct Request {
        var service: String
        var region: String
        var action: String
        var http: HTTPRequest
        /// 1-based over all requests.
        var number: Int
    }

    enum Decision {
        case forward
        case answer(HTTPResponse)
        /// BatchWriteItem: forward only the first `keep` writes and answer the rest as `UnprocessedItems`.
        case partialBatchWrite(keep: Int)
    }

    private let real = AsyncHTTPClientTransport.shared
    private let lock = NSLock()
    private var count = 0
    private var injectedCount = 0
    private var unprocessedCount = 0
    private let rule: @Sendable (Request) -> Decision

    init(_ rule: @escaping @Sendable (Request) -> Decision) { self.rule = rule }

    var requests: Int { lock.withLock { count } }
    var injected: Int { lock.withLock { injectedCount } }
    var unprocessedWrites: Int { lock.withLock { unprocessedCount } }

    func send(_ http: HTTPRequest, timeouts: HTTPTimeouts) async throws -> HTTPResponse {
        let number = lock.withLock { count += 1; return count }
        let request = Self.describe(http, number: number)
        switch rule(request) {
        case .forward:
            return try await real.send(http, timeouts: timeouts)
        case .answer(let response):
            lock.withLock { injectedCount += 1 }
            return response
        case .partialBatchWrite(let keep):
            let body = try JSONDecoder().decode([String: [String: [DynamoDB.WriteRequest]]].self, from: http.body)
            guard let (table, writes) = body["RequestItems"]?.first, writes.count > keep else {
                return try await real.send(http, timeouts: timeouts)
            }
            var forwarded = http
            forwarded.body = try JSONEncoder().encode(["RequestItems": [table: Array(writes.prefix(keep))]])
            let response = try await real.send(forwarded, timeouts: timeouts)
            guard response.status == 200 else { return response }
            lock.withLock {
                injectedCount += 1
                unprocessedCount += writes.count - keep
            }
            let answer = ["UnprocessedItems": [table: Array(writes.dropFirst(keep))]]
            return HTTPResponse(status: 200, headers: ["content-type": "application/x-amz-json-1.0"],
                                body: try JSONEncoder().encode(answer))
        }
    }

    static func describe(_ http: HTTPRequest, number: Int) -> Request {
        // Credential=KEY/20261129/eu-west-1/rds/aws4_request
        let scope = http.header("Authorization")?.split(separator: "Credential=").last?.split(separator: ",").first?
            .split(separator: "/").map(String.init) ?? []
        let region = scope.count > 2 ? scope[2] : "?", service = scope.count > 3 ? scope[3] : "?"
        var action = http.header("X-Amz-Target")?.split(separator: ".").last.map(String.init) ?? ""
        if action.isEmpty, let body = String(data: http.body, encoding: .utf8), let range = body.range(of: "Action=") {
            action = String(body[range.upperBound...].prefix { $0 != "&" })
        }
        if action.isEmpty { action = http.method.rawValue + " " + http.url.path + "?" + (http.url.query ?? "") }
        return Request(service: service, region: region, action: action, http: http, number: number)
    }

    /// AWS's throttling answer (the error decoder reads the JSON body for every protocol).
    static let throttled = HTTPResponse(
        status: 400, headers: ["content-type": "application/x-amz-json-1.0", "x-amzn-errortype": "ThrottlingException"],
        body: Data(#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#.utf8))

    /// The query protocol's AccessDenied.
    static func accessDenied(_ action: String) -> HTTPResponse {
        HTTPResponse(status: 403, headers: ["content-type": "text/xml"], body: Data("""
            <ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:sts::123456789012:\
            assumed-role/collector is not authorized to perform: rds:\(action)</Message></Error>\
            <RequestId>REQ-1</RequestId></ErrorResponse>
            """.utf8))
    }
}
