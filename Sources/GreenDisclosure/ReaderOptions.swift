import GreenTaxonomy

/// Settings of one validation pass.
public struct ReaderOptions: Sendable {
    /// Findings stored per rule; all are counted. Protects memory on a badly broken gigabyte file.
    public var storedFindingsPerRule = 1000
    /// Grid emission factor for the `Generation` cross-check (GL-GREEN-009), in tCO2/MWh; named in findings.
    public var gridFactor: EmissionFactor
    /// Relative difference above which a declared CO2e is flagged (0.20 = 20 %).
    public var generationTolerance = 0.20
    /// Compute the SHA-256 of the bytes read (for provenance); off by default to keep `validate` lean.
    public var computeSHA256 = false
    /// Called with the number of bytes read so far after each chunk (256 KiB), on the parsing thread.
    public var progress: (@Sendable (Int) -> Void)?
    /// Parse on a worker thread while the rules run on the calling thread (the default: fastest for one
    /// large file). `false` runs both on the calling thread: for many small filings at once (each already
    /// on a thread of its own) and for fuzzing.
    public var pipelined = true

    /// Defaults: 1000 findings stored per rule; the default grid factor of `Taxonomy/emission-factors.tsv`
    /// (the Southern-region 2022 average).
    public init(
        storedFindingsPerRule: Int = 1000, gridFactor: EmissionFactor = Taxonomy.standard.defaultGridFactor
    ) {
        self.storedFindingsPerRule = storedFindingsPerRule
        self.gridFactor = gridFactor
    }
}
