import GreenTaxonomy

/// What the taxonomy says about a loan's `standard` and `code`, cached per distinct pair.
enum GreenCodeStatus {
    case leaf(TaxonomyItem)
    case notLeaf(TaxonomyItem)
    case unverifiable(String)
    case unknownEdition(String)
    case unknownCode(String)
}

extension RuleChecker {
    mutating func checkLoan(
        _ loan: Loan, fields: LoanFieldLocations, period: ReportingPeriod?, sink: inout DiagnosticSink
    ) {
        let id = loan.id
        if !seenLoanIDs.insert(id) {
            sink.report(
                Rules.duplicateLoanID, at: loan.location,
                "loan id '\(id)' appears more than once in the file",
                hint: "each loan is listed once; merge or renumber the duplicates", loanID: id)
        }
        if let problem = USCC.problem(loan.borrowerUSCC) {
            sink.report(
                Rules.borrowerUSCC, at: fields.borrower,
                "borrower USCC '\(loan.borrowerUSCC)' is invalid: \(problem)",
                hint: "copy the code from the borrower's business licence", loanID: id)
        }
        if !loan.district.isEmpty && loan.district != "other" && !districtCodes.contains(loan.district) {
            sink.report(
                Rules.borrowerDistrict, at: fields.borrower,
                "district '\(loan.district)' is not a Shenzhen district",
                hint: "use one of \(districtCodes.joined(separator: ", ")) or 'other'", loanID: id)
        }
        if !Self.isIndustryCode(loan.industry) {
            sink.report(
                Rules.industryCode, at: fields.borrower,
                "industry code '\(loan.industry)' is not a GB/T 4754-2017 code",
                hint: "a section letter A–T and 2 to 4 digits, e.g. D4416", loanID: id)
        }
        if let originated = loan.originated, let period, originated > period.lastDay {
            sink.report(
                Rules.originatedAfterPeriod, at: fields.originated,
                "loan originated \(originated), after the end of period \(period) (\(period.lastDay))",
                hint: "report the loan in the period it was originated in", loanID: id)
        }
        if let originated = loan.originated, let maturity = loan.maturity, maturity < originated {
            sink.report(
                Rules.maturityBeforeOrigination, at: fields.maturity,
                "maturity \(maturity) is before origination \(originated)", loanID: id)
        }
        if let period, let classification = loan.classification, let maturity = loan.maturity,
            loan.isOverdueButPerforming(periodEnd: period.lastDay),
            let days = loan.daysPastMaturity(at: period.lastDay)
        {
            sink.report(
                Rules.overdueButPerforming, at: fields.maturity,
                "loan '\(id)' is \(days) days past its maturity \(maturity) at the end of period \(period) "
                    + "(\(period.lastDay)) and still classified \(classification.rawValue)",
                hint:
                    "more than \(Loan.performingOverdueLimitDays) days overdue is at least substandard: "
                    + "reclassify it as substandard, doubtful or loss, or correct the maturity (for a rolled-over "
                    + "or extended loan, the new maturity)",
                loanID: id)
        }
        if let green = loan.green { checkGreen(green, loan: loan, fields: fields, sink: &sink) }
    }

