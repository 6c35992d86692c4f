import Foundation

/// Filings with the largest figures the schema allows, written to a temporary directory for end-to-end tests.
enum HugeFilings {
    /// 16 integer digits, the most the XSD allows: 999,999,999,999,999,999 fen, about 10.8 % of Int64.max fen.
    static let maximalYuan = "9999999999999999.99"
    static let maximalFen: Int128 = 999_999_999_999_999_999

    /// A valid USCC for lender number `number`: GB 32100-2015 §5, check value 31 − (Σ value × 3^i mod 31).
    static func uscc(_ number: Int) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let digits = String(number)
        let body = "914403" + String(repeating: "0", count: 11 - digits.count) + digits
        var sum = 0
        var weight = 1
        for character in body {
            sum += (alphabet.firstIndex(of: character) ?? 0) * weight
            weight = weight * 3 % 31
        }
        return body + String(alphabet[(31 - sum % 31) % 31])
    }

    /// Exact yuan of `fen` (independent of the code under test: plain integer arithmetic).
    static func yuan(_ fen: Int128) -> String {
        let cents = fen % 100
        return "\(fen / 100)." + (cents < 10 ? "0" : "") + "\(cents)"
    }

    /// One loan; green ones finance the sample's solar project (21,500 MWh, 8,318.35 tCO2e declared).
    static func loan(_ index: Int, balance: String, green: Bool) -> String {
        let id = String(format: "HUGE-%06d", index)
        var xml = """
                <Loan id="\(id)">
                  <Borrower uscc="914403005774Q28PCX" district="440307" industry="D4416" size="micro">深圳市龙岗新材料技术有限公司</Borrower>
                  <Balance>\(balance)</Balance>
                  <Originated>2025-11-03</Originated>
                  <Maturity>2035-11-03</Maturity>
                  <Classification>normal</Classification>

            """
        if green {
            xml += """
                      <Green standard="gfsp-2025" code="4.2.2" carbonFacility="false">
                        <Project name="龙岗屋顶分布式光伏项目" totalInvestment="\(balance)" eiaRequired="false" evaluation="not-required"/>
                        <Activity><Generation technology="solar-pv" capacityMW="20" annualMWh="21500"/></Activity>
                        <Benefits><CO2e>8318.35</CO2e></Benefits>
                      </Green>
                      <Emissions year="2025" scope1="18550.7" scope2="24964.6" quality="2" basis="equity-debt" denominator="\(balance)"/>

                """
        } else {
            xml += """
                      <Emissions year="2025" scope1="18550.7" scope2="24964.6" quality="1" basis="equity-debt" denominator="\(balance)"/>

                """
        }
        return xml + "    </Loan>\n"
    }

    /// A filing by lender `lender` whose loans are `loans` loans of `balance` yuan each (all green or none),
    /// declaring `total` as its TotalLoans (and GreenLoans, District and Category rows to match when green).
    /// `heatTce` adds an Operations section with that purchased heat.
    static func filing(
        lender: Int, revision: Int = 1, loans: Int, balance: String = maximalYuan,
        total: String = maximalYuan,
        green: Bool = true, heatTce: String? = nil, note: String = ""
    ) -> String {
        let greenTotal = green ? total : "0.00"
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Disclosure xmlns="urn:greenledger:disclosure:1" version="1.0">
              <Header>
                <Lender uscc="\(uscc(lender))" kind="microcredit">
                  <Name lang="zh">深圳巨额测试小额贷款有限公司\(lender)\(note)</Name>
                </Lender>
                <Period>2026-Q3</Period>
                <Revision>\(revision)</Revision>
                <PreparedOn>2026-10-11</PreparedOn>
                <Currency>CNY</Currency>
              </Header>
              <Portfolio>
                <TotalLoans>\(total)</TotalLoans>
                <GreenLoans>\(greenTotal)</GreenLoans>
                <NonPerformingLoans>0.00</NonPerformingLoans>
                <District code="440307"><TotalLoans>\(total)</TotalLoans><GreenLoans>\(greenTotal)</GreenLoans></District>

            """
        if green {
            xml +=
                "    <Category standard=\"gfsp-2025\" code=\"4\"><GreenLoans>\(total)</GreenLoans></Category>\n"
        }
        xml += "  </Portfolio>\n  <Loans>\n"
        for index in 1...loans { xml += loan(index, balance: balance, green: green) }
        xml += "  </Loans>\n"
        if let heatTce {
            xml +=
                "  <Operations year=\"2025\" employees=\"10\">\n    <PurchasedHeat>\(heatTce)</PurchasedHeat>\n  </Operations>\n"
        }
        return xml + "</Disclosure>\n"
    }

    /// A fresh temporary directory.
    static func directory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `directory/name` and returns its path.
    @discardableResult
    static func write(_ text: String, to directory: URL, as name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
