/// One row read from either store, by column name. Reading a column that is missing, NULL where a value is
/// required, or of another type throws a ``StoreError`` naming the table and row: a row this build cannot
/// have written (a database altered by hand or by another program) is refused, never trusted.
public struct StoreRow: Sendable {
    let values: [String: StoreValue]
    /// Where the row came from, for messages: the store's label and table.
    var store = ""
    var table = "filing"
    var id: String?

    init(_ values: [String: StoreValue]) { self.values = values }

    /// The row in `table` of `store`, identified by its `key` column, for messages.
    func from(_ store: String, table: String, key: String? = "id") -> StoreRow {
        var row = self
        row.store = store
        row.table = table
        if let key {
            switch values[key] {
            case .integer(let number): row.id = String(number)
            case .text(let text): row.id = text
            default: row.id = nil
            }
        }
        return row
    }

    func damaged(_ problem: String) -> StoreError {
        StoreError.badRow(path: store, table: table, id: id, problem)
    }

    func has(_ column: String) -> Bool { values[column] != nil }

    func isNull(_ column: String) -> Bool { values[column] == nil || values[column] == .null }

    /// An integer column that must hold one.
    func integer(_ column: String) throws -> Int64 {
        guard let value = try optionalInteger(column) else {
            throw damaged("its \(column) is missing or not an integer")
        }
        return value
    }

    /// An integer column that may be NULL.
    func optionalInteger(_ column: String) throws -> Int64? {
        switch values[column] {
        case .integer(let value): return value
        case .bool(let value): return value ? 1 : 0
        case .null, nil: return nil
        default: throw damaged("its \(column) is not an integer")
        }
    }

    /// An integer column that must fit `Int`.
    func int(_ column: String) throws -> Int {
        guard let value = Int(exactly: try integer(column)) else {
            throw damaged("its \(column) is out of range")
        }
        return value
    }

    /// A text column that must hold one.
    func text(_ column: String) throws -> String {
        guard let value = try optionalText(column) else {
            throw damaged("its \(column) is missing or not text")
        }
        return value
    }

    /// A text column that may be NULL.
    func optionalText(_ column: String) throws -> String? {
        switch values[column] {
        case .text(let value): return value
        case .null, nil: return nil
        default: throw damaged("its \(column) is not text")
        }
    }

    /// A boolean column (SQLite keeps 0 and 1).
    func bool(_ column: String) throws -> Bool {
        switch values[column] {
        case .bool(let value): return value
        case .integer(let value) where value == 0 || value == 1: return value == 1
        default: throw damaged("its \(column) is missing or not a boolean")
        }
    }
}
