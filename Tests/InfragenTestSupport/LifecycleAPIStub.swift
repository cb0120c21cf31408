import Foundation

/// Answers the two lifecycle operations moto lacks, `eks:DescribeClusterVersions` (restJson1: GET
/// `/cluster-versions`, query members, epoch-second timestamps) and `rds:DescribeDBMajorEngineVersions` (query
/// protocol: form body, XML answer wrapped in `…Result`, ISO 8601 timestamps), in the wire shapes of botocore's
/// models, with their pagination: `maxResults`/`nextToken` (1–100) and `MaxRecords`/`Marker` (20–100).
///
/// Like AWS, a page may hold fewer records than asked (`pageLimit` caps it on the server side) and still carry a
/// token; tokens are opaque and contain `+`, `/` and `=` so that clients must encode them. Out-of-range limits and
/// unknown tokens are answered with the services' own error shapes. Anything else is not answered (`nil`): put a
/// ``LoopbackForwarder`` behind it.
public struct LifecycleAPIStub: Sendable {
    public struct EKSVersion: Sendable, Hashable {
        public var version: String
        public var releaseDate: Date
        public var endOfStandardSupport: Date
        public var endOfExtendedSupport: Date
        /// `STANDARD_SUPPORT`, `EXTENDED_SUPPORT` or `UNSUPPORTED` (left out unless `includeAll=true`).
        public var versionStatus: String

        public init(_ version: String, released: Date, standardEnd: Date, extendedEnd: Date, status: String) {
            self.version = version
            releaseDate = released
            endOfStandardSupport = standardEnd
            endOfExtendedSupport = extendedEnd
            versionStatus = status
        }
    }

    public struct RDSMajorVersion: Sendable, Hashable {
        public var engine: String
        public var major: String
        public var standardStart: Date
        public var standardEnd: Date
        /// nil for engines without RDS Extended Support (MariaDB): no such lifecycle entry at all.
        public var extendedEnd: Date?

        public init(_ engine: String, _ major: String, standardStart: Date, standardEnd: Date, extendedEnd: Date?) {
            self.engine = engine
            self.major = major
            self.standardStart = standardStart
            self.standardEnd = standardEnd
            self.extendedEnd = extendedEnd
        }
    }

    public enum Operation: String, Sendable {
        case describeClusterVersions = "DescribeClusterVersions"
        case describeDBMajorEngineVersions = "DescribeDBMajorEngineVersions"
    }

    public var eksVersions: [EKSVersion]
    public var rdsVersions: [RDSMajorVersion]
    /// The most records one page holds whatever the client asks for.
    public var pageLimit: Int

    public init(eksVersions: [EKSVersion], rdsVersions: [RDSMajorVersion], pageLimit: Int = 100) {
        self.eksVersions = eksVersions
        self.rdsVersions = rdsVersions
        self.pageLimit = pageLimit
    }

    /// Which lifecycle operation a request is, if any.
    public static func operation(of request: LoopbackRequest) -> Operation? {
        if request.method == "GET" && request.path == "/cluster-versions" { return .describeClusterVersions }
        if request.method == "POST", Self.form(request.bodyText)["Action"] == "DescribeDBMajorEngineVersions" {
            return .describeDBMajorEngineVersions
        }
        return nil
    }

    /// The answer to a lifecycle request; nil for any other request.
    public func respond(to request: LoopbackRequest) -> LoopbackResponse? {
        switch Self.operation(of: request) {
        case .describeClusterVersions: eks(Self.form(request.query ?? ""))
        case .describeDBMajorEngineVersions: rds(Self.form(request.bodyText))
        case nil: nil
        }
    }

    // MARK: EKS (restJson1)

