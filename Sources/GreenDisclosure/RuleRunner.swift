/// The checking side of a pass: applies the business rules to the events the parser hands over, keeps
/// the loan totals for reconciliation, and passes each loan on to the caller's consumer.
struct RuleRunner {
    var checker: RuleChecker
    var sink: DiagnosticSink
    var totals = LoanTotals()
    var period: ReportingPeriod?
    var portfolio = Portfolio()
    let onLoan: ((Loan, ReportingPeriod?) -> Void)?

    init(fileName: String, options: ReaderOptions, onLoan: ((Loan, ReportingPeriod?) -> Void)?) {
        checker = RuleChecker(options: options)
        sink = DiagnosticSink(file: fileName, storedPerRule: options.storedFindingsPerRule)
        self.onLoan = onLoan
    }

    mutating func handle(_ event: ReaderEvent) {
        switch event {
        case .header(let header, let lender, let preparedOn):
            period = header.period
            checker.checkHeader(header, lenderAt: lender, preparedOnAt: preparedOn, sink: &sink)
        case .portfolio(let declared):
            portfolio = declared
            checker.checkPortfolio(declared, sink: &sink)
        case .loan(let loan, let fields):
            checker.checkLoan(loan, fields: fields, period: period, sink: &sink)
            totals.add(loan)
            onLoan?(loan, period)
        case .end(let hasLoans):
            if hasLoans { checker.reconcile(portfolio, totals: totals, sink: &sink) }
        }
    }
}
