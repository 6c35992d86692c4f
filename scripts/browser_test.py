#!/usr/bin/env python3
"""Browser test of the web page of `greenledger serve` (run it through scripts/browser-test).

Creates a temporary store with a lender account (the USCC of the rural commercial bank sample) and a district
account (440307), ingests the other 2026-Q3 samples, starts `greenledger serve --port 0`, and drives GET / in
headless Chromium (Selenium 4, window 1280x900):

1. a wrong token is refused readably (401);
2. the lender pastes its token, uploads the sample: ACCEPT, a receipt id GLR-..., status stored (HTTP 201),
   the SHA-256 of the file; filing the same file again gives the same receipt (duplicate, HTTP 200);
3. the district pastes its token, picks 2026-Q3: the filings list has rows (the upload among them) and the
   report frame holds an <svg> chart.

Screenshots: out/browser-*.png; the upload and district ones are also copied to Docs/images/web-upload.png
and Docs/images/web-district.png. The server is stopped with SIGTERM and must exit 0; its log must hold no
token. Exit code 0 when every check passed, 1 otherwise.
"""

import argparse
import hashlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "Samples" / "2026-Q3"
LENDER_SAMPLE = SAMPLES / "example-rural-commercial-bank.xml"
DISTRICT = "440307"
PERIOD = "2026-Q3"
OUT = ROOT / "out"
DOCS_IMAGES = ROOT / "Docs" / "images"
WIDTH, HEIGHT = 1280, 900


class Failure(Exception):
    """A failed check."""


def check(condition, what):
    if not condition:
        raise Failure(what)
    print(f"  ok   {what}", flush=True)


