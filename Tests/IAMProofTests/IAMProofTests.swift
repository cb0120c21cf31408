import AWSClient
import Analyzer
import Foundation
import InfragenTestSupport
import Testing

/// The derived IAM policies, proven against moto with IAM enforced (signatures verified, actions checked):
/// sufficient (each function completes under its derived role), observed = derived (the IAM actions of the calls
/// made are exactly the derived ones), scoped (every request's resource is allowed by a derived statement, and every
/// statement allows some request) and minimal (each action removed makes the run fail or report it).
/// What moto cannot enforce is listed in `MotoEnforcement.limits` and checked from the recording instead.
@Suite("IAM proofs on an enforcing moto", .serialized)
struct IAMProofTests {
    let moto: EnforcingMoto
    init() throws { moto = try EnforcingMoto.shared.get() }

    static let functions = ["inventory-collector", "inventory-analyzer"]

    /// Statements a run of the runtime cannot exercise, with the reason (see `MotoEnforcement.limits`).
    static let notExercisedByTheRuntime: [String: String] = [
        "WriteOwnLogs": "the Lambda service writes the function's logs",
        "WriteTraces": "the Lambda service sends X-Ray segments when tracing is active",
        "DeliverFailedInvocations": "the Lambda service publishes failed async invocations to the DLQ topic",
        "EncryptFailedInvocations": "the Lambda service encrypts DLQ messages with the topic's key",
        "KmsScoped": "SNS uses the topic's key on the publisher's behalf; moto's SNS does not encrypt",
    ]

    func run(_ function: String, role: String, crossAccount: Bool = false) async throws -> RuntimeRun {
        let environment = moto.functionEnvironment(try await moto.assume(role), crossAccount: crossAccount)
        return function == "inventory-collector"
            ? await RuntimeRun.collector(environment) : await RuntimeRun.analyzer(environment)
    }

    @Test("the harness's model id is the blueprint's default")
    func modelMatchesBlueprint() throws {
        let blueprint = try String(contentsOf: RepoPaths.file(EnforcingMoto.blueprint), encoding: .utf8)
        #expect(blueprint.contains(EnforcingMoto.modelID))
        #expect(moto.resources.resources_seeded > 10)
    }

