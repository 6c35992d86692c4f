#!/usr/bin/env python3
"""Writes a large synthetic disclosure filing (format v1) that reconciles exactly and passes every rule.

    python3 Benchmarks/generate-filing.py OUT.xml SIZE_MB

Loans are written to a temporary body first so that the Portfolio (which precedes Loans) can state their
exact sums. Deterministic for a given size.
"""
import os
import random
import shutil
import sys
import tempfile

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [pow(3, i, 31) for i in range(17)]
DISTRICTS = ["440303", "440304", "440305", "440306", "440307", "440308", "440309", "440310", "440311"]


def uscc(rng):
    body = "91440300" + "".join(rng.choice(ALPHABET) for _ in range(9))
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS))
    return body + ALPHABET[(31 - total % 31) % 31]


def money(fen):
    return "%d.%02d" % (fen // 100, fen % 100)


def main():
    out, size_mb = sys.argv[1], int(sys.argv[2])
    # --lender N makes a distinct lender (its own USCC and loan ids), for roll-up benchmarks.
    lender = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--lender" else 0
    target = size_mb * 1024 * 1024
    rng = random.Random(size_mb * 1000 + lender)
    borrowers = [(uscc(rng), "深圳市示例%s科技有限公司%03d" % (rng.choice("甲乙丙丁戊己庚辛"), i)) for i in range(5000)]
    greens = [
        ("gfsp-2025", "4.2.2", "D4416", '<Activity><Generation technology="solar-pv" capacityMW="20" annualMWh="21500"/></Activity>',
         "<Benefits><CO2e>17471.55</CO2e><StandardCoal>6568.3</StandardCoal></Benefits>", True),  # CBRC guideline: 21500 MWh × 0.3055 × 2.66
        ("gfsp-2025", "1.3.1", "E4861", '<Activity><EnergySaving annualTce="1200.5" annualMWhSaved="800"/></Activity>',
         "<Benefits><CO2e>3193.33</CO2e><StandardCoal>1200.5</StandardCoal></Benefits>", True),  # tce includes the electricity: 1200.5 × 2.66
        ("gfsp-2025", "6.1.1", "K7010", '<Activity><Building floorAreaM2="52000" annualMWhSaved="640.5" rating="three-star"/></Activity>',
         "<Benefits><CO2e>520.49</CO2e></Benefits>", False),  # 640.5 MWh × 0.3055 × 2.66
        ("gfsp-2025", "2.2.1", "E4862", "", "<Benefits><SO2>120.5</SO2><NOx>88.1</NOx></Benefits>", False),
    ]
    totals = {"total": 0, "green": 0, "tech": 0, "inclusive": 0, "manufacturing": 0, "npl": 0}
    districts = {d: [0, 0] for d in DISTRICTS}
    categories = {}
    body = tempfile.NamedTemporaryFile("w", encoding="utf-8", delete=False, dir=os.path.dirname(os.path.abspath(out)))
    written = 0
    n = 0
    buffer = []
    while written < target - 4096:
        n += 1
        b_uscc, b_name = borrowers[n % len(borrowers)]
        district = DISTRICTS[n % 9]
        balance = rng.randint(10_000_00, 90_000_000_00)
        originated = "2025-%02d-%02d" % (10 + n % 3, 1 + n % 28)
        cls = "substandard" if n % 97 == 0 else ("special-mention" if n % 31 == 0 else "normal")
        segs = []
        if n % 3 == 0: segs.append("inclusive-small-micro")
        if n % 5 == 0: segs.append("tech-enterprise")
        if n % 7 == 0: segs.append("manufacturing-mid-long-term")
        lines = ['    <Loan id="LN-%03d-%09d">' % (lender, n),
                 '      <Borrower uscc="%s" district="%s" industry="C3911" size="%s">%s</Borrower>' % (b_uscc, district, "small" if n % 2 else "medium", b_name),
                 "      <Balance>%s</Balance>" % money(balance),
                 "      <Originated>%s</Originated>" % originated,
                 "      <Maturity>2035-%s</Maturity>" % originated[5:],
                 "      <Classification>%s</Classification>" % cls]
        if segs:
            lines.append("      <Segments>%s</Segments>" % " ".join(segs))
        totals["total"] += balance
        districts[district][0] += balance
        if n % 10 < 3:
            edition, code, industry, activity, benefits, cf = greens[n % len(greens)]
            lines[1] = lines[1].replace('industry="C3911"', 'industry="%s"' % industry)
            lines.append('      <Green standard="%s" code="%s"%s>' % (edition, code, ' carbonFacility="true"' if cf else ""))
            lines.append('        <Project name="示例项目%d" totalInvestment="%s" eiaRequired="false" evaluation="not-required"/>' % (n, money(balance * 3)))
            if activity: lines.append("        " + activity)
            lines.append("        " + benefits)
            lines.append("      </Green>")
            totals["green"] += balance
            districts[district][1] += balance
            key = (edition, code.split(".")[0])
            categories[key] = categories.get(key, 0) + balance
        if n % 4 == 0:
            lines.append('      <Emissions year="2025" scope1="%d.5" scope2="%d.0" quality="%d" basis="equity-debt" denominator="%s"/>'
                         % (n % 5000, n % 3000, 1 + n % 5, money(balance * 5)))
        lines.append("    </Loan>")
        if "tech-enterprise" in segs: totals["tech"] += balance
        if "inclusive-small-micro" in segs: totals["inclusive"] += balance
        if "manufacturing-mid-long-term" in segs: totals["manufacturing"] += balance
        if cls == "substandard": totals["npl"] += balance
        text = "\n".join(lines) + "\n"
        written += len(text.encode("utf-8"))
        buffer.append(text)
        if len(buffer) >= 2000:
            body.write("".join(buffer))
            buffer = []
    body.write("".join(buffer))
    body.close()
    with open(out, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<Disclosure xmlns="urn:greenledger:disclosure:1" version="1.0">\n')
        f.write('  <Header>\n    <Lender uscc="%s" kind="bank">\n      <Name lang="zh">示例基准测试银行股份有限公司</Name>\n    </Lender>\n'
                "    <Period>2026-Q3</Period>\n    <Revision>1</Revision>\n    <PreparedOn>2026-10-12</PreparedOn>\n  </Header>\n" % uscc(rng))
        f.write("  <Portfolio>\n")
        for key, tag in [("total", "TotalLoans"), ("green", "GreenLoans"), ("tech", "TechEnterpriseLoans"),
                         ("inclusive", "InclusiveSmallMicroLoans"), ("manufacturing", "ManufacturingMidLongTermLoans"),
                         ("npl", "NonPerformingLoans")]:
            f.write("    <%s>%s</%s>\n" % (tag, money(totals[key]), tag))
        for d in DISTRICTS:
            f.write('    <District code="%s"><TotalLoans>%s</TotalLoans><GreenLoans>%s</GreenLoans></District>\n'
                    % (d, money(districts[d][0]), money(districts[d][1])))
        for (edition, code), value in sorted(categories.items()):
            f.write('    <Category standard="%s" code="%s"><GreenLoans>%s</GreenLoans></Category>\n' % (edition, code, money(value)))
        f.write("  </Portfolio>\n  <Loans>\n")
        with open(body.name, encoding="utf-8") as b:
            shutil.copyfileobj(b, f, 1 << 20)
        f.write("  </Loans>\n</Disclosure>\n")
    os.unlink(body.name)
    print("%s: %d loans, %.1f MB" % (out, n, os.path.getsize(out) / 1e6), file=sys.stderr)


if __name__ == "__main__":
    main()
