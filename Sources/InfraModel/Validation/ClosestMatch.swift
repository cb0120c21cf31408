/// The candidate nearest to a misspelling, for "did you mean" hints; nil when nothing is close enough.
public func closestMatch(to word: String, in candidates: [String]) -> String? {
    let limit = max(2, word.count / 3)
    return candidates
        .map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
        // A suggestion must share something with the word: one letter is never "near" another letter.
        .filter { $0.1 <= limit && $0.1 < word.count }
        .min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
}

/// Levenshtein distance, with adjacent transpositions counted as one edit (`hsah_key` → `hash_key`).
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previousPrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], previousPrevious[j - 2] + 1)
            }
        }
        (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[b.count]
}
