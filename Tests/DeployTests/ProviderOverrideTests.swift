import Blueprint
import InfraModel
import Foundation
import InfragenTestSupport
import Testing
@testable import Deploy

struct ProviderOverrideTests {
    static func referenceStack() throws -> Stack {
        try Blueprint.load(path: RepoPaths.file("blueprints/aws-inventory.yaml").path)
    }

    @Test func theOverrideCarriesTheEmulatorSettingsAndNoEndpointsBlock() throws {
        let text = ProviderOverride.contents(endpoint: try CustomEndpoint("http://127.0.0.1:5000"))
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let aws = try #require((object?["provider"] as? [String: Any])?["aws"] as? [String: Any])
        // The provider spends ~3 s validating an `endpoints` block in every plan and apply: the endpoint goes
        // through the environment instead.
        #expect(aws["endpoints"] == nil)
        #expect((aws["//"] as? String)?.contains("AWS_ENDPOINT_URL=http://127.0.0.1:5000") == true)
        #expect(aws["s3_use_path_style"] as? Bool == true && aws["skip_credentials_validation"] as? Bool == true)
        #expect(aws["access_key"] as? String == "testing")
    }

    @Test func terraformGetsTheEndpointForEveryServiceOverAnyInheritedOne() throws {
        let endpoint = try CustomEndpoint("http://127.0.0.1:5000")
        #expect(ProviderOverride.environment(endpoint: endpoint, inherited: ["HOME": "/root"])
                == ["AWS_ENDPOINT_URL": "http://127.0.0.1:5000"])
        let inherited = ["AWS_ENDPOINT_URL": "http://elsewhere:1", "AWS_ENDPOINT_URL_DYNAMODB": "http://elsewhere:2",
                         "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]
        #expect(ProviderOverride.environment(endpoint: endpoint, inherited: inherited) == [
            "AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "AWS_ENDPOINT_URL_DYNAMODB": "http://127.0.0.1:5000",
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false",
        ])
    }

    @Test func aDeploymentToAnEndpointRunsTerraformWithIt() throws {
        let directory = try RepoPaths.scratchDirectory("override-env")
        let deployment = TerraformDeployment(
            stack: try Self.referenceStack(), workspace: StackWorkspace(stack: "aws-inventory", root: directory),
            endpoint: try CustomEndpoint("http://127.0.0.1:5000"), pluginDirectory: "/unused")
        #expect(deployment.driver.environment["AWS_ENDPOINT_URL"] == "http://127.0.0.1:5000")
        #expect(deployment.driver.environment["AWS_ACCESS_KEY_ID"] == "testing")
        let toAWS = TerraformDeployment(
            stack: try Self.referenceStack(), workspace: StackWorkspace(stack: "aws-inventory", root: directory),
            endpoint: nil, pluginDirectory: "/unused")
        #expect(toAWS.driver.environment["AWS_ENDPOINT_URL"] == nil)
    }

    @Test("dummy credentials only for loopback endpoints", arguments: [
        ("http://127.0.0.1:4566", true), ("http://localhost:5000", true), ("http://[::1]:5000", true),
        ("https://emulator.internal:4566", false), ("http://10.0.0.5:4566", false),
    ])
    func loopbackOnly(_ url: String, _ loopback: Bool) throws {
        let endpoint = try CustomEndpoint(url)
        #expect(endpoint.isLoopback == loopback)
        let text = ProviderOverride.contents(endpoint: endpoint)
        #expect(text.contains("access_key") == loopback)
        #expect((endpoint.clientEnvironment(region: "us-east-1")["AWS_ACCESS_KEY_ID"] != nil) == loopback)
    }

    @Test("an endpoint must be an http(s) URL", arguments: ["127.0.0.1:4566", "ftp://x", "", "http://"])
    func badEndpoint(_ text: String) {
        #expect(throws: DeployError.self) { try CustomEndpoint(text) }
    }

    @Test func noEndpointRemovesAStaleOverride() throws {
        let directory = try RepoPaths.scratchDirectory("override")
        try ProviderOverride.write(into: directory, endpoint: try CustomEndpoint("http://127.0.0.1:1"))
        let file = directory.appendingPathComponent(ProviderOverride.fileName)
        #expect(FileManager.default.fileExists(atPath: file.path))
        try ProviderOverride.write(into: directory, endpoint: nil)
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func pluginDirectoryPrecedence() throws {
        let root = try RepoPaths.scratchDirectory("mirror")
        let mirror = root.appendingPathComponent("tf/plugins")
        try FileManager.default.createDirectory(
            at: mirror.appendingPathComponent("registry.terraform.io/hashicorp"), withIntermediateDirectories: true)
        #expect(try PluginDirectory.resolve("/given", environment: ["INFRAGEN_TF_PLUGIN_DIR": "/env"]) == "/given")
        #expect(try PluginDirectory.resolve(nil, environment: ["INFRAGEN_TF_PLUGIN_DIR": "/env"]) == "/env")
        #expect(try PluginDirectory.resolve(nil, environment: [:], roots: [root.path]) == mirror.path)
        #expect(throws: DeployError.self) {
            try PluginDirectory.resolve(nil, environment: [:], roots: [root.appendingPathComponent("none").path])
        }
    }
}

