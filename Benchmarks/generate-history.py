#!/usr/bin/env python3
"""Writes a synthetic filing history: QUARTERS consecutive quarters ending 2026-Q3, one small valid filing
(format v1) per lender and quarter, for Benchmarks/store-bench.sh.

    python3 Benchmarks/generate-history.py OUTDIR [--quarters 40] [--lenders 200] [--seed 2026]

OUTDIR/2016-Q4/lender-001.xml … OUTDIR/2026-Q3/lender-200.xml (40 × 200 by default). Each lender has a book
of 5–20 loan slots, each with its own start quarter (a slot is empty before it), so the book grows over the
history; balances drift by a slot's own rate each quarter, and green slots of "greening" lenders grow faster
than the rest, so green shares differ between lenders and move over time. Loans mature decades after the
last quarter and the few non-performing ones are classified so, so no warning fires: every filing is
ACCEPTed by `greenledger validate` with 0 errors and 0 warnings. Every Portfolio figure is summed from the
loans, so the filing reconciles to the fen. Small on purpose (a few KB): ingest time is per-filing cost, not
parsing. Deterministic: the same arguments give byte-identical files (every random stream is seeded from
--seed and the lender's number, never from the quarter count's side effects).
"""
import argparse
import datetime
import importlib.util
import os
import random
import sys
import time

DISTRICTS = ["440303", "440304", "440305", "440306", "440307", "440308", "440309", "440310", "440311"]
PLACES = {"440303": "罗湖", "440304": "福田", "440305": "南山", "440306": "宝安", "440307": "龙岗",
          "440308": "盐田", "440309": "龙华", "440310": "坪山", "440311": "光明"}
KINDS = [("bank", "银行股份有限公司深圳分行"), ("rural-bank", "农村商业银行股份有限公司"),
         ("village-bank", "村镇银行股份有限公司"), ("finance-company", "集团财务有限公司"),
         ("leasing", "融资租赁有限公司"), ("microcredit", "小额贷款有限公司")]
# Level-3 codes with a borrower industry class (GB/T 4754-2017) each; gfsp-2025 for loans originated on or
# after 2025-10-01, gicc-2019 before (as scripts/make-samples.py does; GL-GREEN-004 otherwise).
GREEN = {
    "gfsp-2025": [("4.2.2", "D4416"), ("6.2.3", "E4851"), ("1.2.1", "C3841"), ("1.3.1", "E4861")],
    "gicc-2019": [("3.2.2", "D4416"), ("5.2.5", "E4851"), ("1.1.8", "C3812"), ("3.2.1", "D4415")],
}
OTHER_INDUSTRIES = ["C3911", "C3464", "C3851", "I6513", "I6531", "G5443", "K7020", "C3620", "C3471", "M7484"]
LAST = (2026, 3)  # the last quarter of every history: 2026-Q3
GCC_CUTOVER = "2025-10-01"  # 银发〔2025〕132号: gfsp-2025 for loans originated from this day


# USCCs with their check character and yuan amounts, as the large-filing generator writes them.
_spec = importlib.util.spec_from_file_location(
    "generate_filing", os.path.join(os.path.dirname(os.path.abspath(__file__)), "generate-filing.py"))
_filing = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_filing)
uscc = _filing.uscc
money = _filing.money


