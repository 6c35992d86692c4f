#!/usr/bin/env python3
"""Writes Samples/: a realistic 2026-Q3 quarter of disclosure filings (format v1) from seven fictional
Shenzhen lenders, and Samples/invalid/: one small filing per rule, each breaking just that rule.

Deterministic (fixed seed): run it again and the files are byte-identical. Catalogue codes and industry
classes come from Taxonomy/; the grid factor used for declared CO2e is the Southern-grid 2022 average,
0.3869 tCO2/MWh (shared/domain/reference.md §7.1 [V]). Lender and borrower names are fictional.

    python3 scripts/make-samples.py
"""
import copy
import os
import random
from decimal import Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Samples")
# Declared benefits follow the CBRC guideline (Docs/methodology.md): electricity × thermal-power supply coal
# consumption (305.5 gce/kWh, 2020 [P]) = tce saved, × 2.66 tCO2/tce (raw coal [D]).
SUPPLY_COAL = Decimal("0.3055")  # tce per MWh
COAL_CO2 = Decimal("2.66")  # tCO2 per tce
# tCO2 per tce of the fuels an EnergySaving names (@fuel, Docs/format-extensions.md): kgCO2 ÷ kgce per unit.
FUEL_CO2 = {None: COAL_CO2, "raw-coal": COAL_CO2, "natural-gas": Decimal("1.6257"), "diesel": Decimal("2.1247")}
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [pow(3, i, 31) for i in range(17)]
DISTRICTS = ["440303", "440304", "440305", "440306", "440307", "440308", "440309", "440310", "440311"]
# GB/T 4754-2017 sections by division (first two digits), used to write industry codes as filed (D4416).
SECTIONS = [("A", 1, 5), ("B", 6, 12), ("C", 13, 43), ("D", 44, 46), ("E", 47, 50), ("F", 51, 52),
            ("G", 53, 60), ("H", 61, 62), ("I", 63, 65), ("J", 66, 69), ("K", 70, 70), ("L", 71, 72),
            ("M", 73, 75), ("N", 76, 79), ("O", 80, 82), ("P", 83, 83), ("Q", 84, 85), ("R", 86, 90),
            ("S", 91, 96), ("T", 97, 97)]


def industry(code4):
    division = int(code4[:2])
    letter = next(s for s, lo, hi in SECTIONS if lo <= division <= hi)
    return letter + code4


def uscc(rng, region="440300"):
    body = "91" + region + "".join(rng.choice(ALPHABET) for _ in range(9))
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS))
    return body + ALPHABET[(31 - total % 31) % 31]


