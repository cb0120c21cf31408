import InfraModel
import Testing

@Suite("Values and references")
struct ValueTests {
    @Test("adjacent literals merge, so equal values compare equal")
    func literalsMerge() {
        let built = Value.literal("arn:") + Value.literal("aws")
        #expect(built == "arn:aws")
        #expect(built.literalText == "arn:aws")
    }

    @Test("string interpolation builds references and deployment values")
    func interpolation() {
        let value: Value = "arn:\(.partition):eks:*:\(.accountID):cluster/\(Reference(.table, "t", .name))"
        #expect(value.fragments == [
            .literal("arn:"), .pseudo(.partition), .literal(":eks:*:"), .pseudo(.accountID), .literal(":cluster/"),
            .reference(Reference(.table, "t", .name)),
        ])
        #expect(value.description == "arn:${aws.partition}:eks:*:${aws.account_id}:cluster/${table.t.name}")
    }

    @Test("the ARN builder fills partition, region and account")
    func arnBuilder() {
        #expect(Value.arn(service: "logs", resource: "log-group:x").description
            == "arn:${aws.partition}:logs:${aws.region}:${aws.account_id}:log-group:x")
        #expect(Value.arn(service: "s3", resource: "b", regional: false, inAccount: false).description == "arn:${aws.partition}:s3:::b")
    }

    @Test("did-you-mean suggests near names only", arguments: [
        ("hash_ky", ["hash_key", "range_key"], "hash_key"),
        ("hsah_key", ["hash_key"], "hash_key"),
        ("tabels", ["tables", "topics"], "tables"),
        ("X", ["S", "N", "B"], nil),
        ("completely-different", ["hash_key"], nil),
    ] as [(String, [String], String?)])
    func suggestions(_ word: String, _ candidates: [String], _ expected: String?) {
        #expect(closestMatch(to: word, in: candidates) == expected)
    }
}
