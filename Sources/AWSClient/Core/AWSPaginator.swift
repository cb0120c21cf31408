/// Pages of an operation as an `AsyncSequence`: each element is one response; the next request carries the token
/// of the previous response. Ends when the token is absent or empty, or when the service repeats the token it
/// just sent (a service bug that would otherwise loop for ever; botocore stops there too).
///
/// Token styles: `NextToken` (EC2, SNS), `Marker`/`NextMarker` (Lambda, RDS), `nextToken` (EKS),
/// `ExclusiveStartKey`/`LastEvaluatedKey` (DynamoDB) — any `Equatable` token type.
public struct AWSPaginator<Input: AWSInput, Output: AWSOutput, Token: Equatable & Sendable>: AsyncSequence, Sendable {
    public typealias Element = Output

    let client: AWSClient
    let operation: AWSOperation<Input, Output>
    let input: Input
    let setToken: @Sendable (inout Input, Token?) -> Void
    let nextToken: @Sendable (Output) -> Token?
    let isEmpty: @Sendable (Token) -> Bool
    /// Whether each next request is sent as soon as the previous response arrives (see `prefetching()`).
    var prefetches = false

    public init(
        client: AWSClient, operation: AWSOperation<Input, Output>, input: Input,
        inputToken: WritableKeyPath<Input, Token?> & Sendable, outputToken: KeyPath<Output, Token?> & Sendable,
        isEmpty: @escaping @Sendable (Token) -> Bool = { _ in false }
    ) {
        self.client = client
        self.operation = operation
        self.input = input
        self.setToken = { $0[keyPath: inputToken] = $1 }
        self.nextToken = { $0[keyPath: outputToken] }
        self.isEmpty = isEmpty
    }

    /// The same pages, each next request sent as soon as the previous response has arrived, so that the caller's
    /// work on one page overlaps the round trip (and response decoding) of the next. One page of lookahead: at most
    /// the page being worked on and the next one exist at a time. A request already sent when the caller stops
    /// iterating is cancelled with the caller's task, otherwise left to finish; only use this for reads.
    public func prefetching() -> AWSPaginator {
        var copy = self
        copy.prefetches = true
        return copy
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let sequence: AWSPaginator
        var input: Input
        var sentToken: Token?
        var finished = false
        /// The next page's request, when prefetching.
        var pending: Task<Output, any Error>?

        public mutating func next() async throws -> Output? {
            if finished { return nil }
            let output: Output
            if let pending {
                self.pending = nil
                output = try await withTaskCancellationHandler { try await pending.value } onCancel: {
                    pending.cancel()
                }
            } else {
                output = try await sequence.client.call(sequence.operation, input)
            }
            if let token = sequence.nextToken(output), !sequence.isEmpty(token), token != sentToken {
                sequence.setToken(&input, token)
                sentToken = token
            } else {
                if let token = sequence.nextToken(output), token == sentToken {
                    sequence.client.configuration.logger.warning(
                        "pagination stopped: the service repeated its token",
                        metadata: ["operation": "\(sequence.operation.descriptor)"])
                }
                finished = true
            }
            if sequence.prefetches, !finished {
                let (client, operation, input) = (sequence.client, sequence.operation, input)
                pending = Task(executorPreference: client.configuration.taskExecutor) {
                    try await client.call(operation, input)
                }
            }
            return output
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(sequence: self, input: input, sentToken: nil)
    }
}

extension AWSPaginator where Token == String {
    /// String tokens: an empty string also ends the sequence.
    public init(
        client: AWSClient, operation: AWSOperation<Input, Output>, input: Input,
        inputToken: WritableKeyPath<Input, String?> & Sendable, outputToken: KeyPath<Output, String?> & Sendable
    ) {
        self.init(
            client: client, operation: operation, input: input, inputToken: inputToken, outputToken: outputToken,
            isEmpty: { $0.isEmpty })
    }
}

extension AWSClient {
    /// Pages of `operation`, following `outputToken` into `inputToken`.
    public func paginate<I, O, T>(
        _ operation: AWSOperation<I, O>, _ input: I, inputToken: WritableKeyPath<I, T?> & Sendable,
        outputToken: KeyPath<O, T?> & Sendable
    ) -> AWSPaginator<I, O, T> {
        AWSPaginator(client: self, operation: operation, input: input, inputToken: inputToken, outputToken: outputToken)
    }

    public func paginate<I, O>(
        _ operation: AWSOperation<I, O>, _ input: I, inputToken: WritableKeyPath<I, String?> & Sendable,
        outputToken: KeyPath<O, String?> & Sendable
    ) -> AWSPaginator<I, O, String> {
        AWSPaginator(client: self, operation: operation, input: input, inputToken: inputToken, outputToken: outputToken)
    }
}
