import Testing

@testable import AWSClient

@Suite struct RedactionTests {
    @Test func secretsAreRedacted() {
        let text = Redaction.describe([
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/..., Signature=abc"), ("X-Amz-Security-Token", "tok"),
            ("Content-Type", "application/json"),
        ])
        #expect(!text.contains("Signature=abc"))
        #expect(!text.contains("tok;"))
        #expect(text.contains("Content-Type: application/json"))
    }
}
