import AnalyzerAWS
import Foundation
import LambdaRuntime

ProcessMemory.useSingleMallocArena()  // before any allocation-heavy work: see ProcessMemory
let commandLine: AnalyzerCommandLine
do {
    commandLine = try AnalyzerCommandLine(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n\(AnalyzerCommandLine.usage)\n".utf8))
    exit(2)
}
exit(await LambdaMain.run(arguments: commandLine.runtimeArguments) { logger in
    try AnalyzerHandler(environment: ProcessInfo.processInfo.environment,
                        findingsJSONPath: commandLine.findingsJSONPath, logger: logger)
})