def run(binary, *args):
    """Runs the command line; its standard output, or a Failure with its standard error."""
    result = subprocess.run([str(binary), *map(str, args)], capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise Failure(f"greenledger {' '.join(map(str, args[:2]))} exited {result.returncode}: "
                      f"{result.stderr.strip()[-800:]}")
    return result.stdout


def lender_uscc(path):
    match = re.search(r'<Lender\b[^>]*\buscc="([^"]+)"', path.read_text(encoding="utf-8"))
    if not match:
        raise Failure(f"no <Lender uscc=\"...\"> in {path}")
    return match.group(1)


class Server:
    """`greenledger serve --db DB --port 0`, its standard error in a file."""

    def __init__(self, binary, db, log_path):
        self.log_path = log_path
        self.log = open(log_path, "w", encoding="utf-8")
        self.process = subprocess.Popen(
            [str(binary), "serve", "--db", str(db), "--port", "0"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.log, cwd=ROOT)
        self.url = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            match = re.search(r"listening on (http://[^\s]+)", self.text())
            if match:
                self.url = match.group(1).rstrip("/")
                return
            if self.process.poll() is not None:
                raise Failure(f"greenledger serve exited {self.process.returncode}: {self.text()[-800:]}")
            time.sleep(0.1)
        raise Failure("greenledger serve printed no 'listening on http://…' within 30 s")

    def text(self):
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self):
        """SIGTERM; the exit status (None if it had to be killed)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                self.log.close()
                return None
        self.log.close()
        return self.process.returncode


def new_browser():
    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--hide-scrollbars", f"--window-size={WIDTH},{HEIGHT}", "--lang=zh-CN",
                     "--force-device-scale-factor=1"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_window_size(WIDTH, HEIGHT)
    # Headless Chromium still counts a window frame: grow the window until the page itself is WIDTH x HEIGHT.
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    if inner != [WIDTH, HEIGHT]:
        driver.set_window_size(2 * WIDTH - inner[0], 2 * HEIGHT - inner[1])
    return driver


def wait_for(driver, condition, what, timeout=30):
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.1,
                             ignored_exceptions=(StaleElementReferenceException,)).until(condition)
    except TimeoutException:
        raise Failure(f"timed out after {timeout} s waiting for {what}") from None


def by_id(driver, element_id):
    return driver.find_element(By.ID, element_id)


def paste_token(driver, token):
    field = by_id(driver, "token")
    field.clear()
    field.send_keys(token)
    by_id(driver, "token-use").click()


def upload(driver, path):
    """Chooses `path` in the file input and files it."""
    by_id(driver, "file").send_keys(str(path))
    wait_for(driver, lambda d: path.name in d.find_element(By.ID, "file-info").text
             and d.find_element(By.ID, "upload").is_enabled(), f"{path.name} chosen")
    by_id(driver, "upload").click()


def variants_of(sample, directory):
    """Two variants of the lender's sample: the same revision with other bytes (409), and revision 2 with a
    reconciliation error and two loan errors (422)."""
    text = sample.read_text(encoding="utf-8")

    def edit(changed, old, new):
        if old not in changed:
            raise Failure(f"{sample.name} has no '{old}' to make a variant from")
        return changed.replace(old, new, 1)

    conflict = edit(text, "</Disclosure>", "<!-- corrected -->\n</Disclosure>")
    rejected = edit(text, "<Revision>1</Revision>", "<Revision>2</Revision>")
    rejected = edit(rejected, "<Maturity>2033-10-11</Maturity>", "<Maturity>2020-10-11</Maturity>")
    rejected = edit(rejected, 'district="440309" industry="I6540"', 'district="440399" industry="I6540"')
    rejected = re.sub(r"<TotalLoans>(\d+)\.00</TotalLoans>",
                      lambda m: f"<TotalLoans>{int(m.group(1)) + 27}.00</TotalLoans>", rejected, count=1)
    paths = {}
    for name, changed in (("conflict", conflict), ("rejected", rejected)):
        paths[name] = directory / f"{sample.stem}-{name}.xml"
        paths[name].write_text(changed, encoding="utf-8")
    return paths


def screenshot(driver, name):
    OUT.mkdir(exist_ok=True)
    path = OUT / f"browser-{name}.png"
    driver.execute_script("window.scrollTo(0, 0)")
    time.sleep(0.2)
    driver.save_screenshot(str(path))
    print(f"  png  {path.relative_to(ROOT)}", flush=True)
    return path


def console_errors(driver):
    """Severe console entries other than the expected 4xx answers (a script error or a CSP violation is not)."""
    try:
        entries = driver.get_log("browser")
    except WebDriverException:
        return []
    expected = re.compile(r"the server responded with a status of 4\d\d")
    return [e["message"] for e in entries if e.get("level") == "SEVERE" and not expected.search(e["message"])]


def scenario(driver, url, lender_token, district_token, sample_sha256, variants):
    shots = {}
    driver.get(url + "/")
    wait_for(driver, lambda d: d.find_element(By.ID, "intro").is_displayed(), "the page")
    shots["start"] = screenshot(driver, "start")
    check("GreenLedger" in driver.title, f"the page is served at / (title '{driver.title}')")
    check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-CN", "Chinese by default")
    check(not driver.find_elements(
        By.CSS_SELECTOR, "script[src], link[href]:not([href^='data:']), img[src]:not([src^='data:'])"),
          "no external script, style or image")

    print("wrong token", flush=True)
    paste_token(driver, "glt_this-is-not-a-token-of-any-account-000000")
    alert = wait_for(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#token-error .alert"), "the 401 message")
    check("401" in alert.text, "a wrong token is refused with a readable 401 message")
    shots["token-error"] = screenshot(driver, "token-error")

    print("lender: upload", flush=True)
    paste_token(driver, lender_token)
    wait_for(driver, lambda d: d.find_element(By.ID, "lender-view").is_displayed(), "the lender view")
    check("ok" in by_id(driver, "token-status").get_attribute("class"), "the lender token is accepted")
    stored = driver.execute_script("return [sessionStorage.getItem('greenledger.token'), localStorage.length]")
    check(stored[0] == lender_token and stored[1] == 0, "the token is kept in sessionStorage only")
    check("glt_" not in driver.current_url, "the token is not in the URL")
    upload(driver, LENDER_SAMPLE)
    check(LENDER_SAMPLE.name in by_id(driver, "file-info").text, "the chosen file is named")
    verdict = wait_for(driver, lambda d: d.find_element(By.ID, "verdict").text in ("ACCEPT", "REJECT")
                       and d.find_element(By.ID, "verdict").text, "the verdict", timeout=120)
    check(verdict == "ACCEPT", f"verdict ACCEPT (got {verdict})")
    receipt_id = by_id(driver, "receipt-id").text.strip()
    check(re.fullmatch(r"GLR-[0-9a-f]{24}", receipt_id) is not None, f"a receipt id is shown ({receipt_id})")
    check(by_id(driver, "status").get_attribute("data-status") == "stored", "status stored")
    check(by_id(driver, "http-status").text == "HTTP 201", "HTTP 201")
    check(by_id(driver, "r-period").text == PERIOD, f"period {PERIOD}")
    check(by_id(driver, "r-sha256").text == sample_sha256, "the SHA-256 of the file")
    check(driver.find_elements(By.CSS_SELECTOR, "#findings tbody tr") or by_id(driver, "findings").text,
          "the findings are shown")
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, f'#my-filings [data-receipt="{receipt_id}"]'),
             "the receipt in the lender's list")
    shots["upload"] = screenshot(driver, "upload")

    print("lender: the same file again", flush=True)
    by_id(driver, "upload").click()
    wait_for(driver, lambda d: d.find_element(By.ID, "status").get_attribute("data-status") == "duplicate",
             "the duplicate receipt", timeout=120)
    check(by_id(driver, "http-status").text == "HTTP 200", "duplicate: HTTP 200")
    check(by_id(driver, "receipt-id").text.strip() == receipt_id, "duplicate: the original receipt id")

    print("English", flush=True)
    by_id(driver, "lang-en").click()
    check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "the language toggle")
    check(by_id(driver, "upload").text == "File it" and by_id(driver, "verdict").text == "ACCEPT",
          "English texts, the receipt kept")
    shots["upload-en"] = screenshot(driver, "upload-en")
    by_id(driver, "lang-zh").click()

    print("lender: the same revision with other content (409)", flush=True)
    upload(driver, variants["conflict"])
    alert = wait_for(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#receipt .alert"), "the 409 message", 120)
    check("409" in alert.text and "revision" in alert.text, "a conflicting revision is explained (HTTP 409)")
    shots["conflict"] = screenshot(driver, "conflict")

    print("lender: a filing that fails validation (422)", flush=True)
    upload(driver, variants["rejected"])
    wait_for(driver, lambda d: d.find_element(By.ID, "status").get_attribute("data-status") == "rejected",
             "the rejected receipt", timeout=120)
    check(by_id(driver, "verdict").text == "REJECT" and by_id(driver, "http-status").text == "HTTP 422",
          "REJECT, HTTP 422")
    rules = {cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "#findings tbody td.rule")}
    check({"GL-REC-001", "GL-LOAN-006", "GL-LOAN-003"} <= rules, f"the findings table names the rules ({len(rules)})")
    shots["rejected"] = screenshot(driver, "rejected")
    by_id(driver, "findings-part").find_element(By.CSS_SELECTOR, ".filters button:nth-child(3)").click()
    severities = {e.get_attribute("title") for e in driver.find_elements(By.CSS_SELECTOR, "#findings tbody .pill")}
    check(severities == {"warning"}, "the warnings filter")
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, f'#my-filings [data-receipt="{receipt_id}"]'),
             "the stored receipt in the lender's list")
    driver.find_element(By.CSS_SELECTOR, f'#my-filings [data-receipt="{receipt_id}"]').click()
    wait_for(driver, lambda d: d.find_element(By.ID, "receipt-id").text.strip() == receipt_id,
             "the stored receipt opened from the list")
    check(by_id(driver, "verdict").text == "ACCEPT", "a receipt on file opens from the lender's list")

    print("district: filings and report", flush=True)
    paste_token(driver, district_token)
    wait_for(driver, lambda d: d.find_element(By.ID, "staff-view").is_displayed(), "the district view")
    period = Select(by_id(driver, "period"))
    values = [option.get_attribute("value") for option in period.options]
    check(PERIOD in values, f"period {PERIOD} offered ({', '.join(values)})")
    period.select_by_value(PERIOD)
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#filings tbody tr"), "rows in the filings list")
    rows = driver.find_elements(By.CSS_SELECTOR, "#filings tbody tr")
    check(len(rows) > 0, f"the filings list has rows ({len(rows)})")
    check(driver.find_elements(By.CSS_SELECTOR, f'#filings tr[data-receipt="{receipt_id}"]'),
          "the upload is in the list")
    wait_for(driver, lambda d: d.find_element(By.ID, "report").get_attribute("data-state") == "loaded"
             and d.find_element(By.ID, "report").get_attribute("data-period") == PERIOD, "the report", timeout=60)
    frame = by_id(driver, "report")
    check("allow-scripts" not in (frame.get_attribute("sandbox") or "x allow-scripts"),
          "the report frame is sandboxed without scripts")
    driver.switch_to.frame(frame)
    charts = driver.find_elements(By.TAG_NAME, "svg")
    title = driver.find_element(By.TAG_NAME, "h1").text if driver.find_elements(By.TAG_NAME, "h1") else ""
    driver.switch_to.default_content()
    check(len(charts) > 0, f"the report holds {len(charts)} <svg> chart(s): {title}")
    shots["district"] = screenshot(driver, "district")

    print("district: English", flush=True)
    by_id(driver, "lang-en").click()
    wait_for(driver, lambda d: d.find_element(By.ID, "report").get_attribute("data-state") == "loaded",
             "the English report", timeout=60)
    driver.switch_to.frame(by_id(driver, "report"))
    heading = driver.find_element(By.TAG_NAME, "h1").text
    driver.switch_to.default_content()
    check("Quarterly" in heading and by_id(driver, "refresh").text == "Refresh",
          f"the report follows the language ({heading})")
    shots["district-en"] = screenshot(driver, "district-en")

    errors = console_errors(driver)
    check(not errors, "no script error or blocked resource in the console" + (f": {errors}" if errors else ""))
    return shots


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=str(ROOT / ".build" / "debug" / "greenledger"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary store and the server log")
    options = parser.parse_args()
    binary = Path(options.binary).resolve()
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="greenledger-browser-"))
    db = work / "history.sqlite"
    server = None
    driver = None
    failed = None
    tokens = []
    try:
        print(f"store {db}", flush=True)
        uscc = lender_uscc(LENDER_SAMPLE)
        lender_token = run(binary, "accounts", "add", "--db", db, "--role", "lender", "--uscc", uscc,
                           "--name", "示例农商行报送岗").strip()
        district_token = run(binary, "accounts", "add", "--db", db, "--role", "district", "--district",
                             DISTRICT, "--name", "龙岗区金融工作局").strip()
        tokens = [lender_token, district_token]
        check(all(t.startswith("glt_") for t in tokens), f"two accounts: lender {uscc}, district {DISTRICT}")
        others = sorted(p for p in SAMPLES.glob("*.xml") if p != LENDER_SAMPLE)
        run(binary, "ingest", "--db", db, *others)
        check(True, f"ingested {len(others)} other samples of {PERIOD}")
        server = Server(binary, db, work / "serve.log")
        check(True, f"serving at {server.url}")
        driver = new_browser()
        sample_sha256 = hashlib.sha256(LENDER_SAMPLE.read_bytes()).hexdigest()
        variants = variants_of(LENDER_SAMPLE, work)
        shots = scenario(driver, server.url, lender_token, district_token, sample_sha256, variants)
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shots["upload"], DOCS_IMAGES / "web-upload.png")
        shutil.copyfile(shots["district"], DOCS_IMAGES / "web-district.png")
        print("  png  Docs/images/web-upload.png, Docs/images/web-district.png", flush=True)
    except (Failure, WebDriverException) as error:
        failed = error
        if driver is not None:
            try:
                OUT.mkdir(exist_ok=True)
                driver.switch_to.default_content()
                driver.save_screenshot(str(OUT / "browser-failure.png"))
                print("  png  out/browser-failure.png", file=sys.stderr)
                for message in console_errors(driver):
                    print(f"  console: {message}", file=sys.stderr)
            except WebDriverException:
                pass
    finally:
        if driver is not None:
            driver.quit()
        if server is not None:
            status = server.stop()
            log = server.text()
            if failed is None:
                try:
                    check(status == 0, f"the server stops on SIGTERM with exit status 0 (got {status})")
                    check(not any(t in log for t in tokens) and "glt_" not in log,
                          "no token in the server's log")
                except Failure as error:
                    failed = error
            if failed is not None:
                print("server log (last lines):", file=sys.stderr)
                print("\n".join(log.splitlines()[-25:]), file=sys.stderr)
        if options.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    seconds = time.monotonic() - started
    if failed is not None:
        print(f"browser-test: FAILED: {failed} ({seconds:.1f} s)", file=sys.stderr)
        return 1
    print(f"browser-test: passed ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