struct TriggerEventTests {
    @Test func eachFunctionGetsTheEventItsRuleDelivers() throws {
        let stack = try ProviderOverrideTests.referenceStack()
        let analyzer = try #require(TriggerEvent.event(for: "inventory-analyzer", in: stack, region: "eu-west-1"))
        #expect(analyzer["source"] as? String == "inventory.collector")
        #expect(analyzer["detail-type"] as? String == "Inventory Scan Completed")
        #expect(analyzer["region"] as? String == "eu-west-1")
        let collector = try #require(TriggerEvent.event(for: "inventory-collector", in: stack, region: "us-east-1"))
        #expect(collector["detail-type"] as? String == "Scheduled Event")
        #expect(collector["resources"] as? [String]
                == ["arn:aws:events:us-east-1:000000000000:rule/inventory-daily-scan"])
        #expect(TriggerEvent.event(for: "nobody", in: stack, region: "us-east-1") == nil)
    }

    @Test func deployedEnvironmentFromTerraformState() throws {
        let state = #"""
            {"values": {"root_module": {"resources": [
              {"type": "aws_lambda_function", "values": {"function_name": "other", "environment": []}},
              {"type": "aws_lambda_function", "values": {"function_name": "inventory-analyzer",
                "environment": [{"variables": {"TABLE_NAME": "aws-inventory", "TOPIC_ARN": "arn:x"}}]}}]}}}
            """#
        let environment = try DeployedEnvironment.fromTerraformState(Data(state.utf8), function: "inventory-analyzer")
        #expect(environment == ["TABLE_NAME": "aws-inventory", "TOPIC_ARN": "arn:x"])
        #expect(throws: DeployError.self) {
            try DeployedEnvironment.fromTerraformState(Data(state.utf8), function: "missing")
        }
    }

    /// `terraform state pull` (what invoke reads: no provider start-up) gives the state file's own form.
    @Test func deployedEnvironmentFromPulledState() throws {
        let state = #"""
            {"version": 4, "terraform_version": "1.11.4", "resources": [
              {"mode": "data", "type": "aws_lambda_function", "name": "d", "instances": [{"attributes": {
                "function_name": "inventory-analyzer", "environment": [{"variables": {"FROM": "data source"}}]}}]},
              {"mode": "managed", "type": "aws_lambda_function", "name": "inventory_collector", "instances": [
                {"attributes": {"function_name": "inventory-collector", "environment": []}}]},
              {"mode": "managed", "type": "aws_lambda_function", "name": "inventory_analyzer", "instances": [
                {"schema_version": 0, "attributes": {"function_name": "inventory-analyzer",
                  "environment": [{"variables": {"TABLE_NAME": "aws-inventory", "TOPIC_ARN": "arn:x"}}]}}]}]}
            """#
        let environment = try DeployedEnvironment.fromTerraformState(Data(state.utf8), function: "inventory-analyzer")
        #expect(environment == ["TABLE_NAME": "aws-inventory", "TOPIC_ARN": "arn:x"])
        #expect(try DeployedEnvironment.fromTerraformState(Data(state.utf8), function: "inventory-collector") == [:])
        let newer = state.replacingOccurrences(of: #""version": 4"#, with: #""version": 5"#)
        #expect(throws: DeployError.self) {
            try DeployedEnvironment.fromTerraformState(Data(newer.utf8), function: "inventory-analyzer")
        }
        // Nothing deployed yet: state pull prints nothing.
        #expect(throws: DeployError.self) { try DeployedEnvironment.fromTerraformState(Data("\n".utf8), function: "x") }
    }
}
