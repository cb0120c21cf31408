import FoundationEssentials

struct Greeting: Codable {
    var message: String
    var arguments: [String]
}

let greeting = Greeting(message: "hello from bootstrap", arguments: Array(CommandLine.arguments.dropFirst()))
let encoder = JSONEncoder()
encoder.outputFormatting = .sortedKeys
print(String(decoding: try encoder.encode(greeting), as: UTF8.self))
