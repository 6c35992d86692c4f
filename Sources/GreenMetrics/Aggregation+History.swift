import GreenDisclosure

/// One stored filing's balances as a period's green share needs them (from a store's typed columns, so the
/// trend over many quarters is computed without decoding any filing's figures).
public struct StoredBalance: Sendable {
    public let lenderUSCC: String
    public let period: String
    public let revision: Int
    /// Total loans, in fen.
    public let totalFen: Int64
    /// Green loans, in fen; nil when the filing does not declare them.
    public let greenFen: Int64?
    /// The district's total and green loans, in fen, when a district was asked for and the filing has it.
    public let district: (totalFen: Int64, greenFen: Int64)?

    public init(
        lenderUSCC: String, period: String, revision: Int, totalFen: Int64, greenFen: Int64?,
        district: (totalFen: Int64, greenFen: Int64)?
    ) {
        self.lenderUSCC = lenderUSCC
        self.period = period
        self.revision = revision
        self.totalFen = totalFen
        self.greenFen = greenFen
        self.district = district
    }
}

extension Aggregator {
    /// The green share of each period among `balances` — stored, accepted filings with distinct content and
    /// one filing per lender, period and revision, as a filing history keeps them — exactly as
    /// ``aggregate(_:unreadable:period:district:targets:grid:)`` computes it for that period: per lender the
    /// highest revision counts; Σ green ÷ Σ total over the lenders declaring green loans (for a district, over
    /// the lenders with a District row for it).
    public static func greenShares(_ balances: [StoredBalance], district: String?) -> [String: IndicatorShare]
    {
        var top: [String: [String: StoredBalance]] = [:]
        for balance in balances {
            if let kept = top[balance.period]?[balance.lenderUSCC], kept.revision >= balance.revision {
                continue
            }
            top[balance.period, default: [:]][balance.lenderUSCC] = balance
        }
        var shares: [String: IndicatorShare] = [:]
        for (period, lenders) in top {
            let books = lenders.values.map { balance -> LoanBook in
                var book = LoanBook()
                if district != nil {
                    guard let row = balance.district else { return book }
                    book.total = MoneyTotal(fen: Int128(row.totalFen))
                    book.numerators[.green] = MoneyTotal(fen: Int128(row.greenFen))
                    book.declared = [.green]
                } else {
                    book.total = MoneyTotal(fen: Int128(balance.totalFen))
                    if let green = balance.greenFen {
                        book.numerators[.green] = MoneyTotal(fen: Int128(green))
                        book.declared = [.green]
                    }
                }
                return book
            }
            shares[period] = Self.shares(of: books).first { $0.share.indicator == .green }?.share
        }
        return shares
    }
}
