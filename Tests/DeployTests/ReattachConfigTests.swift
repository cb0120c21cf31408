@testable import Deploy
import Foundation
import Testing

@Suite("TF_REATTACH_PROVIDERS: reading a -debug provider's announcement, and the value terraform gets")
struct ReattachConfigTests {
    /// Printed by terraform-provider-aws 5.100.0 `-debug` on this machine (stdout, then its log on stderr).
    static let announced = """
        Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment variable with the \
        following:

        \tTF_REATTACH_PROVIDERS='{"registry.terraform.io/hashicorp/aws":{"Protocol":"grpc","ProtocolVersion":5,\
        "Pid":32284,"Test":true,"Addr":{"Network":"unix","String":"/tmp/plugin3864218921"}}}'

        Starting github.com/hashicorp/terraform-provider-aws@5.100.0 (go1.23.10)...

        """

    @Test func readsTheAWSProvidersLine() throws {
        let configs = try #require(try ReattachConfig.parse(output: Self.announced))
        let aws = try #require(configs["registry.terraform.io/hashicorp/aws"])
        #expect(configs.count == 1)
        #expect(aws == ReattachConfig(protocol: "grpc", protocolVersion: 5, pid: 32284, test: true,
                                      address: .init(network: "unix", string: "/tmp/plugin3864218921")))
    }

    @Test("nothing until the line is complete: the log is read while the provider is still writing it")
    func waitsForTheWholeLine() throws {
        let upToLine = Self.announced.components(separatedBy: "Starting")[0]
        let cut = upToLine.dropLast(3)  // the closing quote, brace and newline are not written yet
        #expect(try ReattachConfig.parse(output: String(cut)) == nil)
        #expect(try ReattachConfig.parse(output: "Provider started.\n") == nil)
        #expect(try ReattachConfig.parse(output: upToLine) != nil)
    }

    @Test("other shells' forms: unquoted and Windows' set \"…\"")
    func otherForms() throws {
        let json = #"{"a/b/c":{"Protocol":"grpc","ProtocolVersion":6,"Pid":7,"Test":true,"#
            + #""Addr":{"Network":"tcp","String":"127.0.0.1:1234"}}}"#
        for line in ["\tTF_REATTACH_PROVIDERS=\(json)\n", "\tCommand Prompt:\tset \"TF_REATTACH_PROVIDERS=\(json)\"\n",
                     "\tBash:\texport TF_REATTACH_PROVIDERS='\(json)'\n"] {
            let config = try #require(try ReattachConfig.parse(output: line)?["a/b/c"], "\(line)")
            #expect(config.address == .init(network: "tcp", string: "127.0.0.1:1234"))
            #expect(config.protocolVersion == 6 && config.pid == 7)
        }
    }

    @Test("refused: not JSON, an empty object, a provider not in test mode (terraform would stop it after one command)",
          arguments: [
              ("TF_REATTACH_PROVIDERS='{not json'\n", "cannot read"),
              ("TF_REATTACH_PROVIDERS='{}'\n", "empty"),
              (#"TF_REATTACH_PROVIDERS='{"x":{"Protocol":"grpc","ProtocolVersion":5,"Pid":1,"Test":false,"#
                  + #""Addr":{"Network":"unix","String":"/tmp/p"}}}'"# + "\n", "test mode"),
          ])
    func refusesUnusableValues(output: String, message: String) {
        #expect {
            _ = try ReattachConfig.parse(output: output)
        } throws: { error in
            (error as? DeployError)?.code == .unexpectedOutput && "\(error)".contains(message)
        }
    }

    @Test("several providers become one JSON object with sorted keys, which reads back the same")
    func environmentValueOfSeveralProviders() throws {
        let aws = ReattachConfig(protocol: "grpc", protocolVersion: 5, pid: 10, test: true,
                                 address: .init(network: "unix", string: "/tmp/plugin1"))
        let random = ReattachConfig(protocol: "grpc", protocolVersion: 6, pid: 11, test: true,
                                    address: .init(network: "unix", string: "/tmp/plugin2"))
        let value = ReattachConfig.environmentValue(["registry.terraform.io/hashicorp/random": random,
                                                     "registry.terraform.io/hashicorp/aws": aws])
        #expect(value.hasPrefix(#"{"registry.terraform.io/hashicorp/aws":{"Addr":{"Network":"unix","#
                                + #""String":"/tmp/plugin1"},"Pid":10,"#))
        let again = try #require(try ReattachConfig.parse(output: "TF_REATTACH_PROVIDERS='\(value)'\n"))
        #expect(again == ["registry.terraform.io/hashicorp/random": random, "registry.terraform.io/hashicorp/aws": aws])
    }

    @Test("the driver passes the value to terraform's commands, and drops it again for nil")
    func driverEnvironment() {
        let driver = TerraformDriver(directory: URL(fileURLWithPath: "/tmp"), pluginDirectory: "/opt/tf-plugins",
                                     environment: ["AWS_ACCESS_KEY_ID": "testing"])
        let attached = driver.reattaching(#"{"a":{}}"#)
        #expect(attached.environment["TF_REATTACH_PROVIDERS"] == #"{"a":{}}"#)
        #expect(attached.environment["AWS_ACCESS_KEY_ID"] == "testing")
        #expect(attached.environment["TF_IN_AUTOMATION"] == "1")
        #expect(driver.environment["TF_REATTACH_PROVIDERS"] == nil)
        #expect(attached.reattaching(nil).environment["TF_REATTACH_PROVIDERS"] == nil)
    }
}

