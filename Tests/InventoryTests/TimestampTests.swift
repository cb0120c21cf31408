import Foundation
import Testing
@testable import Inventory

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2026-11-29T04:07:22Z", 1_795_925_242.0),
        ("2026-11-29T04:07:22.250Z", 1_795_925_242.25),
        ("2026-11-29T06:07:22+02:00", 1_795_925_242.0),
        ("2026-11-29 04:07:22Z", 1_795_925_242.0),
        ("1970-01-01T00:00:00Z", 0.0),
        ("2024-02-29", 1_709_164_800.0),
    ])
    func parses(text: String, epoch: Double) {
        #expect(Timestamp.parse(text)?.timeIntervalSince1970 == epoch)
    }

    @Test(arguments: ["", "2026-11-29T04:07:22", "2026-13-01T00:00:00Z", "2026-11-29T04:07Z", "yesterday",
                      "2026-11-29T04:07:22Zjunk"])
    func rejects(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func formatsAndRoundTripsAcrossCenturies() {
        for epoch in stride(from: -2_208_988_800.0, through: 4_102_444_800.0, by: 86_400 * 37 + 3_601) {
            let date = Date(timeIntervalSince1970: epoch)
            let text = Timestamp.format(date)
            #expect(Timestamp.parse(text) == date, "\(text)")
            let reference = ISO8601DateFormatter().string(from: date)
            #expect(text == reference)
        }
    }

    @Test func wholeDaysRoundsDown() {
        let start = Timestamp.parse("2026-01-01T00:00:00Z")!
        #expect(Timestamp.wholeDays(from: start, to: start.addingTimeInterval(86_400 * 30 - 1)) == 29)
        #expect(Timestamp.wholeDays(from: start, to: start.addingTimeInterval(86_400 * 30)) == 30)
    }

    @Test(arguments: [
        ("User initiated (2026-10-01 12:00:00 GMT)", "2026-10-01T12:00:00Z"),
        ("Server.ScheduledStop (2025-01-31 23:59:59 UTC)", "2025-01-31T23:59:59Z"),
    ])
    func stateTransitionReasonDate(reason: String, expected: String) {
        #expect(StateTransitionReason.date(in: reason) == Timestamp.parse(expected))
    }

    @Test(arguments: ["", "User initiated", "Client.UserInitiatedShutdown: User initiated shutdown", "(garbage)"])
    func stateTransitionReasonWithoutDate(reason: String) {
        #expect(StateTransitionReason.date(in: reason) == nil)
    }
}
