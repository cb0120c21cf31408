@testable import Deploy
import Foundation
import Testing

@Suite("terraform's environment")
struct TerraformDriverTests {
    @Test func goCollectorIsTunedUnlessTheUserChoseOne() {
        #expect(TerraformDriver.goRuntime(inherited: ["PATH": "/usr/bin"]) == ["GOGC": "400"])
        #expect(TerraformDriver.goRuntime(inherited: ["GOGC": "100"]).isEmpty)
        #expect(TerraformDriver.goRuntime(inherited: ["GOGC": "off"]).isEmpty)
    }

    @Test func automationSettingsAndCredentialsReachTerraform() {
        let driver = TerraformDriver(directory: URL(fileURLWithPath: "/tmp"), pluginDirectory: "/opt/tf-plugins",
                                     environment: ["AWS_ACCESS_KEY_ID": "testing"])
        #expect(driver.environment["TF_IN_AUTOMATION"] == "1")
        #expect(driver.environment["CHECKPOINT_DISABLE"] == "1")
        #expect(driver.environment["AWS_ACCESS_KEY_ID"] == "testing")
        let inherited = ProcessInfo.processInfo.environment["GOGC"]
        #expect(driver.environment["GOGC"] == (inherited == nil ? "400" : nil))
    }

    @Test func aGOGCGivenToTheDriverIsKept() {
        let driver = TerraformDriver(directory: URL(fileURLWithPath: "/tmp"), pluginDirectory: "/opt/tf-plugins",
                                     environment: ["GOGC": "50"])
        #expect(driver.environment["GOGC"] == "50")
    }
}