def quarters(count):
    """The `count` quarters ending at LAST, oldest first, as (year, quarter)."""
    index = LAST[0] * 4 + LAST[1] - 1
    return [((i // 4), i % 4 + 1) for i in range(index - count + 1, index + 1)]


def quarter_start(q):
    return datetime.date(q[0], 3 * q[1] - 2, 1)


def quarter_end(q):
    year, n = q
    return datetime.date(year + (n == 4), 1 if n == 4 else 3 * n + 1, 1) - datetime.timedelta(days=1)


def make_lender(number, count, seed, taken):
    """A lender: identity and a book of loan slots, drawn from its own seeded stream."""
    rng = random.Random("%s lender %d" % (seed, number))
    code = uscc(rng)
    while code in taken:
        code = uscc(rng)
    taken.add(code)
    kind, suffix = KINDS[number % len(KINDS)]
    home = DISTRICTS[number % len(DISTRICTS)]
    lender = {"number": number, "uscc": code, "kind": kind, "home": home,
              "zh": "深圳%s示例第%03d号%s" % (PLACES[home], number, suffix),
              "en": "Shenzhen Example Lender No. %03d" % number,
              "green_rate": rng.choice([0.05, 0.1, 0.2, 0.35, 0.6]),
              "greening": rng.random() < 0.5}
    slots = []
    for k in range(rng.randint(5, 20)):
        # The first slot and about half the rest are there from the first quarter; the others start later.
        start = 0 if k == 0 or rng.random() < 0.5 else rng.randint(1, max(1, count - 1))
        green = rng.random() < lender["green_rate"]
        base = rng.randint(200_000, 60_000_000) * 100  # fen
        drift = rng.uniform(-0.03, 0.02) + (0.05 if green and lender["greening"] else 0.0)
        district = home if rng.random() < 0.6 else rng.choice(DISTRICTS)
        size = rng.choice(["large", "medium", "small", "micro"])
        slot = {"k": k + 1, "start": start, "green": green, "base": base, "drift": drift, "district": district,
                "size": size, "uscc": uscc(rng), "tenor": rng.randint(25, 30),
                "inclusive": size in ("small", "micro") and rng.random() < 0.8,
                "tech": rng.random() < 0.2, "day": rng.randint(0, 89), "npl_from": None,
                "name": "深圳市%s%s有限公司" % (PLACES[district], rng.choice(["科技", "实业", "能源", "环保", "物流", "电子"])),
                "benefit": rng.randint(1_000, 900_000), "investment": rng.randint(2, 6)}
        if rng.random() < 0.05:  # turns non-performing some time after it starts
            slot["npl_from"] = start + rng.randint(0, max(0, count - start - 1))
        if green:
            slot["pick"] = rng.randrange(4)
        else:
            slot["industry"] = rng.choice(OTHER_INDUSTRIES)
        slots.append(slot)
    lender["slots"] = slots
    lender["prepared"] = rng.randint(8, 25)  # day of the month after the quarter end
    return lender


def loan(lender, slot, index, periods):
    """The slot's loan at quarter `index` of `periods`, or None before it starts."""
    if index < slot["start"]:
        return None
    if slot["start"] == 0:
        originated = quarter_start(periods[0]) - datetime.timedelta(days=400 + 7 * slot["day"])
    else:
        originated = quarter_start(periods[slot["start"]]) + datetime.timedelta(days=slot["day"])
    originated = originated.isoformat()
    age = index - slot["start"]
    balance = max(100_00, int(slot["base"] * (1 + slot["drift"]) ** age))
    mature = "%04d%s" % (int(originated[:4]) + slot["tenor"], originated[4:].replace("-02-29", "-02-28"))
    out = {"id": "L%03d-%04d" % (lender["number"], slot["k"]), "district": slot["district"], "balance": balance,
           "originated": originated, "maturity": mature, "size": slot["size"], "uscc": slot["uscc"],
           "name": slot["name"],
           "cls": "substandard" if slot["npl_from"] is not None and index >= slot["npl_from"] else "normal",
           "segments": [s for s, on in (("inclusive-small-micro", slot["inclusive"]), ("tech-enterprise", slot["tech"])) if on],
           "green": None, "industry": slot.get("industry")}
    if slot["green"]:
        edition = "gfsp-2025" if originated >= GCC_CUTOVER else "gicc-2019"
        code, industry = GREEN[edition][slot["pick"]]
        out["industry"] = industry
        # No Activity (no estimate to compare, so no GL-GREEN-009), no EIA (so no evaluation is required).
        out["green"] = (edition, code, money(balance * slot["investment"]), "%d.%02d" % divmod(slot["benefit"], 100))
    return out


def filing(lender, loans, period, prepared):
    total = sum(l["balance"] for l in loans)
    green = sum(l["balance"] for l in loans if l["green"])
    inclusive = sum(l["balance"] for l in loans if "inclusive-small-micro" in l["segments"])
    tech = sum(l["balance"] for l in loans if "tech-enterprise" in l["segments"])
    npl = sum(l["balance"] for l in loans if l["cls"] != "normal")
    districts, categories = {}, {}
    for l in loans:
        row = districts.setdefault(l["district"], [0, 0])
        row[0] += l["balance"]
        if l["green"]:
            row[1] += l["balance"]
            key = (l["green"][0], l["green"][1].split(".")[0])
            categories[key] = categories.get(key, 0) + l["balance"]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<Disclosure xmlns="urn:greenledger:disclosure:1" version="1.0">',
           "  <Header>",
           '    <Lender uscc="%s" kind="%s">' % (lender["uscc"], lender["kind"]),
           '      <Name lang="zh">%s</Name>' % lender["zh"],
           '      <Name lang="en">%s</Name>' % lender["en"],
           "    </Lender>",
           "    <Period>%s</Period>" % period,
           "    <Revision>1</Revision>",
           "    <PreparedOn>%s</PreparedOn>" % prepared,
           "    <Currency>CNY</Currency>",
           "  </Header>",
           "  <Portfolio>",
           "    <TotalLoans>%s</TotalLoans>" % money(total),
           "    <GreenLoans>%s</GreenLoans>" % money(green),
           "    <TechEnterpriseLoans>%s</TechEnterpriseLoans>" % money(tech),
           "    <InclusiveSmallMicroLoans>%s</InclusiveSmallMicroLoans>" % money(inclusive),
           "    <NonPerformingLoans>%s</NonPerformingLoans>" % money(npl)]
    for code in sorted(districts):
        out.append('    <District code="%s"><TotalLoans>%s</TotalLoans><GreenLoans>%s</GreenLoans></District>'
                   % (code, money(districts[code][0]), money(districts[code][1])))
    for edition, code in sorted(categories):
        out.append('    <Category standard="%s" code="%s"><GreenLoans>%s</GreenLoans></Category>'
                   % (edition, code, money(categories[(edition, code)])))
    out.append("  </Portfolio>")
    out.append("  <Loans>")
    for l in loans:
        out.append('    <Loan id="%s">' % l["id"])
        out.append('      <Borrower uscc="%s" district="%s" industry="%s" size="%s">%s</Borrower>'
                   % (l["uscc"], l["district"], l["industry"], l["size"], l["name"]))
        out.append("      <Balance>%s</Balance>" % money(l["balance"]))
        out.append("      <Originated>%s</Originated>" % l["originated"])
        out.append("      <Maturity>%s</Maturity>" % l["maturity"])
        out.append("      <Classification>%s</Classification>" % l["cls"])
        if l["segments"]:
            out.append("      <Segments>%s</Segments>" % " ".join(l["segments"]))
        if l["green"]:
            edition, code, investment, co2e = l["green"]
            out.append('      <Green standard="%s" code="%s">' % (edition, code))
            out.append('        <Project name="%s绿色项目%s" totalInvestment="%s" eiaRequired="false" evaluation="not-required"/>'
                       % (PLACES[l["district"]], l["id"], investment))
            out.append("        <Benefits><CO2e>%s</CO2e></Benefits>" % co2e)
            out.append("      </Green>")
        out.append("    </Loan>")
    out.append("  </Loans>")
    out.append("</Disclosure>")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir")
    parser.add_argument("--quarters", type=int, default=40)
    parser.add_argument("--lenders", type=int, default=200)
    parser.add_argument("--seed", default="2026")
    args = parser.parse_args()
    if not 1 <= args.quarters <= 100 or not 1 <= args.lenders <= 999:
        parser.error("--quarters must be 1…100 and --lenders 1…999")
    began = time.perf_counter()
    periods = quarters(args.quarters)
    taken = set()
    lenders = [make_lender(n, args.quarters, args.seed, taken) for n in range(1, args.lenders + 1)]
    files = loans_total = 0
    for index, q in enumerate(periods):
        period = "%d-Q%d" % q
        folder = os.path.join(args.outdir, period)
        os.makedirs(folder, exist_ok=True)
        end = quarter_end(q)
        for lender in lenders:
            loans = [l for l in (loan(lender, s, index, periods) for s in lender["slots"]) if l]
            prepared = (end + datetime.timedelta(days=lender["prepared"])).isoformat()
            text = filing(lender, loans, period, prepared)
            with open(os.path.join(folder, "lender-%03d.xml" % lender["number"]), "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            files += 1
            loans_total += len(loans)
    print("%s: %d filings (%d quarters %s … %s × %d lenders), %d loans, %.2f s"
          % (args.outdir, files, len(periods), "%d-Q%d" % periods[0], "%d-Q%d" % periods[-1], args.lenders,
             loans_total, time.perf_counter() - began), file=sys.stderr)


if __name__ == "__main__":
    main()
