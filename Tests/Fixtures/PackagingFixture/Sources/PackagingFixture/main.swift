import FoundationEssentials

struct Greeting: Codable {
    var message: String
    var arguments: [String]
}

let greeting = Greeting(message: "hello from bootstrap", arguments: Array(CommandLine.arguments.dropFirst()))
print(String(decoding: try JSONEncoder().encode(greeting), as: UTF8.self))