    func eks(_ query: [String: String]) -> LoopbackResponse {
        let limit = query["maxResults"].map { Int($0) ?? 0 } ?? 100
        guard (1...100).contains(limit) else {
            return Self.eksError(400, "InvalidParameterException", "maxResults must be between 1 and 100")
        }
        let listed = eksVersions.filter { query["includeAll"] == "true" || $0.versionStatus != "UNSUPPORTED" }
        guard let start = Self.offset(query["nextToken"], "eks") else {
            return Self.eksError(400, "InvalidParameterException", "The nextToken is not valid")
        }
        let end = min(listed.count, start + min(limit, pageLimit))
        let versions = listed[min(start, listed.count)..<end].map { version in
            #"{"clusterVersion":"\#(version.version)","clusterType":"eks","defaultPlatformVersion":"eks.1","#
                + #""defaultVersion":false,"releaseDate":\#(Self.epoch(version.releaseDate)),"#
                + #""endOfStandardSupportDate":\#(Self.epoch(version.endOfStandardSupport)),"#
                + #""endOfExtendedSupportDate":\#(Self.epoch(version.endOfExtendedSupport)),"#
                + #""status":"\#(version.versionStatus.lowercased().replacingOccurrences(of: "_", with: "-"))","#
                + #""versionStatus":"\#(version.versionStatus)","kubernetesPatchVersion":"\#(version.version).4"}"#
        }
        var body = #"{"clusterVersions":["# + versions.joined(separator: ",") + "]"
        if end < listed.count { body += #","nextToken":"\#(Self.token("eks", end))""# }
        return .json(body + "}", headers: [("x-amzn-RequestId", UUID().uuidString.lowercased())])
    }

    static func eksError(_ status: Int, _ type: String, _ message: String) -> LoopbackResponse {
        .json(#"{"message":"\#(message)"}"#, status: status, headers: [("x-amzn-ErrorType", type)])
    }

    /// Epoch seconds the way EKS's Java serializer writes them (`1.7219232E9`).
    static func epoch(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        guard seconds >= 10 else { return String(seconds) }
        let exponent = Int(log10(seconds).rounded(.down))
        var mantissa = String(format: "%.9f", seconds / pow(10, Double(exponent)))
        while mantissa.hasSuffix("0") && !mantissa.hasSuffix(".0") { mantissa.removeLast() }
        return mantissa + "E" + String(exponent)
    }

    // MARK: RDS (query protocol)

    func rds(_ form: [String: String]) -> LoopbackResponse {
        let limit = form["MaxRecords"].map { Int($0) ?? 0 } ?? 100
        guard (20...100).contains(limit) else {
            return Self.rdsError(400, "InvalidParameterValue", "MaxRecords must be between 20 and 100")
        }
        guard form["Version"] == "2014-10-31" else {
            return Self.rdsError(400, "InvalidParameterValue", "Unsupported API version")
        }
        let listed = rdsVersions.filter { version in
            form["Engine"].map { $0 == version.engine } ?? true
                && form["MajorEngineVersion"].map { $0 == version.major } ?? true
        }
        guard let start = Self.offset(form["Marker"], "rds") else {
            return Self.rdsError(400, "InvalidParameterValue", "Invalid marker")
        }
        let end = min(listed.count, start + min(limit, pageLimit))
        var xml = #"<DescribeDBMajorEngineVersionsResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">"#
            + "\n  <DescribeDBMajorEngineVersionsResult>\n    <DBMajorEngineVersions>\n"
        for version in listed[min(start, listed.count)..<end] {
            xml += "      <DBMajorEngineVersion>\n        <Engine>\(version.engine)</Engine>\n"
                + "        <MajorEngineVersion>\(version.major)</MajorEngineVersion>\n"
                + "        <SupportedEngineLifecycles>\n"
                + Self.lifecycle("open-source-rds-standard-support", version.standardStart, version.standardEnd)
            if let extendedEnd = version.extendedEnd {
                xml += Self.lifecycle("open-source-rds-extended-support", version.standardEnd, extendedEnd)
            }
            xml += "        </SupportedEngineLifecycles>\n      </DBMajorEngineVersion>\n"
        }
        xml += "    </DBMajorEngineVersions>\n"
        if end < listed.count { xml += "    <Marker>\(Self.token("rds", end))</Marker>\n" }
        xml += "  </DescribeDBMajorEngineVersionsResult>\n  <ResponseMetadata>\n"
            + "    <RequestId>\(UUID().uuidString.lowercased())</RequestId>\n  </ResponseMetadata>\n"
            + "</DescribeDBMajorEngineVersionsResponse>\n"
        return .text(xml, contentType: "text/xml")
    }

    static func lifecycle(_ name: String, _ start: Date, _ end: Date) -> String {
        "          <SupportedEngineLifecycle>\n"
            + "            <LifecycleSupportName>\(name)</LifecycleSupportName>\n"
            + "            <LifecycleSupportStartDate>\(iso(start))</LifecycleSupportStartDate>\n"
            + "            <LifecycleSupportEndDate>\(iso(end))</LifecycleSupportEndDate>\n"
            + "          </SupportedEngineLifecycle>\n"
    }

    static func rdsError(_ status: Int, _ code: String, _ message: String) -> LoopbackResponse {
        .text("<ErrorResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><Error><Type>Sender</Type>"
              + "<Code>\(code)</Code><Message>\(message)</Message></Error><RequestId>stub</RequestId></ErrorResponse>",
              status: status, contentType: "text/xml")
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    // MARK: Tokens and forms

    /// An opaque token for "continue at `offset`" (base64 with `+`, `/` and `=` in it).
    public static func token(_ service: String, _ offset: Int) -> String {
        Data("\(service)?>~offset=\(offset)~<?".utf8).base64EncodedString()
    }

    /// The offset a token stands for: 0 without a token, nil for a token this stub did not issue.
    static func offset(_ token: String?, _ service: String) -> Int? {
        guard let token else { return 0 }
        guard let data = Data(base64Encoded: token) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        let prefix = "\(service)?>~offset=", suffix = "~<?"
        guard text.hasPrefix(prefix), text.hasSuffix(suffix) else { return nil }
        return Int(text.dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// `a=1&b=x%2By` → ["a": "1", "b": "x+y"] (a query string or a form body; `+` is a space).
    public static func form(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }
}
