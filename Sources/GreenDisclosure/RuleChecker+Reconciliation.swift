extension RuleChecker {
    /// When `Loans` is present it is the complete book: its sums must equal the Portfolio to the fen.
    /// Skipped when a balance could not be read: that is already an error, and the sums would mislead.
    func reconcile(_ portfolio: Portfolio, totals: LoanTotals, sink: inout DiagnosticSink) {
        guard totals.unreadableBalances == 0 else { return }
        if totals.overflowed {
            sink.report(Rules.totalMismatch, at: portfolio.location, "the sum of loan balances overflows")
            return
        }
        func compare(_ rule: Rule, _ name: String, _ figure: Portfolio.Figure?, _ sum: Int64, what: String) {
            let found = Money(fen: sum)
            if let figure {
                guard figure.amount.fen != sum else { return }
                let difference = Money(fen: figure.amount.fen - sum)
                sink.report(
                    rule, at: figure.location,
                    "\(name) is \(figure.amount) but the \(what) add up to \(found) (difference \(difference))",
                    hint: "the Loans section must be the complete book behind the Portfolio figures")
            } else if sum != 0 {
                sink.report(
                    rule, at: portfolio.location,
                    "the \(what) add up to \(found) but the Portfolio has no \(name)",
                    hint: "add <\(name)>\(found)</\(name)>")
            }
        }
        compare(
            Rules.totalMismatch, "TotalLoans", portfolio.totalLoans, totals.total,
            what: "balances of all loans")
        compare(
            Rules.greenMismatch, "GreenLoans", portfolio.greenLoans, totals.green,
            what: "balances of green loans")
        compare(
            Rules.segmentMismatch, "TechEnterpriseLoans", portfolio.techEnterpriseLoans,
            totals.techEnterprise,
            what: "balances of tech-enterprise loans")
        compare(
            Rules.segmentMismatch, "InclusiveSmallMicroLoans", portfolio.inclusiveSmallMicroLoans,
            totals.inclusiveSmallMicro, what: "balances of inclusive-small-micro loans")
        compare(
            Rules.segmentMismatch, "ManufacturingMidLongTermLoans", portfolio.manufacturingMidLongTermLoans,
            totals.manufacturingMidLongTerm, what: "balances of manufacturing-mid-long-term loans")
        compare(
            Rules.nplMismatch, "NonPerformingLoans", portfolio.nonPerformingLoans, totals.nonPerforming,
            what: "balances of substandard, doubtful and loss loans")
        for row in portfolio.districts {
            let sums = totals.district(row.code)
            let (total, green) = (sums.total, sums.green)
            if let declared = row.totalLoans, declared.fen != total {
                sink.report(
                    Rules.districtMismatch, at: row.location,
                    "District \(row.code) TotalLoans is \(declared) but its loans add up to \(Money(fen: total))"
                )
            }
            if let declared = row.greenLoans, declared.fen != green {
                sink.report(
                    Rules.districtMismatch, at: row.location,
                    "District \(row.code) GreenLoans is \(declared) but its green loans add up to \(Money(fen: green))"
                )
            }
        }
        for row in portfolio.categories {
            let green = totals.categories[GreenKey(standard: row.standard, code: row.code), default: 0]
            if let declared = row.greenLoans, declared.fen != green {
                sink.report(
                    Rules.categoryMismatch, at: row.location,
                    "Category \(row.standard) \(row.code) GreenLoans is \(declared) but its loans add up to \(Money(fen: green))"
                )
            }
        }
    }
}
