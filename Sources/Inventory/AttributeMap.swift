import Foundation

/// The flat attribute map of one stored item, with typed accessors that report the attribute at fault.
///
/// Writers skip `nil` values, so an unknown fact is an absent attribute; readers distinguish "absent" (an optional
/// getter returns nil) from "present with the wrong type" (an error).
public struct AttributeMap: Sendable, Hashable {
    /// The attributes, keyed by attribute name.
    public var values: [String: ItemValue]

    public init(_ values: [String: ItemValue] = [:]) {
        self.values = values
    }

    public subscript(name: String) -> ItemValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    // MARK: Writing (nil is skipped)

    public mutating func set(_ name: String, _ value: String?) {
        if let value { values[name] = .string(value) }
    }

    public mutating func set(_ name: String, _ value: Int?) {
        if let value { values[name] = .number(Double(value)) }
    }

    public mutating func set(_ name: String, _ value: Double?) {
        if let value { values[name] = .number(value) }
    }

    public mutating func set(_ name: String, _ value: Bool?) {
        if let value { values[name] = .bool(value) }
    }

    public mutating func set(_ name: String, _ value: Date?) {
        if let value { values[name] = .string(Timestamp.format(value)) }
    }

    public mutating func set(_ name: String, _ value: [String]?) {
        if let value { values[name] = .stringList(value) }
    }

    public mutating func set(_ name: String, _ value: [String: String]?) {
        if let value { values[name] = .map(value.mapValues { .string($0) }) }
    }

    // MARK: Reading optional attributes

    public func string(_ name: String) throws -> String? {
        switch values[name] {
        case nil: return nil
        case .string(let value): return value
        case let other?: throw wrongType(name, "S", other)
        }
    }

    public func int(_ name: String) throws -> Int? {
        switch values[name] {
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
        switch values[name] {
        case nil: return nil
        case .number(let value): return value
        case let other?: throw wrongType(name, "N", other)
        }
    }

    public func bool(_ name: String) throws -> Bool? {
        switch values[name] {
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
        switch values[name] {
        case nil: return nil
        case .stringList(let value): return value
        case let other?: throw wrongType(name, "L", other)
        }
    }

    public func map(_ name: String) throws -> [String: ItemValue]? {
        switch values[name] {
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
        values.reduce(0) { $0 + $1.key.utf8.count + $1.value.approximateSize }
    }
}
