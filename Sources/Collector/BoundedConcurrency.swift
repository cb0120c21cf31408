/// A task group that keeps at most `width` child tasks running: scans and writes go out concurrently without
/// opening a connection per resource at once.
enum BoundedConcurrency {
    /// `transform` applied to every element, at most `width` at a time; results in the order of `elements`.
    static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], width: Int, _ transform: @escaping @Sendable (Element) async -> Result
    ) async -> [Result] {
        var results = [Result?](repeating: nil, count: elements.count)
        await withTaskGroup(of: (Int, Result).self) { group in
            var next = 0
            func startNext() {
                guard next < elements.count else { return }
                let index = next, element = elements[index]
                group.addTask { (index, await transform(element)) }
                next += 1
            }
            for _ in 0..<max(1, width) { startNext() }
            for await (index, result) in group {
                results[index] = result
                startNext()
            }
        }
        return results.map { $0! }
    }
}