@Suite("when the provider is shared, and with what environment")
struct ProviderReattachmentTests {
    static let moto = try! CustomEndpoint("http://127.0.0.1:5000")

    @Test func onByDefaultOnlyForALoopbackEndpoint() throws {
        #expect(try ProviderReattachment.resolve(endpoint: Self.moto, environment: [:]) == .on)
        #expect(try ProviderReattachment.resolve(endpoint: nil, environment: [:]) == .off)
        #expect(try ProviderReattachment.resolve(endpoint: try CustomEndpoint("http://10.0.0.5:4566"),
                                                 environment: [:]) == .off)
        #expect(try ProviderReattachment.resolve(endpoint: nil, environment: ["INFRAGEN_TF_REATTACH": "1"]) == .on)
        #expect(try ProviderReattachment.resolve(endpoint: Self.moto, environment: ["INFRAGEN_TF_REATTACH": "0"])
                == .off)
        #expect(try ProviderReattachment.resolve(endpoint: Self.moto, environment: ["INFRAGEN_TF_REATTACH": "auto"])
                == .on)
        #expect(throws: DeployError.self) {
            try ProviderReattachment.resolve(endpoint: nil, environment: ["INFRAGEN_TF_REATTACH": "sometimes"])
        }
    }

    @Test("the provider gets terraform's environment (GOGC, credentials), never a stale TF_REATTACH_PROVIDERS")
    func providerGetsTerraformsEnvironment() throws {
        let terraform = TerraformDriver(directory: URL(fileURLWithPath: "/tmp"), pluginDirectory: "/p",
                                        environment: CustomEndpoint.dummyCredentials)
        let inherited = ["PATH": "/usr/bin", "HOME": "/root", "TF_REATTACH_PROVIDERS": "{}"]
        let environment = try #require(ProviderReattachment.providerEnvironment(
            inherited: inherited, terraform: terraform.environment, endpoint: Self.moto))
        #expect(environment["PATH"] == "/usr/bin" && environment["AWS_ACCESS_KEY_ID"] == "testing")
        #expect(environment["GOGC"] == (ProcessInfo.processInfo.environment["GOGC"] == nil ? "400" : nil))
        #expect(environment["TF_REATTACH_PROVIDERS"] == nil)
    }

    @Test("AWS_CA_BUNDLE: left out for http on loopback; elsewhere the provider is not shared")
    func customCABundle() throws {
        let inherited = ["AWS_CA_BUNDLE": "/etc/ssl/bundle.pem"]
        let local = ProviderReattachment.providerEnvironment(inherited: inherited, terraform: [:], endpoint: Self.moto)
        #expect(local != nil && local?["AWS_CA_BUNDLE"] == nil)
        #expect(ProviderReattachment.providerEnvironment(inherited: inherited, terraform: [:], endpoint: nil) == nil)
        let tls = try CustomEndpoint("https://localhost:4566")
        #expect(ProviderReattachment.providerEnvironment(inherited: inherited, terraform: [:], endpoint: tls) == nil)
        #expect(ProviderReattachment.providerEnvironment(inherited: [:], terraform: [:], endpoint: nil) == [:])
    }
}