    @Test("sufficient, observed = derived, and scoped, under each function's derived role")
    func derivedRolesSuffice() async throws {
        for function in Self.functions {  // the collector first: the analyzer reads its scan
            let policy = try #require(moto.policies[function])
            let run = try await run(function, role: EnforcingMoto.roleName(function))

            // Sufficient: nothing refused; the run finished and reported no access failure.
            #expect(run.denied.isEmpty, "\(function): refused \(run.denied.map(\.operation.iamAction))")
            #expect(run.threw == nil, "\(function) failed: \(run.reported)")
            #expect(!run.reported.contains { $0.contains("AccessDenied") || $0.contains("not authorized") },
                    "\(function): \(run.reported)")
            if function == "inventory-analyzer" {
                #expect(run.analyzerResponse?.body.summarySource == .bedrock, "Converse was answered and used")
                #expect((run.analyzerResponse?.body.resourcesAnalyzed ?? 0) >= moto.resources.resources_seeded)
            } else {
                #expect((run.collectorResponse?.body.counts.values.reduce(0, +) ?? 0) >= moto.resources.resources_seeded)
            }

            // Observed = derived (the actions AWS needs on the runtime's behalf are named, not observed).
            let observed = Set(run.recorder.iamActions)
            #expect(policy.impliedActions.isSubset(of: Set(MotoEnforcement.impliedByAnotherCall.keys)))
            let derived = policy.grantedCodeActions.union(policy.permissionFreeActions).subtracting(policy.impliedActions)
            #expect(observed == derived, "\(function): observed \(observed.sorted()), derived \(derived.sorted())")

            // Scoped: each request allowed by a derived statement of its action; each statement used or named.
            var used = Set<String>()
            for record in run.recorder.records where !policy.permissionFreeActions.contains(record.operation.iamAction) {
                let action = record.operation.iamAction
                let requested = try RequestResources.of(record, account: moto.resources.account)
                let allowing = policy.statements.filter { statement in
                    statement.Action.contains(action) && requested.allSatisfy { arn in
                        statement.Resource.contains { ARNPattern($0).matches(arn) }
                    }
                }
                #expect(!allowing.isEmpty, "\(function): \(action) on \(requested) is allowed by no statement")
                used.formUnion(allowing.map(\.Sid))
            }
            // Every service whose ARNs the harness widened for moto is named in the stated limits.
            let widened = Set(policy.statements.flatMap(\.Action).map { String($0.split(separator: ":")[0]) })
                .subtracting(MotoEnforcement.servicesWithResourceChecks)
            for service in widened.sorted() {
                #expect(MotoEnforcement.limits.contains { $0.contains(service) },
                        "\(function): \(service)'s scoping is not enforced by moto but not named in the limits")
            }
            for statement in policy.statements where !used.contains(statement.Sid) {
                #expect(Self.notExercisedByTheRuntime[statement.Sid] != nil,
                        "\(function): statement \(statement.Sid) (\(statement.Action)) allows no recorded request")
            }
        }
    }

    @Test("minimal: removing any one derived action makes the run fail or report the refusal")
    func everyActionIsNeeded() async throws {
        // A scan for the analyzer's runs to read.
        let baseline = try await run("inventory-collector", role: EnforcingMoto.roleName("inventory-collector"))
        try #require(baseline.denied.isEmpty)
        for function in Self.functions {
            let policy = try #require(moto.policies[function])
            try #require(!policy.grantedCodeActions.isEmpty)
            for action in policy.grantedCodeActions.subtracting(policy.impliedActions).sorted() {
                let run = try await run(function, role: EnforcingMoto.roleName(function, without: action))
                let refused = run.denied.filter { $0.operation.iamAction == action }
                #expect(!refused.isEmpty, "\(function) without \(action): no call was refused")
                // The refusal is visible to the operator, never swallowed.
                let visible = run.threw != nil
                    || run.reported.contains { $0.contains("AccessDenied") || $0.contains("not authorized") }
                    || (action == "bedrock:InvokeModel" && run.analyzerResponse?.body.summarySource == .rules)
                #expect(visible, "\(function) without \(action): the refusal was not reported (\(run.reported))")
                // Nothing else was refused: the role lacked exactly one action.
                #expect(Set(run.denied.map(\.operation.iamAction)) == [action], "\(function) without \(action)")
            }
        }
    }

    @Test("cross-account: sts:AssumeRole on exactly the configured role, which the scan needs and uses")
    func crossAccountScanning() async throws {
        let policy = moto.crossAccountPolicy
        let assume = policy.statements.filter { $0.Action.contains("sts:AssumeRole") }
        #expect(assume.map(\.Resource) == [[EnforcingMoto.memberRole]], "granted on exactly the configured role")
        #expect(moto.policies["inventory-collector"]?.statements.contains { $0.Action.contains("sts:AssumeRole") }
                == false, "without SCAN_ACCOUNTS no role may be assumed")

        let function = EnforcingMoto.crossAccountFunction
        let scan = try await run("inventory-collector", role: EnforcingMoto.roleName(function), crossAccount: true)
        #expect(scan.denied.isEmpty, "refused \(scan.denied.map(\.operation.iamAction))")
        #expect(scan.reported.isEmpty, "\(scan.reported)")
        // The home estate and the member account's volume (\(moto.memberVolume)).
        #expect((scan.collectorResponse?.body.counts.values.reduce(0, +) ?? 0) > moto.resources.resources_seeded,
                "the member account's volume \(moto.memberVolume) was scanned too")
        let roles = scan.recorder.records.filter { $0.operation.iamAction == "sts:AssumeRole" }
            .compactMap { record in record.request.map { RequestResources.form($0) }?["RoleArn"] }
        #expect(!roles.isEmpty && Set(roles) == [EnforcingMoto.memberRole])
        #expect(Set(scan.recorder.iamActions) == policy.grantedCodeActions.union(policy.permissionFreeActions),
                "observed = derived with SCAN_ACCOUNTS")

        let without = try await run(
            "inventory-collector", role: EnforcingMoto.roleName(function, without: "sts:AssumeRole"),
            crossAccount: true)
        #expect(without.denied.map(\.operation.iamAction).contains("sts:AssumeRole"))
        #expect(without.reported.contains { $0.contains("AccessDenied") }, "\(without.reported)")
    }
}
