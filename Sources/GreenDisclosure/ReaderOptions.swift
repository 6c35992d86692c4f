/// Settings of one validation pass.
public struct ReaderOptions: Sendable {
    /// Findings stored per rule; all are counted. Protects memory on a badly broken gigabyte file.
    public var storedFindingsPerRule = 1000
    /// Grid emission factor for the `Generation` cross-check (GL-GREEN-009), tCO2/MWh.
    public var gridFactorTonnesPerMWh: Double
    /// Identifier of that factor, named in the finding.
    public var gridFactorID: String
    /// Relative difference above which a declared CO2e is flagged (0.20 = 20 %).
    public var generationTolerance = 0.20
    /// Called with the number of bytes read so far after each chunk (256 KiB), on the parsing thread.
    public var progress: (@Sendable (Int) -> Void)?

    public init(
        storedFindingsPerRule: Int = 1000, gridFactorTonnesPerMWh: Double = 0.3869,
        gridFactorID: String = "mee-avg-south-2022"
    ) {
        self.storedFindingsPerRule = storedFindingsPerRule
        self.gridFactorTonnesPerMWh = gridFactorTonnesPerMWh
        self.gridFactorID = gridFactorID
    }
}
