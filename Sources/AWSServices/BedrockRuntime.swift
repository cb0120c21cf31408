import AWSClient

/// Bedrock Runtime (restJson1, signed as `bedrock`). `Converse` is authorised by `bedrock:InvokeModel` on the model.
public enum BedrockRuntime {
    public static let converse = AWSOperation<ConverseInput, ConverseOutput>(
        service: .bedrockRuntime, name: "Converse", method: .post, requestURI: "/model/{modelId}/converse",
        iamAction: "bedrock:InvokeModel",
        resourceARN: "arn:${Partition}:bedrock:${Region}::foundation-model/${ResourceId}")

    static let all = [converse.descriptor]

    public struct ContentBlock: Codable, Sendable, Equatable {
        public var text: String?
        public init(text: String) { self.text = text }
    }

    public struct Message: Codable, Sendable, Equatable {
        public var role: String
        public var content: [ContentBlock]
        public init(role: String, content: [ContentBlock]) {
            self.role = role
            self.content = content
        }
    }

    public struct InferenceConfiguration: Codable, Sendable, Equatable {
        public var maxTokens: Int?
        public var temperature: Double?
        public var topP: Double?
        public init(maxTokens: Int? = nil, temperature: Double? = nil, topP: Double? = nil) {
            self.maxTokens = maxTokens
            self.temperature = temperature
            self.topP = topP
        }
    }

    public struct ConverseInput: AWSInput {
        public var modelId: String
        public var messages: [Message]
        public var system: [ContentBlock]?
        public var inferenceConfig: InferenceConfiguration?
        public init(
            modelId: String, messages: [Message], system: [ContentBlock]? = nil,
            inferenceConfig: InferenceConfiguration? = nil
        ) {
            self.modelId = modelId
            self.messages = messages
            self.system = system
            self.inferenceConfig = inferenceConfig
        }
        public var httpBindings: HTTPBindings { HTTPBindings(path: ["modelId": modelId]) }
        enum CodingKeys: String, CodingKey { case messages, system, inferenceConfig }
    }

    public struct ConverseOutput: AWSOutput {
        public struct Output: Decodable, Sendable { public var message: Message? }
        public struct Usage: Decodable, Sendable {
            public var inputTokens: Int?
            public var outputTokens: Int?
            public var totalTokens: Int?
        }
        public var output: Output?
        public var stopReason: String?
        public var usage: Usage?

        /// The text of the reply, blocks joined.
        public var text: String {
            (output?.message?.content ?? []).compactMap(\.text).joined()
        }
    }
}
