import InfraModel
import Testing

@Suite("Stack validation")
struct StackValidatorTests {
    func stack(_ change: (inout Stack) -> Void) -> Stack {
        var stack = Stack(name: "demo")
        stack.tables = [Table(name: "items", attributes: [.init(name: "id", type: .S)], hashKey: "id")]
        stack.addLambda(Function(name: "worker", runtime: "worker", role: "", logGroup: ""), logRetentionDays: 30,
                        logEncryptionKey: nil, codeStatements: [])
        change(&stack)
        return stack
    }

    @Test("a valid stack has no diagnostics")
    func valid() { #expect(StackValidator().validate(stack { _ in }).isEmpty) }

    @Test("duplicate names are reported once per duplicate")
    func duplicates() {
        let diagnostics = StackValidator().validate(stack { $0.tables.append($0.tables[0]) })
        #expect(diagnostics.map(\.message) == ["duplicate table name 'items'"])
    }

    @Test("a three-step cycle is reported once with its path")
    func cycle() {
        let diagnostics = StackValidator().validate(stack { stack in
            for (name, peer) in [("a", "b"), ("b", "c"), ("c", "a")] {
                stack.addLambda(
                    Function(name: name, runtime: name, environment: ["PEER": .ref(Reference(.function, peer, .arn))], role: "", logGroup: ""),
                    logRetentionDays: 30, logEncryptionKey: nil, codeStatements: [])
            }
        })
        #expect(diagnostics.map(\.message) == ["reference cycle: function a → function b → function c → function a"])
    }

    @Test("provisioned indexes need capacity, and INCLUDE projections need attributes")
    func indexes() {
        let diagnostics = StackValidator().validate(stack { stack in
            stack.tables[0].billingMode = .provisioned
            stack.tables[0].capacity = .init(read: 1, write: 1)
            stack.tables[0].globalIndexes = [GlobalIndex(name: "by-id", hashKey: "id", projection: .include([]))]
        })
        #expect(diagnostics.map(\.keyPath) == ["tables.items.global_indexes.by-id.projection", "tables.items.global_indexes.by-id"])
    }

    @Test("the platform statements follow the function's configuration")
    func platformStatements() throws {
        let built = stack { stack in
            stack.keys = [EncryptionKey(name: "k")]
            stack.topics = [Topic(name: "alerts", encryptionKey: "k")]
            stack.functions = []
            stack.roles = []
            stack.logGroups = []
            stack.addLambda(
                Function(name: "worker", runtime: "worker", role: "", logGroup: "", onFailure: Reference(.topic, "alerts", .arn)),
                logRetentionDays: 30, logEncryptionKey: nil, codeStatements: [])
        }
        let statements = try #require(built.roles.first?.policies.first?.statements)
        #expect(statements.map(\.sid) == ["WriteOwnLogs", "WriteTraces", "DeliverFailedInvocations", "EncryptFailedInvocations"])
        #expect(StackValidator().validate(built).isEmpty)
    }
}
