/// A value kept in a shared, reference-counted box and copied only when a shared box is changed. For values that are
/// copied far more often than changed and hold many strings — an `InventoryItem`, a `Finding`: 100,000 of each per
/// analyzer run, each copied through kind views, rules, sorting and pages — a copy is then one reference count
/// instead of one per string field. It behaves exactly like the plain value.
public struct CopyOnWrite<Value: Sendable & Hashable>: Sendable, Hashable {
    /// `@unchecked Sendable`: the box is only mutated through `update`, i.e. while exactly one `CopyOnWrite` owns it,
    /// so no other thread can observe the mutation (the copy-on-write invariant).
    @usableFromInline
    final class Box: @unchecked Sendable {
        @usableFromInline var value: Value
        @usableFromInline init(_ value: Value) { self.value = value }
    }

    @usableFromInline var box: Box

    @inlinable
    public init(_ value: Value) { box = Box(value) }

    /// The value, borrowed from the box (reading one field does not copy the others).
    @inlinable
    public var value: Value {
        _read { yield box.value }
    }

    /// Changes the value, copying the box first when another value shares it.
    @inlinable
    public mutating func update(_ change: (inout Value) -> Void) {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
        change(&box.value)
    }

    @inlinable
    public static func == (lhs: CopyOnWrite, rhs: CopyOnWrite) -> Bool {
        lhs.box === rhs.box || lhs.box.value == rhs.box.value
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.value)
    }
}
