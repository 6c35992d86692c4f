/// Running sums of loan balances in fen, for reconciliation against the Portfolio. Overflow-checked.
struct LoanTotals {
    var total: Int64 = 0
    var green: Int64 = 0
    var techEnterprise: Int64 = 0
    var inclusiveSmallMicro: Int64 = 0
    var manufacturingMidLongTerm: Int64 = 0
    var nonPerforming: Int64 = 0
    var districtTotal: [String: Int64] = [:]
    var districtGreen: [String: Int64] = [:]
    /// Green balance by `edition|level-1 code`.
    var categoryGreen: [String: Int64] = [:]
    var overflowed = false
    /// Loans whose balance could not be read (already reported); reconciliation is skipped when any.
    var unreadableBalances = 0

    mutating func add(_ loan: Loan) {
        guard let fen = loan.balance?.fen else {
            unreadableBalances += 1
            return
        }
        func add(_ value: inout Int64) {
            let (sum, overflow) = value.addingReportingOverflow(fen)
            value = sum
            if overflow { overflowed = true }
        }
        add(&total)
        add(&districtTotal[loan.district, default: 0])
        if loan.segments.contains(.techEnterprise) { add(&techEnterprise) }
        if loan.segments.contains(.inclusiveSmallMicro) { add(&inclusiveSmallMicro) }
        if loan.segments.contains(.manufacturingMidLongTerm) { add(&manufacturingMidLongTerm) }
        if loan.classification?.isNonPerforming == true { add(&nonPerforming) }
        if let green = loan.green {
            add(&self.green)
            add(&districtGreen[loan.district, default: 0])
            let top = green.code.prefix(while: { $0 != "." })
            add(&categoryGreen["\(green.standard)|\(top)", default: 0])
        }
    }
}