    /// `D4416`: a section letter A–T, optionally 2 to 4 digits.
    static func isIndustryCode(_ code: String) -> Bool {
        var count = 0
        for byte in code.utf8 {
            if count == 0 {
                guard byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "T") else { return false }
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return false }
            }
            count += 1
        }
        return count == 1 || (3...5).contains(count)
    }

    mutating func status(of green: GreenDetail) -> GreenCodeStatus {
        let key = GreenKey(standard: green.standard, code: green.code)
        if let cached = greenCodeCache[key] { return cached }
        let status: GreenCodeStatus
        do {
            let catalogue = try taxonomy.catalogue(green.standard)
            if let warning = catalogue.incompletenessWarning, let code = CatalogueCode(green.code),
                catalogue.item(code.topLevel) != nil, code.level > 1
            {
                status = .unverifiable(warning)
            } else {
                let item = try taxonomy.item(edition: green.standard, code: green.code)
                status = catalogue.isLeaf(item.code) ? .leaf(item) : .notLeaf(item)
            }
        } catch let error as TaxonomyError {
            status =
                error.kind == .unknownEdition
                ? .unknownEdition(error.description) : .unknownCode(error.description)
        } catch {
            status = .unknownCode("\(error)")
        }
        greenCodeCache[key] = status
        return status
    }

    mutating func checkGreen(
        _ green: GreenDetail, loan: Loan, fields: LoanFieldLocations, sink: inout DiagnosticSink
    ) {
        let id = loan.id
        switch status(of: green) {
        case .unknownEdition(let message):
            sink.report(Rules.unknownEdition, at: green.location, message, loanID: id)
            return  // the edition-dependent rules cannot be evaluated
        case .unknownCode(let message):
            sink.report(
                Rules.unknownGreenCode, at: green.location, message,
                hint: "run 'greenledger taxonomy search' to find the right code", loanID: id)
        case .notLeaf(let item):
            sink.report(
                Rules.notLevel3, at: green.location,
                "\(green.standard) \(item.code) \(item.nameZh) is a level-\(item.level) group, not an item",
                hint:
                    "classify under one of its level-3 items: 'greenledger taxonomy list \(green.standard) --under \(item.code)'",
                loanID: id)
        case .unverifiable(let warning):
            sink.report(
                Rules.unverifiableEdition, at: green.location, "\(green.standard) \(green.code): \(warning)",
                loanID: id)
        case .leaf:
            break
        }
        if let originated = loan.originated, let currentFrom, originated >= currentFrom,
            green.standard != currentEdition.rawValue
        {
            let counterpart =
                (try? taxonomy.map(code: green.code, from: green.standard, to: currentEdition.rawValue))?
                .matches.first
            sink.report(
                Rules.olderEdition, at: green.location,
                "loan originated \(originated) is classified under \(green.standard), not \(currentEdition)",
                hint: counterpart.map {
                    "the derived crosswalk suggests \(currentEdition) \($0.item.code) \($0.item.nameZh) (\($0.entry.matchKind.rawValue))"
                } ?? "classify it under \(currentEdition)", loanID: id)
        }
        if green.carbonFacility {
            let top = String(green.code.prefix(while: { $0 != "." }))
            if eligible[GreenKey(standard: green.standard, code: top)] == nil {
                let areas = taxonomy.carbonFacilityCategories.filter { $0.edition.rawValue == green.standard }
                    .map { "\($0.code) (\($0.area))" }
                sink.report(
                    Rules.carbonFacility, at: green.location,
                    "carbonFacility=\"true\" on \(green.standard) \(green.code), outside the facility's eligible areas",
                    hint: areas.isEmpty
                        ? "no category of \(green.standard) is eligible"
                        : "eligible level-1 categories of \(green.standard) [D]: \(areas.joined(separator: "; "))",
                    loanID: id)
            }
        }
        checkEvaluation(green, loan: loan, fields: fields, sink: &sink)
        checkBenefits(green, loan: loan, fields: fields, sink: &sink)
    }

    func checkEvaluation(
        _ green: GreenDetail, loan: Loan, fields: LoanFieldLocations, sink: inout DiagnosticSink
    ) {
        guard let project = green.project, project.evaluation == "not-required" else { return }
        var reasons: [String] = []
        if let investment = project.totalInvestment, investment.fen >= Self.evaluationInvestmentFen,
            project.eiaRequired == true
        {
            reasons.append("total investment \(investment) yuan ≥ 50000000.00 with an EIA required")
        }
        if let emissions = loan.emissions, emissions.basis == "project" {
            let annual = (emissions.scope1Tonnes ?? 0) + (emissions.scope2Tonnes ?? 0)
            if annual >= Self.evaluationEmissionsTonnes {
                reasons.append("project emissions \(DecimalText.tonnes(annual)) tCO2e a year ≥ 3,000")
            }
        }
        guard !reasons.isEmpty else { return }
        sink.report(
            Rules.investmentEvaluation, at: fields.project,
            "project '\(project.name)' needs a green investment evaluation: \(reasons.joined(separator: "; "))",
            hint: "set evaluation=\"done\" or \"pending\"", loanID: loan.id)
    }

    func checkBenefits(
        _ green: GreenDetail, loan: Loan, fields: LoanFieldLocations, sink: inout DiagnosticSink
    ) {
        guard let benefits = green.benefits, !benefits.isEmpty else {
            sink.report(
                Rules.noBenefits, at: green.location,
                "green loan '\(loan.id)' declares no environmental benefits",
                hint: "add <Benefits> (CO2e, StandardCoal, …) or explain why none can be measured",
                loanID: loan.id)
            return
        }
        guard case .generation(_, _, let mwh?) = green.activity, let declared = benefits.co2eTonnes, mwh > 0
        else { return }
        let check = options.generationCheck
        let estimate = mwh * check.tonnesPerMWh
        guard estimate > 0 else { return }  // a zero factor gives nothing to compare with
        let difference = abs(declared - estimate) / estimate
        if difference > options.generationTolerance {
            sink.report(
                Rules.generationMismatch, at: fields.co2e,
                "declared \(DecimalText.tonnes(declared)) tCO2e differs by \(DecimalText.percent(difference)) from "
                    + "GreenLedger's estimate \(DecimalText.tonnes(mwh)) MWh \(check.method) = "
                    + "\(DecimalText.tonnes(estimate)) tCO2e",
                hint:
                    "a screening note, not a regulatory limit: GreenLedger flags differences above 20 %; check the "
                    + "declared CO2e, or state the method and factors the project used",
                loanID: loan.id)
        }
    }
}
