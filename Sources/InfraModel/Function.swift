/// A Lambda function whose code is one of this package's runtimes, packaged as `bootstrap` for
/// `provided.al2023`.
public struct Function: Hashable, Sendable {
    public enum Architecture: String, Hashable, Sendable, CaseIterable {
        case arm64
        case x86_64
    }

    public enum TracingMode: String, Hashable, Sendable, CaseIterable {
        case active = "Active"
        case passThrough = "PassThrough"
    }

    public var name: String
    /// The executable product packaged as the function's code (e.g. `inventory-collector`).
    public var runtime: String
    public var architecture: Architecture
    public var memoryMB: Int
    public var timeoutSeconds: Int
    public var environment: [String: Value]
    /// The execution role (a `Role` in the same stack).
    public var role: String
    /// The log group the function writes to (`/aws/lambda/<name>`), declared in the stack.
    public var logGroup: String
    public var reservedConcurrency: Int?
    /// Where asynchronous invocations that fail after Lambda's retries are sent (a topic in the stack).
    public var onFailure: Reference?
    /// Encrypts the environment variables at rest.
    public var encryptionKey: String?
    public var tracing: TracingMode
    public var description: String
    /// Whether the role's code statements are derived from the runtime's source (the default) rather than
    /// declared in the blueprint (the interim `policy:` list).
    public var derivesPolicy: Bool

    public init(
        name: String, runtime: String, architecture: Architecture = .x86_64, memoryMB: Int = 128,
        timeoutSeconds: Int = 30, environment: [String: Value] = [:], role: String, logGroup: String,
        reservedConcurrency: Int? = nil, onFailure: Reference? = nil, encryptionKey: String? = nil,
        tracing: TracingMode = .active, description: String = "", derivesPolicy: Bool = true
    ) {
        self.name = name
        self.runtime = runtime
        self.architecture = architecture
        self.memoryMB = memoryMB
        self.timeoutSeconds = timeoutSeconds
        self.environment = environment
        self.role = role
        self.logGroup = logGroup
        self.reservedConcurrency = reservedConcurrency
        self.onFailure = onFailure
        self.encryptionKey = encryptionKey
        self.tracing = tracing
        self.description = description
        self.derivesPolicy = derivesPolicy
    }

    /// Lambda's fixed platform for custom runtimes.
    public static let platformRuntime = "provided.al2023"
    public static let handler = "bootstrap"
}

/// A CloudWatch Logs log group.
public struct LogGroup: Hashable, Sendable {
    /// The stack-level name, used in references (`${log_group.inventory-collector.arn}`).
    public var name: String
    /// The log group's AWS name, e.g. `/aws/lambda/inventory-collector`.
    public var path: String
    public var retentionDays: Int
    public var encryptionKey: String?

    public init(name: String, path: String, retentionDays: Int = 365, encryptionKey: String? = nil) {
        self.name = name
        self.path = path
        self.retentionDays = retentionDays
        self.encryptionKey = encryptionKey
    }

    /// The retention periods CloudWatch Logs accepts.
    public static let allowedRetentionDays = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]
}