def catalogue(edition):
    items = {}
    with open(os.path.join(ROOT, "Taxonomy", "catalogues", edition + ".tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            items[cols[0]] = cols[3]
    return items


GFSP = catalogue("gfsp-2025")
GICC = catalogue("gicc-2019")

# (edition, code, borrower industry class, activity kind, carbon-facility eligible, project size range in yuan)
GREEN = [
    ("gfsp-2025", "4.2.2", "4416", "solar", True, (8_000_000, 120_000_000)),
    ("gfsp-2025", "4.2.1", "4415", "wind", True, (60_000_000, 400_000_000)),
    ("gfsp-2025", "4.3.2", "4419", "declared", True, (20_000_000, 150_000_000)),
    ("gfsp-2025", "1.3.1", "4861", "saving", True, (3_000_000, 40_000_000)),
    ("gfsp-2025", "6.1.1", "7010", "building", False, (50_000_000, 600_000_000)),
    ("gfsp-2025", "6.2.3", "4851", "declared", False, (2_000_000, 30_000_000)),
    ("gfsp-2025", "2.2.1", "4862", "pollution", False, (5_000_000, 60_000_000)),
    ("gfsp-2025", "1.2.1", "3841", "declared", True, (30_000_000, 300_000_000)),
    ("gicc-2019", "3.2.2", "4416", "solar", True, (8_000_000, 120_000_000)),
    ("gicc-2019", "3.2.1", "4415", "wind", True, (60_000_000, 400_000_000)),
    ("gicc-2019", "5.1.2", "7010", "building", False, (50_000_000, 600_000_000)),
    ("gicc-2019", "5.2.5", "4851", "declared", False, (2_000_000, 30_000_000)),
    ("gicc-2019", "1.1.8", "3812", "saving", True, (10_000_000, 80_000_000)),
]
# Non-green borrower industries (classes listed in the catalogues; GB/T 4754-2017).
OTHER_INDUSTRIES = ["3911", "3464", "3851", "6513", "6531", "5443", "7020", "3620", "3471", "7484", "6540", "3975"]
COMPANY_WORDS = ["科技", "实业", "电子", "智能", "新材料", "物流", "建设", "能源", "环保", "精密", "数据", "医疗器械"]
PLACES = {"440303": "罗湖", "440304": "福田", "440305": "南山", "440306": "宝安", "440307": "龙岗",
          "440308": "盐田", "440309": "龙华", "440310": "坪山", "440311": "光明"}


def money(fen):
    return "%d.%02d" % (fen // 100, fen % 100)


def date(rng, start, end):
    import datetime
    a = datetime.date.fromisoformat(start).toordinal()
    b = datetime.date.fromisoformat(end).toordinal()
    return datetime.date.fromordinal(rng.randint(a, b)).isoformat()


def plus_years(d, years):
    y, m, day = d.split("-")
    day = "28" if m == "02" and day == "29" else day
    return "%04d-%s-%s" % (int(y) + years, m, day)


def days_before(d, days):
    import datetime
    return (datetime.date.fromisoformat(d) - datetime.timedelta(days=days)).isoformat()


TENORS = [1, 2, 3, 5, 8, 10]  # years
# Days past maturity at the period end of an overdue loan, by class (《商业银行金融资产风险分类办法》: more
# than 90 days overdue is at least substandard, more than 270 doubtful, more than 360 loss).
OVERDUE_DAYS = {"special-mention": (1, 90), "substandard": (91, 270), "doubtful": (271, 360), "loss": (361, 540)}


def outstanding_maturity(originated, years, end):
    """The maturity of a loan still on the books at `end`: `years` after origination, or the next longer
    tenor when that date has passed (a short loan from years ago has been repaid; an old loan still
    outstanding is a long one). From 2019-06-01 the 10-year tenor always reaches past the period."""
    for tenor in TENORS[TENORS.index(years):]:
        if plus_years(originated, tenor) > end:
            return plus_years(originated, tenor)
    raise ValueError("no tenor of %s reaches past %s" % (originated, end))


def overdue_maturity(loan, drawn, end):
    """The maturity of a loan that is overdue at `end`, or None for a current one. Derived from values
    already drawn, so the random stream (and every other figure) is the same as without overdue loans:
    a non-performing loan whose drawn tenor ended before the period end is overdue by a number of days
    fitting its class (taken from its balance); a special-mention loan only when the drawn tenor ended in
    the period's last 90 days, and then by exactly those days. Performing loans are never more than 90
    days overdue."""
    if loan.cls not in OVERDUE_DAYS or drawn >= end:
        return None
    lo, hi = OVERDUE_DAYS[loan.cls]
    if loan.cls == "special-mention":
        return drawn if days_before(end, hi) <= drawn else None
    maturity = days_before(end, lo + loan.balance // 100 % (hi - lo + 1))
    return maturity if maturity > loan.originated else None


class Loan:
    pass


def make_loan(rng, n, prefix, district_weights, green_rate, size_mix, balance_range, no_benefit=False, end="2026-09-30"):
    loan = Loan()
    loan.id = "%s-%06d" % (prefix, n)
    loan.district = rng.choices(DISTRICTS, weights=district_weights)[0]
    loan.size = rng.choices(["large", "medium", "small", "micro"], weights=size_mix)[0]
    loan.uscc = uscc(rng)
    loan.originated = date(rng, "2019-06-01", end)
    loan.tenor = rng.choice(TENORS)
    loan.contractual_maturity = outstanding_maturity(loan.originated, loan.tenor, end)
    lo, hi = balance_range
    loan.balance = rng.randint(lo * 100, hi * 100) // 100 * 100 + rng.choice([0, 0, 0, 50, 25])
    loan.cls = rng.choices(["normal", "special-mention", "substandard", "doubtful", "loss"],
                           weights=[93, 4, 1.5, 1, 0.5])[0]
    overdue = overdue_maturity(loan, plus_years(loan.originated, loan.tenor), end)
    loan.maturity = overdue or loan.contractual_maturity
    loan.green = None
    loan.emissions = None
    if rng.random() < green_rate:
        recent = loan.originated >= "2025-10-01"
        options = [g for g in GREEN if (g[0] == "gfsp-2025") == recent]
        edition, code, ind, kind, eligible, (plo, phi) = rng.choice(options)
        loan.industry = industry(ind)
        name = (GFSP if edition == "gfsp-2025" else GICC)[code]
        total = max(loan.balance // 100 + 1_000_000, rng.randint(plo, phi))
        eia = total >= 30_000_000 and rng.random() < 0.8
        evaluation = rng.choice(["done", "done", "pending"]) if (total >= 50_000_000 and eia) else "not-required"
        # Values added since the first samples come from a generator of their own, seeded by the loan, so that
        # the main stream (and every other figure) stays as it was.
        extra = random.Random("%s %s %s" % (loan.id, end, code))
        g = {"edition": edition, "code": code, "cf": eligible and rng.random() < 0.4,
             "project": (PLACES[loan.district] + name + "项目", money(total * 100), eia, evaluation),
             "activity": None, "benefits": []}
        if kind in ("solar", "wind"):
            mw = Decimal(rng.randint(20, 2000)) / 10 if kind == "solar" else Decimal(rng.randint(200, 3000)) / 10
            hours = 1100 if kind == "solar" else 2200
            mwh = (mw * hours).quantize(Decimal("1"))
            g["activity"] = ("Generation", [("technology", "solar-pv" if kind == "solar" else "wind-onshore"),
                                            ("capacityMW", str(mw)), ("annualMWh", str(mwh))])
            coal = mwh * SUPPLY_COAL
            co2 = (coal * COAL_CO2 * Decimal(rng.randint(96, 104)) / 100).quantize(Decimal("0.01"))
            g["benefits"] = [("CO2e", str(co2)), ("StandardCoal", str(coal.quantize(Decimal("0.1"))))]
        elif kind == "saving":
            # The drawn tce is the fuel part; the tce declared includes the electricity saved (MWh × 0.3055).
            fuel_tce = Decimal(rng.randint(500, 20000)) / 10
            mwh = Decimal(rng.randint(100, 8000))
            fuel = extra.choice([None, None, "natural-gas", "raw-coal", "diesel"])
            tce = (fuel_tce + mwh * SUPPLY_COAL).quantize(Decimal("0.1"))
            co2 = ((mwh * SUPPLY_COAL * COAL_CO2 + fuel_tce * FUEL_CO2[fuel]) * extra.randint(95, 105) / 100).quantize(Decimal("0.01"))
            g["activity"] = ("EnergySaving", [("annualTce", str(tce)), ("annualMWhSaved", str(mwh))]
                             + ([("fuel", fuel)] if fuel else []))
            g["benefits"] = [("CO2e", str(co2)), ("StandardCoal", str(tce))]
        elif kind == "building":
            area = rng.randint(20000, 300000)
            mwh = Decimal(area) * Decimal(rng.randint(8, 20)) / 1000
            g["activity"] = ("Building", [("floorAreaM2", str(area)), ("annualMWhSaved", str(mwh.quantize(Decimal("0.1")))),
                                          ("rating", rng.choice(["two-star", "three-star"]))])
            coal = mwh * SUPPLY_COAL
            g["benefits"] = [("CO2e", str((coal * COAL_CO2).quantize(Decimal("0.01")))),
                             ("StandardCoal", str(coal.quantize(Decimal("0.1"))))]
            if extra.random() < 0.6:  # green buildings' water saving (rainwater, reclaimed water), t a year
                g["benefits"].append(("WaterSaved", str(area * extra.randint(2, 8) // 10)))
        elif kind == "pollution":
            so2, nox = Decimal(rng.randint(50, 3000)) / 10, Decimal(rng.randint(50, 2000)) / 10
            if extra.random() < 0.5:
                g["benefits"] = [("SO2", str(so2)), ("NOx", str(nox))]
            else:
                # A water-pollution project in an industrial park instead (same level-1 category).
                g["code"] = "2.3.5"
                g["project"] = (PLACES[loan.district] + GFSP["2.3.5"] + "项目",) + g["project"][1:]
                loan.industry = industry("4620")
                g["benefits"] = [("COD", str(Decimal(extra.randint(200, 9000)) / 10)),
                                 ("AmmoniaNitrogen", str(Decimal(extra.randint(20, 900)) / 10)),
                                 ("WaterSaved", str(extra.randint(50_000, 900_000)))]
        else:
            g["benefits"] = [("CO2e", str(Decimal(rng.randint(1000, 900000)) / 100))]
        if no_benefit:
            g["benefits"] = []
            g["activity"] = None
        loan.green = g
        loan.name = "深圳市%s%s%s有限公司" % (PLACES[loan.district], rng.choice(COMPANY_WORDS), rng.choice(["发展", "技术", "股份", "集团"]))
    else:
        ind = rng.choice(OTHER_INDUSTRIES)
        loan.industry = industry(ind)
        loan.name = "深圳市%s%s%s有限公司" % (PLACES[loan.district], rng.choice(COMPANY_WORDS), rng.choice(["发展", "技术", "贸易", "服务"]))
    segs = []
    if loan.size in ("small", "micro") and rng.random() < 0.8:
        segs.append("inclusive-small-micro")
    if loan.industry[0] in "CI" and rng.random() < 0.35:
        segs.append("tech-enterprise")
    if loan.industry[0] == "C" and loan.tenor > 1 and rng.random() < 0.7:  # the drawn tenor: same draws as before
        segs.append("manufacturing-mid-long-term")
    loan.segments = segs
    if loan.size in ("large", "medium") and rng.random() < 0.45:
        basis = "project" if loan.green and rng.random() < 0.5 else "equity-debt"
        denominator = loan.balance * rng.randint(2, 12)
        s1 = Decimal(rng.randint(10, 500000)) / 10
        s2 = Decimal(rng.randint(10, 300000)) / 10
        if basis == "project" and loan.green and loan.green["project"][3] == "not-required":
            # A project without an evaluation stays under the 3,000 tCO2e a year threshold.
            s1, s2 = Decimal(rng.randint(10, 15000)) / 10, Decimal(rng.randint(10, 14000)) / 10
        loan.emissions = [("year", "2025"), ("scope1", str(s1)), ("scope2", str(s2)),
                          ("quality", str(rng.choice([1, 2, 2, 3, 4]))), ("basis", basis), ("denominator", money(denominator))]
    return loan


def attrs(pairs):
    return " ".join('%s="%s"' % (k, v) for k, v in pairs)


def loan_xml(loan, marks=None):
    marks = marks or {}
    m = lambda key: ("<!-- %s -->" % marks[key]) if key in marks else ""
    out = ['    <Loan id="%s">%s' % (loan.id, m("loan"))]
    out.append('      <Borrower uscc="%s" district="%s" industry="%s" size="%s">%s</Borrower>%s'
               % (loan.uscc, loan.district, loan.industry, loan.size, loan.name, m("borrower")))
    out.append("      <Balance>%s</Balance>%s" % (getattr(loan, "balance_text", None) or money(loan.balance), m("balance")))
    out.append("      <Originated>%s</Originated>%s" % (loan.originated, m("originated")))
    out.append("      <Maturity>%s</Maturity>%s" % (loan.maturity, m("maturity")))
    out.append("      <Classification>%s</Classification>" % loan.cls)
    if loan.segments:
        out.append("      <Segments>%s</Segments>" % " ".join(loan.segments))
    g = loan.green
    if g:
        cf = ' carbonFacility="true"' if g["cf"] else ""
        out.append('      <Green standard="%s" code="%s"%s>%s' % (g["edition"], g["code"], cf, m("green")))
        name, total, eia, evaluation = g["project"]
        out.append('        <Project name="%s" totalInvestment="%s" eiaRequired="%s" evaluation="%s"/>%s'
                   % (name, total, "true" if eia else "false", evaluation, m("project")))
        if g["activity"]:
            out.append("        <Activity><%s %s/></Activity>" % (g["activity"][0], attrs(g["activity"][1])))
        if g["benefits"]:
            inner = "".join("<%s>%s</%s>" % (k, v, k) for k, v in g["benefits"])
            out.append("        <Benefits>%s</Benefits>%s" % (inner, m("benefits")))
        out.append("      </Green>")
    if loan.emissions:
        out.append("      <Emissions %s/>" % attrs(loan.emissions))
    out.append("    </Loan>")
    return out


def portfolio(loans):
    p = {"total": 0, "green": 0, "tech": 0, "inclusive": 0, "manufacturing": 0, "npl": 0, "districts": {}, "categories": {}}
    for l in loans:
        p["total"] += l.balance
        d = p["districts"].setdefault(l.district, [0, 0])
        d[0] += l.balance
        if "tech-enterprise" in l.segments: p["tech"] += l.balance
        if "inclusive-small-micro" in l.segments: p["inclusive"] += l.balance
        if "manufacturing-mid-long-term" in l.segments: p["manufacturing"] += l.balance
        if l.cls in ("substandard", "doubtful", "loss"): p["npl"] += l.balance
        if l.green:
            p["green"] += l.balance
            d[1] += l.balance
            key = (l.green["edition"], l.green["code"].split(".")[0])
            p["categories"][key] = p["categories"].get(key, 0) + l.balance
    return p


def filing(lender, loans=None, figures=None, operations=None, marks=None, header_lines=None):
    marks = marks or {}
    m = lambda key: ("<!-- %s -->" % marks[key]) if key in marks else ""
    p = figures or portfolio(loans)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<Disclosure xmlns="urn:greenledger:disclosure:1" version="1.0">', "  <Header>"]
    out += header_lines or [
        '    <Lender uscc="%s" kind="%s">%s' % (lender["uscc"], lender["kind"], m("lender")),
        '      <Name lang="zh">%s</Name>' % lender["zh"],
        '      <Name lang="en">%s</Name>' % lender["en"],
        "    </Lender>",
        "    <Period>%s</Period>" % lender.get("period", "2026-Q3"),
        "    <Revision>%d</Revision>" % lender.get("revision", 1),
        "    <PreparedOn>%s</PreparedOn>%s" % (lender["prepared"], m("prepared")),
        "    <Currency>CNY</Currency>"]
    out.append("  </Header>")
    out.append("  <Portfolio>")
    out.append("    <TotalLoans>%s</TotalLoans>%s" % (money(p["total"]), m("total")))
    out.append("    <GreenLoans>%s</GreenLoans>%s" % (money(p["green"]), m("greenloans")))
    for key, tag in [("tech", "TechEnterpriseLoans"), ("inclusive", "InclusiveSmallMicroLoans"),
                     ("manufacturing", "ManufacturingMidLongTermLoans"), ("npl", "NonPerformingLoans")]:
        if p.get(key) or (loans is not None and key in ("npl",)):
            out.append("    <%s>%s</%s>%s" % (tag, money(p[key]), tag, m(key)))
    for code in sorted(p["districts"]):
        t, g = p["districts"][code]
        out.append('    <District code="%s"><TotalLoans>%s</TotalLoans><GreenLoans>%s</GreenLoans></District>%s'
                   % (code, money(t), money(g), m("district")))
    for (edition, code) in sorted(p["categories"]):
        out.append('    <Category standard="%s" code="%s"><GreenLoans>%s</GreenLoans></Category>%s'
                   % (edition, code, money(p["categories"][(edition, code)]), m("category")))
    out.append("  </Portfolio>")
    if loans:
        out.append("  <Loans>")
        for l in loans:
            out += loan_xml(l, marks.get(l.id))
        out.append("  </Loans>")
    if operations:
        out.append('  <Operations year="2025" employees="%d">' % operations["employees"])
        for tag, value in operations["values"]:
            out.append("    <%s>%s</%s>" % (tag, value, tag))
        out.append("  </Operations>")
    out.append("</Disclosure>")
    return "\n".join(out) + "\n"


def check(loans):
    """Dates a real book shows: maturity after origination, a mid/long-term loan longer than a year."""
    for l in loans:
        assert l.originated < l.maturity, (l.id, l.originated, l.maturity)
        if "manufacturing-mid-long-term" in l.segments:
            assert plus_years(l.originated, 1) < l.maturity, (l.id, l.originated, l.maturity)


def write(path, text):
    with open(os.path.join(OUT, path), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


IDENTITIES = []  # (key, lender, loans, weights, rate, mix, balance range) of each 2026-Q3 loan-level filing
BOOKS = {}  # key → the 2026-Q3 loans (Pingshan: revision 2), from which the earlier quarters are derived


def quarter():
    rng = random.Random(20261012)
    lenders = [
        # key, kind, zh, en, loans, district weights, green rate, size mix, balance range (yuan)
        ("longgang-village-bank", "village-bank", "深圳龙岗示例村镇银行股份有限公司", "Shenzhen Longgang Example Village Bank Co., Ltd.",
         90, [1, 1, 1, 2, 12, 1, 2, 1, 1], 0.09, [1, 5, 10, 8], (200_000, 8_000_000), "2026-10-12"),
        ("example-rural-commercial-bank", "rural-bank", "深圳示例农村商业银行股份有限公司", "Shenzhen Example Rural Commercial Bank Co., Ltd.",
         360, [3, 5, 4, 6, 8, 1, 5, 2, 3], 0.07, [2, 6, 8, 5], (500_000, 30_000_000), "2026-10-14"),
        ("pengcheng-microcredit", "microcredit", "深圳鹏城示例小额贷款有限公司", "Shenzhen Pengcheng Example Microcredit Co., Ltd.",
         30, [1, 2, 1, 3, 4, 0, 3, 1, 1], 0.03, [0, 1, 6, 10], (50_000, 1_000_000), "2026-10-09"),
        ("dapeng-green-leasing", "leasing", "深圳示例绿色融资租赁有限公司", "Shenzhen Example Green Financial Leasing Co., Ltd.",
         40, [1, 2, 2, 2, 4, 1, 1, 3, 2], 0.55, [5, 8, 2, 0], (5_000_000, 120_000_000), "2026-10-15"),
        ("example-finance-company", "finance-company", "深圳示例集团财务有限公司", "Shenzhen Example Group Finance Co., Ltd.",
         50, [2, 6, 5, 2, 2, 1, 1, 0, 1], 0.12, [6, 4, 0, 0], (10_000_000, 200_000_000), "2026-10-13"),
    ]
    readme = []
    for key, kind, zh, en, n, weights, rate, mix, brange, prepared in lenders:
        lender = {"uscc": uscc(rng), "kind": kind, "zh": zh, "en": en, "prepared": prepared}
        no_benefit = {3} if key == "example-rural-commercial-bank" else set()
        loans = []
        for i in range(1, n + 1):
            loans.append(make_loan(rng, i, key[:3].upper(), weights, rate, mix, brange))
        if no_benefit:
            # One solar loan reported without its benefits: a warning, not an error.
            loans.append(make_loan(random.Random(7), n + 1, key[:3].upper(), weights, 1.0, mix, brange, no_benefit=True))
        ops = None
        if kind in ("village-bank", "rural-bank"):
            ops = {"employees": 120 if kind == "village-bank" else 860,
                   "values": [("OfficeDiesel", "0"), ("OfficeNaturalGas", str(rng.randint(1000, 20000))),
                              ("VehicleGasoline", str(rng.randint(2000, 40000))), ("Electricity", str(rng.randint(300000, 4000000))),
                              ("Water", str(rng.randint(2000, 50000))), ("Paper", str(Decimal(rng.randint(10, 300)) / 10))]}
        check(loans)
        write("2026-Q3/%s.xml" % key, filing(lender, loans, operations=ops))
        IDENTITIES.append((key, lender, n, weights, rate, mix, brange))
        BOOKS[key] = loans
    # Pingshan village bank: revision 1, then a corrected revision 2 (one balance restated).
    lender = {"uscc": uscc(rng), "kind": "village-bank", "zh": "深圳坪山示例村镇银行股份有限公司",
              "en": "Shenzhen Pingshan Example Village Bank Co., Ltd.", "prepared": "2026-10-10"}
    loans = [make_loan(rng, i, "PSV", [1, 1, 1, 1, 3, 0, 1, 10, 2], 0.1, [1, 4, 10, 8], (100_000, 5_000_000)) for i in range(1, 81)]
    check(loans)
    write("2026-Q3/pingshan-village-bank-r1.xml", filing(lender, loans))
    IDENTITIES.append(("pingshan-village-bank", dict(lender), 80, [1, 1, 1, 1, 3, 0, 1, 10, 2], 0.1, [1, 4, 10, 8], (100_000, 5_000_000)))
    loans[17].balance += 1_250_000_00
    BOOKS["pingshan-village-bank"] = loans
    lender2 = dict(lender, revision=2, prepared="2026-10-21")
    write("2026-Q3/pingshan-village-bank-r2.xml", filing(lender2, loans))
    # A large bank's branch files its Portfolio only (Loans is optional): no reconciliation applies.
    lender = {"uscc": uscc(rng), "kind": "bank", "zh": "示例银行股份有限公司深圳分行", "en": "Example Bank Co., Ltd. Shenzhen Branch",
              "prepared": "2026-10-16"}
    figures = {"total": 81_250_000_000_00, "green": 6_912_000_000_00, "tech": 5_400_000_000_00, "inclusive": 13_500_000_000_00,
               "manufacturing": 8_300_000_000_00, "npl": 910_000_000_00,
               "districts": {"440304": [31_200_000_000_00, 2_150_000_000_00], "440305": [18_400_000_000_00, 1_920_000_000_00],
                             "440307": [20_500_000_000_00, 1_810_000_000_00], "440306": [11_150_000_000_00, 1_032_000_000_00]},
               "categories": {("gfsp-2025", "4"): 2_600_000_000_00, ("gfsp-2025", "6"): 2_950_000_000_00,
                              ("gfsp-2025", "1"): 1_362_000_000_00}}
    ops = {"employees": 1840, "values": [("OfficeDiesel", "0"), ("OfficeNaturalGas", "12000"), ("VehicleGasoline", "38500"),
                                         ("Electricity", "6230000"), ("Water", "58000"), ("Paper", "21.5")]}
    write("2026-Q3/example-bank-shenzhen-branch.xml", filing(lender, None, figures=figures, operations=ops))
    IDENTITIES.append(("example-bank-shenzhen-branch", dict(lender), figures, None, None, None, None))


def earlier_book(loans, end, back):
    """The book `back` quarters before 2026-Q3, derived from the 2026-Q3 one as a real book evolves: loans
    originated after `end` are not there yet, and the others had not yet been paid down as far (2 % of
    the balance a quarter). Ids, borrowers, classes, green codes and benefits stay; every figure of the
    filing is summed from these loans, so it reconciles."""
    book = []
    for loan in loans:
        if loan.originated > end:
            continue
        earlier = copy.copy(loan)
        earlier.balance = loan.balance + loan.balance * 2 * back // 100
        book.append(earlier)
    return book


EARLIER = [
    # period, last day, quarters before 2026-Q3, seed of the prepared day, prepared month, the bank
    # branch's green loans (fen; it files its Portfolio only)
    ("2026-Q2", "2026-06-30", 1, 20260712, "2026-07", 6_480_000_000_00),
    ("2026-Q1", "2026-03-31", 2, 20260412, "2026-04", 6_230_000_000_00),
    ("2025-Q4", "2025-12-31", 3, 20260112, "2026-01", 5_910_000_000_00),
    ("2025-Q3", "2025-09-30", 4, 20251012, "2025-10", 5_640_000_000_00),
]


def earlier_quarters():
    """The four quarters before 2026-Q3: 2026-Q2 beside it, a year of history in history/ (2025-Q3 …
    2026-Q1), so that the history gives the green share's change on the quarter and on the year and each
    lender's previous three quarters (the PBoC evaluation's indicators)."""
    for period, end, back, seed, month, branch_green in EARLIER:
        rng = random.Random(seed)
        folder = period if period == "2026-Q2" else "history/%s" % period
        os.makedirs(os.path.join(OUT, folder), exist_ok=True)
        for key, lender, n, weights, rate, mix, brange in IDENTITIES:
            lender = dict(lender, period=period, revision=1, prepared="%s-%02d" % (month, rng.randint(8, 16)))
            if weights is None:
                figures = dict(n)
                figures["green"] = branch_green
                figures["districts"] = {code: [t, g * branch_green // 6_912_000_000_00] for code, (t, g) in n["districts"].items()}
                base = {("gfsp-2025", "4"): 2_600_000_000_00, ("gfsp-2025", "6"): 2_950_000_000_00, ("gfsp-2025", "1"): 1_362_000_000_00}
                categories = {key: value * branch_green // 6_912_000_000_00 for key, value in base.items()}
                # The parts are rounded down: the rest goes to the first row so that they add up to the total.
                categories[("gfsp-2025", "4")] += branch_green - sum(categories.values())
                figures["categories"] = categories
                write("%s/%s.xml" % (folder, key), filing(lender, None, figures=figures))
                continue
            loans = earlier_book(BOOKS[key], end, back)
            check(loans)
            write("%s/%s.xml" % (folder, key), filing(lender, loans))


def invalid():
    rng = random.Random(4403)
    lender = {"uscc": uscc(rng), "kind": "microcredit", "zh": "深圳示例检验小额贷款有限公司",
              "en": "Shenzhen Example Test Microcredit Co., Ltd.", "prepared": "2026-10-11"}

    def base():
        r = random.Random(99)
        loans = [make_loan(r, i, "TST", [1, 1, 1, 1, 5, 1, 1, 1, 1], 0.0, [0, 2, 5, 5], (100_000, 900_000)) for i in range(1, 5)]
        for l in loans:
            l.maturity = l.contractual_maturity  # classified normal below: not overdue either
        g = make_loan(random.Random(5), 5, "TST", [0, 0, 0, 0, 1, 0, 0, 0, 0], 1.0, [0, 2, 5, 5], (100_000, 900_000))
        g.originated, g.maturity = "2025-11-03", "2035-11-03"
        g.green = {"edition": "gfsp-2025", "code": "4.2.2", "cf": True, "project": ("龙岗屋顶分布式光伏项目", "38000000.00", False, "not-required"),
                   "activity": ("Generation", [("technology", "solar-pv"), ("capacityMW", "20"), ("annualMWh", "21500")]),
                   "benefits": [("CO2e", "17471.55"), ("StandardCoal", "6568.3")]}
        g.industry = "D4416"
        g.emissions = None
        loans.append(g)
        for l in loans:
            l.cls = "normal"
        return loans

    cases = {}

    def case(name, text):
        cases[name] = text

    loans = base()
    write("invalid/valid-base.xml", filing(lender, loans))
    write("valid-base.xml", filing(lender, loans))  # the same clean filing, where the CLI tests expect it
    text = filing(lender, loans)
    case("GL-XML-001-truncated", text[: text.index("    <Loan id=\"TST-000003\">")] + "    <Loan id=\"TST-000003\"><!-- GL-XML-001 -->\n")
    case("GL-XML-002-doctype", text.replace('<?xml version="1.0" encoding="UTF-8"?>\n',
         '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE Disclosure [<!ENTITY x SYSTEM "file:///etc/hostname">]><!-- GL-XML-002 -->\n'))
    case("GL-XML-003-not-a-disclosure", '<?xml version="1.0" encoding="UTF-8"?>\n<Report xmlns="urn:example:other"><!-- GL-XML-003 -->\n  <Item/>\n</Report>\n')
    case("GL-XML-004-encoding", text.replace('<?xml version="1.0" encoding="UTF-8"?>',
         '<?xml version="1.0" encoding="ISO-8859-1"?><!-- GL-XML-004 -->'))
    case("GL-XML-005-text-limit", text.replace('<Name lang="en">Shenzhen Example Test',
         '<Name lang="en">Shenzhen Example Test' + " Example" * 9000).replace(
         'Co., Ltd.</Name>', 'Co., Ltd.</Name><!-- GL-XML-005 -->', 1))
    case("GL-HDR-004-period-range", text.replace("<Period>2026-Q3</Period>", "<Period>1999-Q3</Period><!-- GL-HDR-004 -->"))
    case("GL-HDR-005-revision", text.replace("<Revision>1</Revision>",
         "<Revision>99999999999999999999</Revision><!-- GL-HDR-005 -->"))
    case("GL-XSD-001-unknown-element", text.replace("    <Currency>CNY</Currency>", "    <Currency>CNY</Currency>\n    <Auditor>某会计师事务所</Auditor><!-- GL-XSD-001 -->"))
    l = base(); l[1].balance_text = "123456.789"
    case("GL-AMT-001-three-decimals", filing(lender, l, figures=portfolio(base()), marks={l[1].id: {"balance": "GL-AMT-001"}}))
    bad = dict(lender, uscc=lender["uscc"][:17] + ("0" if lender["uscc"][17] != "0" else "1"))
    case("GL-HDR-001-lender-uscc", filing(bad, base(), marks={"lender": "GL-HDR-001"}))
    case("GL-HDR-002-prepared-before-period-end", filing(dict(lender, prepared="2026-09-15"), base(), marks={"prepared": "GL-HDR-002"}))
    hl = ['    <Lender uscc="%s" kind="microcredit"><!-- GL-HDR-003 -->' % lender["uscc"], '      <Name lang="en">%s</Name>' % lender["en"],
          "    </Lender>", "    <Period>2026-Q3</Period>", "    <Revision>1</Revision>", "    <PreparedOn>2026-10-11</PreparedOn>"]
    case("GL-HDR-003-no-chinese-name", filing(lender, base(), header_lines=hl))
    l = base(); l[3].id = l[2].id
    text = filing(lender, l, marks={l[3].id: {"loan": "GL-LOAN-001"}})
    case("GL-LOAN-001-duplicate-id", text.replace("<!-- GL-LOAN-001 -->", "", 1))  # mark the second one only
    l = base(); l[0].uscc = l[0].uscc[:17] + ("0" if l[0].uscc[17] != "0" else "1")
    case("GL-LOAN-002-borrower-uscc", filing(lender, l, marks={l[0].id: {"borrower": "GL-LOAN-002"}}))
    l = base(); l[1].district = "440399"
    case("GL-LOAN-003-district", filing(lender, l, marks={l[1].id: {"borrower": "GL-LOAN-003"}}))
    l = base(); l[2].industry = "D44160"
    case("GL-LOAN-004-industry", filing(lender, l, marks={l[2].id: {"borrower": "GL-LOAN-004"}}))
    l = base(); l[0].originated = "2026-10-02"; l[0].maturity = "2027-10-02"
    case("GL-LOAN-005-originated-after-period", filing(lender, l, marks={l[0].id: {"originated": "GL-LOAN-005"}}))
    l = base(); l[1].maturity = "2018-01-01"; l[1].originated = "2020-01-01"
    case("GL-LOAN-006-maturity-before-origination", filing(lender, l, marks={l[1].id: {"maturity": "GL-LOAN-006"}}))
    l = base(); l[1].maturity = "2026-06-01"  # 121 days before the period end, still normal
    case("GL-LOAN-007-overdue-still-performing", filing(lender, l, marks={l[1].id: {"maturity": "GL-LOAN-007"}}))
    l = base(); l[4].green["edition"] = "gfsp-2030"
    case("GL-GREEN-001-unknown-edition", filing(lender, l, figures=portfolio(base()), marks={l[4].id: {"green": "GL-GREEN-001"}}))
    l = base(); l[4].green["code"] = "4.2.99"
    case("GL-GREEN-002-unknown-code", filing(lender, l, marks={l[4].id: {"green": "GL-GREEN-002"}}))
    l = base(); l[4].green["code"] = "4.2"
    case("GL-GREEN-003-not-level-3", filing(lender, l, figures=portfolio(base()), marks={l[4].id: {"green": "GL-GREEN-003"}}))
    l = base(); l[4].green["edition"] = "gicc-2019"; l[4].green["code"] = "3.2.2"
    case("GL-GREEN-004-older-edition", filing(lender, l, marks={l[4].id: {"green": "GL-GREEN-004"}}))
    l = base(); l[4].green["edition"] = "glct-2024"; l[4].green["code"] = "4.2.2"; l[4].originated = "2025-03-01"; l[4].green["cf"] = False
    case("GL-GREEN-005-unverifiable-edition", filing(lender, l, marks={l[4].id: {"green": "GL-GREEN-005"}}))
    l = base(); l[4].green["code"] = "6.1.1"; l[4].green["activity"] = None; l[4].green["benefits"] = [("CO2e", "120.5")]
    case("GL-GREEN-006-carbon-facility", filing(lender, l, marks={l[4].id: {"green": "GL-GREEN-006"}}))
    l = base(); l[4].green["project"] = ("龙岗大型光伏电站项目", "86000000.00", True, "not-required")
    case("GL-GREEN-007-investment-evaluation", filing(lender, l, marks={l[4].id: {"project": "GL-GREEN-007"}}))
    l = base(); l[4].green["benefits"] = []; l[4].green["activity"] = None
    case("GL-GREEN-008-no-benefits", filing(lender, l, marks={l[4].id: {"green": "GL-GREEN-008"}}))
    l = base(); l[4].green["benefits"] = [("CO2e", "8318.35")]  # the average grid factor, not the guideline
    case("GL-GREEN-009-generation-mismatch", filing(lender, l, marks={l[4].id: {"benefits": "GL-GREEN-009"}}))
    p = portfolio(base()); p["total"] += 100
    case("GL-REC-001-total", filing(lender, base(), figures=p, marks={"total": "GL-REC-001"}))
    p = portfolio(base()); p["green"] -= 1
    case("GL-REC-002-green", filing(lender, base(), figures=p, marks={"greenloans": "GL-REC-002"}))
    p = portfolio(base()); p["inclusive"] += 50_000_00
    case("GL-REC-003-segment", filing(lender, base(), figures=p, marks={"inclusive": "GL-REC-003"}))
    p = portfolio(base()); p["npl"] += 1_000_00
    case("GL-REC-004-npl", filing(lender, base(), figures=p, marks={"npl": "GL-REC-004"}))
    l = base(); p = portfolio(l); p["districts"] = {"440307": [v + 10 for v in p["districts"]["440307"][:1]] + [p["districts"]["440307"][1]]}
    case("GL-REC-005-district", filing(lender, l, figures=p, marks={"district": "GL-REC-005"}))
    l = base(); p = portfolio(l); p["categories"] = {("gfsp-2025", "4"): p["categories"][("gfsp-2025", "4")] - 100}
    case("GL-REC-006-category", filing(lender, l, figures=p, marks={"category": "GL-REC-006"}))
    p = portfolio(base()); p["green"] = p["total"] + 1
    case("GL-PORT-001-numerator-above-total", filing(lender, None, figures=p, marks={"greenloans": "GL-PORT-001"}))
    p = portfolio(base()); p["districts"] = {"440399": [100_00, 0]}
    case("GL-PORT-002-district", filing(lender, None, figures=p, marks={"district": "GL-PORT-002"}))
    p = portfolio(base()); p["categories"] = {("gfsp-2025", "4.2"): 100_00}
    case("GL-PORT-003-category", filing(lender, None, figures=p, marks={"category": "GL-PORT-003"}))
    for name, text in sorted(cases.items()):
        write("invalid/%s.xml" % name, text)
    # Encoding fixtures for the reader's tests: the base filing declared and encoded as GB18030 (with a
    # 4-byte GB18030 character in a borrower name), and GBK bytes mislabelled as UTF-8.
    fixtures = os.path.join(ROOT, "Tests", "GreenDisclosureTests", "Fixtures")
    os.makedirs(fixtures, exist_ok=True)
    base_text = filing(lender, base()).replace(base()[0].name, base()[0].name + "\U00020000")
    with open(os.path.join(fixtures, "valid-base-gb18030.xml"), "wb") as f:
        f.write(base_text.replace('encoding="UTF-8"', 'encoding="GB18030"').encode("gb18030"))
    with open(os.path.join(fixtures, "mislabelled-gbk.xml"), "wb") as f:
        f.write(filing(lender, base()).encode("gbk", errors="replace"))
    # Declared and encoded GBK, with a byte pair GBK cannot decode (0x81 0x20) right after <Loans>: the
    # reader must stop there and reject, never accept what it read before.
    gbk = filing(lender, base()).replace('encoding="UTF-8"', 'encoding="GBK"').encode("gbk")
    at = gbk.index(b"<Loans>") + len(b"<Loans>")
    with open(os.path.join(fixtures, "gbk-undecodable-after-loans.xml"), "wb") as f:
        f.write(gbk[:at] + b"\x81\x20" + gbk[at:])


if __name__ == "__main__":
    os.makedirs(os.path.join(OUT, "2026-Q3"), exist_ok=True)
    os.makedirs(os.path.join(OUT, "2026-Q2"), exist_ok=True)
    os.makedirs(os.path.join(OUT, "invalid"), exist_ok=True)
    quarter()
    earlier_quarters()
    invalid()
