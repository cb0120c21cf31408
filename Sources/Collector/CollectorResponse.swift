/// The handler's answer: the seed's shape, extended with the scan id, counts and errors.
///
/// `{"statusCode":200,"body":{"message":"Successfully collected N resources","scan_id":…,"scan_date":…,
/// "complete":…,"counts":{"ec2.instance":3,…},"errors":["rds:eu-west-1: AccessDenied: …",…]}}`
public struct CollectorResponse: Encodable, Sendable {
    public struct Body: Encodable, Sendable {
        public var message: String
        public var scanID: String
        public var scanDate: String
        public var complete: Bool
        public var counts: [String: Int]
        public var errors: [String]

        enum CodingKeys: String, CodingKey {
            case message, scanID = "scan_id", scanDate = "scan_date", complete, counts, errors
        }
    }

    public var statusCode = 200
    public var body: Body

    public init(_ outcome: InventoryCollector.Outcome) {
        let summary = outcome.summary
        var errors = summary.errors.map { "\($0.key): \($0.message)" }.sorted()
        errors += outcome.lateErrors
        body = Body(message: "Successfully collected \(summary.totalResources) resources", scanID: summary.scan.id,
                    scanDate: summary.scan.scanDate, complete: summary.complete && outcome.lateErrors.isEmpty,
                    counts: summary.totalsByType, errors: errors)
    }
}
