import Collector
import Foundation
import LambdaRuntime

exit(await LambdaMain.run { logger in try CollectorHandler(environment: ProcessInfo.processInfo.environment) })
