import Blueprint
import InfraDSL
import InfraModel
import InfragenTestSupport
import Testing

@Suite("Swift DSL")
struct DSLEquivalenceTests {
    @Test("the DSL version of the reference stack equals the YAML blueprint's model")
    func equalModels() throws {
        let fromYAML = try ReferenceBlueprintTests.load()
        let fromDSL = try awsInventoryStack.build()
        // Compare part by part first, so a failure names what differs.
        #expect(fromDSL.parameters == fromYAML.parameters)
        #expect(fromDSL.keys == fromYAML.keys)
        #expect(fromDSL.tables == fromYAML.tables)
        #expect(fromDSL.topics == fromYAML.topics)
        #expect(fromDSL.logGroups == fromYAML.logGroups)
        #expect(fromDSL.roles == fromYAML.roles)
        #expect(fromDSL.functions == fromYAML.functions)
        #expect(fromDSL.rules == fromYAML.rules)
        #expect(fromDSL.outputs == fromYAML.outputs)
        #expect(fromDSL == fromYAML)
    }

    @Test("the DSL reports validation problems as diagnostics with key paths")
    func dslValidation() {
        let definition = StackDefinition("demo") {
            DynamoTable("t", attributes: ["id": .S], hashKey: "id")
            LambdaFunction("worker", runtime: "worker") { Environment("TABLE", .ref(.table("missing"))) }.memory(64)
        }
        #expect(throws: DiagnosticError.self) { try definition.build() }
        let paths = StackValidator().validate(definition.model()).map(\.keyPath)
        #expect(paths == ["tables.t", "functions.worker.memory", "functions.worker.environment.TABLE"])
    }
}
