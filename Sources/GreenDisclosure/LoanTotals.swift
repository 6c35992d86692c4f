/// Running sums of loan balances in fen, for reconciliation against the Portfolio. Overflow-checked.
struct LoanTotals {
    /// Sums for one district (or one category).
    struct Row {
        let key: String
        var total: Int64 = 0
        var green: Int64 = 0
    }

    var total: Int64 = 0
    var green: Int64 = 0
    var techEnterprise: Int64 = 0
    var inclusiveSmallMicro: Int64 = 0
    var manufacturingMidLongTerm: Int64 = 0
    var nonPerforming: Int64 = 0
    /// By district code; a handful of rows, so a linear search beats hashing.
    var districts: [Row] = []
    /// Green balance by `edition` and level-1 code.
    var categories: [GreenKey: Int64] = [:]
    var overflowed = false
    /// Loans whose balance could not be read (already reported); reconciliation is skipped when any.
    var unreadableBalances = 0

    /// Rows beyond this many distinct districts are not tracked (a filing has at most a dozen).
    static let maximumDistricts = 64

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
        if loan.segments.contains(.techEnterprise) { add(&techEnterprise) }
        if loan.segments.contains(.inclusiveSmallMicro) { add(&inclusiveSmallMicro) }
        if loan.segments.contains(.manufacturingMidLongTerm) { add(&manufacturingMidLongTerm) }
        if loan.classification?.isNonPerforming == true { add(&nonPerforming) }
        var row = districts.firstIndex { $0.key == loan.district }
        if row == nil && districts.count < Self.maximumDistricts {
            districts.append(Row(key: loan.district))
            row = districts.count - 1
        }
        if let row { add(&districts[row].total) }
        if let green = loan.green {
            add(&self.green)
            if let row { add(&districts[row].green) }
            let top = String(green.code.prefix(while: { $0 != "." }))
            add(&categories[GreenKey(standard: green.standard, code: top), default: 0])
        }
    }

    func district(_ code: String) -> Row { districts.first { $0.key == code } ?? Row(key: code) }
}
