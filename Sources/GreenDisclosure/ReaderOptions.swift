import GreenTaxonomy

/// Settings of one validation pass.
public struct ReaderOptions: Sendable {
    /// Findings stored per rule; all are counted. Protects memory on a badly broken gigabyte file.
    public var storedFindingsPerRule = 1000
    /// The estimate a declared `Generation` CO2e is compared with (GL-GREEN-009); named in findings.
    public var generationCheck: GenerationCheck
    /// Relative difference above which a declared CO2e gets a note (0.20 = 20 %): GreenLedger's screening
    /// threshold — no regulatory tolerance was found.
    public var generationTolerance = 0.20
    /// Compute the SHA-256 of the bytes read (for provenance); off by default to keep `validate` lean.
    public var computeSHA256 = false
    /// Called with the number of bytes read so far after each chunk (256 KiB), on the parsing thread.
    public var progress: (@Sendable (Int) -> Void)?
    /// Parse on a worker thread while the rules run on the calling thread (the default: fastest for one
    /// large file). `false` runs both on the calling thread: for many small filings at once (each already
    /// on a thread of its own) and for fuzzing.
    public var pipelined = true
    /// Which XSD engine checks the format-v1 schema: the one compiled into the reader from
    /// `Schemas/disclosure-v1.xsd` (the default), or libxml2's generic XSD engine plugged into the same
    /// stream (`validate --xsd-engine libxml2`), kept as a cross-check.
    public var xsdEngine = XSDEngine.compiled

    /// Defaults: 1000 findings stored per rule; generation compared with the CBRC guideline's estimate from
    /// the reference data (``GenerationCheck/standard``).
    public init(storedFindingsPerRule: Int = 1000, generationCheck: GenerationCheck = .standard) {
        self.storedFindingsPerRule = storedFindingsPerRule
        self.generationCheck = generationCheck
    }
}

/// The engine that checks a filing against the format-v1 XSD.
public enum XSDEngine: String, Sendable, CaseIterable, Codable {
    /// The XSD compiled into the reader's own element state machine (generated tables; libxml2 parses only).
    case compiled
    /// libxml2's XSD engine plugged into the SAX stream: slower; a cross-check of the compiled one.
    case libxml2
}
