import Foundation

/// The flat attribute map of one stored item, with typed accessors that report the attribute at fault.
///
/// Writers skip `nil` values, so an unknown fact is an absent attribute; readers distinguish "absent" (an optional
/// getter returns nil) from "present with the wrong type" (an error).
public struct AttributeMap: Sendable, Hashable {
    /// Names and values in insertion order. An item has a few dozen attributes at most, and the analyzer reads
    /// 100,000 items per run: a linear search over this short list costs less than hashing every name into a
    /// `Dictionary` per item and hashing it again on every read.
    private var names: [String]
    private var entries: [ItemValue]

    public init(_ values: [String: ItemValue] = [:]) {
        names = Array(values.keys)
        entries = Array(values.values)
    }

    /// An empty map with room for `capacity` attributes.
    public init(capacity: Int) {
        names = []
        entries = []
        names.reserveCapacity(capacity)
        entries.reserveCapacity(capacity)
    }

    /// The attributes, keyed by attribute name.
    public var values: [String: ItemValue] {
        get { Dictionary(zip(names, entries), uniquingKeysWith: { $1 }) }
        set { self = AttributeMap(newValue) }
    }

    /// Removes every attribute; with `keepingCapacity`, the storage stays for the next item's attributes.
    public mutating func removeAll(keepingCapacity: Bool = false) {
        names.removeAll(keepingCapacity: keepingCapacity)
        entries.removeAll(keepingCapacity: keepingCapacity)
    }

    /// The number of attributes.
    public var count: Int { names.count }

    /// Each attribute's name and value, in insertion order.
    public var attributes: Zip2Sequence<[String], [ItemValue]> { zip(names, entries) }

    public subscript(name: String) -> ItemValue? {
        get { position(of: name).map { entries[$0] } }
        set {
            switch (position(of: name), newValue) {
            case (let index?, let value?): entries[index] = value
            case (let index?, nil):
                names.remove(at: index)
                entries.remove(at: index)
            case (nil, let value?):
                names.append(name)
                entries.append(value)
            case (nil, nil): break
            }
        }
    }

    private func position(of name: String) -> Int? {
        // Lengths first: most names differ in length, and comparing two lengths is cheaper than comparing strings.
        let length = name.utf8.count
        return names.withUnsafeBufferPointer { buffer in
            buffer.firstIndex { $0.utf8.count == length && $0 == name }
        }
    }

    /// Order does not matter: two maps are equal when they hold the same attributes.
    public static func == (lhs: AttributeMap, rhs: AttributeMap) -> Bool {
        lhs.count == rhs.count && zip(lhs.names, lhs.entries).allSatisfy { rhs[$0.0] == $0.1 }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(values)
    }

    // MARK: Writing (nil is skipped)

    public mutating func set(_ name: String, _ value: String?) {
        if let value { self[name] = .string(value) }
    }

    public mutating func set(_ name: String, _ value: Int?) {
        if let value { self[name] = .number(Double(value)) }
    }

    public mutating func set(_ name: String, _ value: Double?) {
        if let value { self[name] = .number(value) }
    }

    public mutating func set(_ name: String, _ value: Bool?) {
        if let value { self[name] = .bool(value) }
    }

    public mutating func set(_ name: String, _ value: Date?) {
        if let value { self[name] = .string(Timestamp.format(value)) }
    }

    public mutating func set(_ name: String, _ value: [String]?) {
        if let value { self[name] = .stringList(value) }
    }

    public mutating func set(_ name: String, _ value: [String: String]?) {
        if let value { self[name] = .map(value.mapValues { .string($0) }) }
    }

    // MARK: Reading optional attributes

    public func string(_ name: String) throws -> String? {
        switch self[name] {
        case nil: return nil
        case .string(let value): return value
        case let other?: throw wrongType(name, "S", other)
        }
    }

    public func int(_ name: String) throws -> Int? {
        switch self[name] {
        case nil: return nil
        case .number(let value):
            guard value.rounded() == value, abs(value) < 1e15 else {
                throw InventoryError(.wrongType, attribute: name, "expected an integer, found \(value)")
            }
            return Int(value)
        case let other?: throw wrongType(name, "N", other)
        }
    }

    public func double(_ name: String) throws -> Double? {
        switch self[name] {
        case nil: return nil
        case .number(let value): return value
        case let other?: throw wrongType(name, "N", other)
        }
    }

    public func bool(_ name: String) throws -> Bool? {
        switch self[name] {
        case nil: return nil
        case .bool(let value): return value
        case let other?: throw wrongType(name, "BOOL", other)
        }
    }

    public func date(_ name: String) throws -> Date? {
        guard let text = try string(name) else { return nil }
        guard let date = Timestamp.parse(text) else {
            throw InventoryError(.invalidDate, attribute: name, "'\(text)' is not an ISO 8601 UTC timestamp")
        }
        return date
    }

    public func stringList(_ name: String) throws -> [String]? {
        switch self[name] {
        case nil: return nil
        case .stringList(let value): return value
        case let other?: throw wrongType(name, "L", other)
        }
    }

    public func map(_ name: String) throws -> [String: ItemValue]? {
        switch self[name] {
        case nil: return nil
        case .map(let value): return value
        case let other?: throw wrongType(name, "M", other)
        }
    }

    /// A map whose values are all strings (tags).
    public func stringMap(_ name: String) throws -> [String: String]? {
        guard let map = try map(name) else { return nil }
        // `mapValues` keeps the hash table as it is: no key is hashed again.
        return try map.mapValues { value in
            guard case .string(let text) = value else {
                let key = map.first { $0.value == value }?.key ?? "?"
                throw wrongType("\(name).\(key)", "S", value)
            }
            return text
        }
    }

    // MARK: Reading required attributes

    public func requiredString(_ name: String) throws -> String { try present(name, string(name)) }
    public func requiredInt(_ name: String) throws -> Int { try present(name, int(name)) }
    public func requiredDouble(_ name: String) throws -> Double { try present(name, double(name)) }
    public func requiredBool(_ name: String) throws -> Bool { try present(name, bool(name)) }
    public func requiredDate(_ name: String) throws -> Date { try present(name, date(name)) }
    public func requiredStringList(_ name: String) throws -> [String] { try present(name, stringList(name)) }
    public func requiredMap(_ name: String) throws -> [String: ItemValue] { try present(name, map(name)) }

    private func present<T>(_ name: String, _ value: T?) throws -> T {
        guard let value else {
            throw InventoryError(.missingAttribute, attribute: name, "required attribute is absent")
        }
        return value
    }

    private func wrongType(_ name: String, _ expected: String, _ found: ItemValue) -> InventoryError {
        InventoryError(.wrongType, attribute: name, "expected type \(expected), found \(found.typeName)")
    }

    /// The approximate stored size of the item in bytes (names plus values), see `ItemValue.approximateSize`.
    public var approximateSize: Int {
        zip(names, entries).reduce(0) { $0 + $1.0.utf8.count + $1.1.approximateSize }
    }
}
