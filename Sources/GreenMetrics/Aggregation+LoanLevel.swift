import GreenDisclosure

extension AggregateReport {
    /// Sums the figures only loan-level data gives — the seven benefits, the carbon effect split and credit
    /// risk — over the included filings that have them. For one district, benefits are that district's rows
    /// (borrowers in it); the carbon effect and credit risk are not filed per district and are left empty.
    mutating func addLoanLevelFigures(_ included: [FilingFigures], district: String?) {
        var baselines = Set<String>()
        for filing in included {
            if filing.hasLoans && filing.baseline == nil { loanLevelNotRecorded += 1 }
            if filing.hasLoans && filing.avoided.greenLoans > 0 && district == nil {
                baselines.insert(
                    filing.baseline
                        ?? "average (\(filing.gridFactorID), EnergySaving tce and MWh added: stored by an earlier "
                        + "GreenLedger)")
            }
            if let breakdown = filing.benefits {
                benefitsFrom += 1
                if let district {
                    var scoped = BenefitBreakdown()
                    if let rows = breakdown.districts[district] {
                        scoped.total = rows
                        scoped.districts[district] = rows
                    }
                    benefits.merge(scoped)
                } else {
                    benefits.merge(breakdown)
                }
            }
            guard district == nil else { continue }
            if let split = filing.carbonEffect { carbonEffect.merge(split) }
            if let risk = filing.creditRisk {
                creditRisk.merge(risk)
                creditRiskFrom += 1
            }
        }
        self.baselines = baselines.sorted()
    }
}
