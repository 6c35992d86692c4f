/// A problem found in a reference-data file under `Taxonomy/`, located by file and line.
///
/// Rendered compiler-style so editors and CI logs link straight to the row:
/// `Taxonomy/catalogues/gfsp-2025.tsv:12: error: duplicate code '1.1.1' (first defined on line 5)`.
public struct TaxonomyDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// Path of the file, relative to the package root when known.
    public let file: String
    /// 1-based line number; 0 when the problem concerns the whole file.
    public let line: Int
    /// The sentence the reviewer reads.
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line): error: \(message)" : "\(file): error: \(message)"
    }
}

/// Thrown when `Taxonomy/` holds bad data; carries every diagnostic found, not just the first.
public struct TaxonomyDataError: Error, Sendable, CustomStringConvertible {
    /// All problems, in file and line order.
    public let diagnostics: [TaxonomyDiagnostic]

    public var description: String {
        let lines = diagnostics.map(\.description)
        let noun = diagnostics.count == 1 ? "problem" : "problems"
        return (lines + ["\(diagnostics.count) \(noun) in Taxonomy/; nothing was generated."]).joined(
            separator: "\n")
    }
}
