import AWSClient

/// Short, credential-free text for an error in the summary and the response: the AWS error code and message
/// when AWS answered (`AccessDenied: User … is not authorized …`), otherwise the error's description.
enum CollectorErrorText {
    static func describe(_ error: any Error) -> String {
        if let error = error as? AWSClientError {
            let code = error.awsCode ?? error.code.rawValue
            let text = error.message.isEmpty ? code : code + ": " + error.message
            return text.count > 300 ? String(text.prefix(300)) + "…" : text
        }
        return String(describing: error)
    }
}
