#!/usr/bin/env python3
"""Benchmarks of `greenledger serve` (filing-service-v1), driven by Benchmarks/service-bench.sh.

    python3 Benchmarks/service_bench.py many --bin GREENLEDGER [--uploads 200] [--clients 8] [--sizes "1 2 4 8"]
    python3 Benchmarks/service_bench.py big  --bin GREENLEDGER [--mb 1000] [--runs 1] [--tmp /tmp]

`many`: the samples (Samples/2026-Q3, 2026-Q2, history) plus generated filings (one distinct lender each) up
to --uploads files; one lender account per lender; a server on a fresh history; every file uploaded once by
--clients threads (http.client, the body sent from disk with sendfile, each with its lender's token); every
answer checked (201 stored / 422 rejected, nothing lost, nothing twice) against the answers and the history
(receipt, filing and audit tables, the archive); then `greenledger ingest` of the same files into another
fresh history, timed, and compared with the upload.

`big`: one generated filing of --mb MiB in --tmp, uploaded to a fresh server whose RSS is sampled from
/proc/PID/status (VmRSS every 20 ms, VmHWM at the end), against `greenledger validate FILE`,
`greenledger ingest` (the same intake without HTTP) and `xmllint --stream --noout FILE`. The big file and the
histories are deleted afterwards.
"""
import argparse
import glob
import hashlib
import http.client
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
GENERATOR = os.path.join(ROOT, "Benchmarks", "generate-filing.py")
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [pow(3, i, 31) for i in range(17)]


def log(message):
    print(message, file=sys.stderr, flush=True)


def uscc_problem(code):
    """Why `code` is not a valid USCC (GB 32100-2015), or None."""
    if len(code) != 18 or any(c not in ALPHABET for c in code):
        return "not 18 USCC characters"
    total = sum(ALPHABET.index(c) * w for c, w in zip(code, WEIGHTS))
    if ALPHABET[(31 - total % 31) % 31] != code[17]:
        return "wrong check character"
    return None


def header(path):
    """(lender USCC, period, revision) from the filing's Header."""
    with open(path, "rb") as f:
        head = f.read(8192).decode("utf-8", "replace")
    uscc = re.search(r'<Lender\b[^>]*\buscc="([^"]*)"', head)
    period = re.search(r"<Period>\s*([^<\s]*)\s*</Period>", head)
    revision = re.search(r"<Revision>\s*([^<\s]*)\s*</Revision>", head)
    return (uscc.group(1) if uscc else "", period.group(1) if period else "",
            revision.group(1) if revision else "1")


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def percentile(values, p):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def proc_status(pid):
    """VmRSS, VmHWM (kB) of a live process."""
    values = {}
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    key, value = line.split(":", 1)
                    values[key] = int(value.split()[0])
    except FileNotFoundError:
        pass
    return values


def proc_cpu_seconds(pid):
    """utime + stime of a live process, in seconds."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_measured(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
    """Runs `command`; returns (exit status, wall seconds, CPU seconds, peak RSS kB) of the child."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=stdout, stderr=stderr)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def warm(paths):
    for path in paths:
        with open(path, "rb") as f:
            while f.read(1 << 20):
                pass


class Server:
    """`greenledger serve --db DB --port 0`, its log in a file, stopped with SIGTERM."""

    def __init__(self, binary, db, logpath, extra=()):
        self.logpath = logpath
        self.logfile = open(logpath, "wb")
        self.process = subprocess.Popen(
            [binary, "serve", "--db", db, "--port", "0", *extra], stdout=subprocess.DEVNULL, stderr=self.logfile)
        self.port = None
        deadline = time.time() + 60
        while time.time() < deadline:
            with open(logpath, "rb") as f:
                found = re.search(rb"listening on http://127\.0\.0\.1:(\d+)", f.read())
            if found:
                self.port = int(found.group(1))
                break
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        if self.port is None:
            self.process.kill()
            raise SystemExit("the server did not start; its log:\n" + open(logpath, errors="replace").read())

    @property
    def pid(self):
        return self.process.pid

    def stop(self):
        """SIGTERM; returns (exit status, seconds to exit)."""
        start = time.perf_counter()
        self.process.send_signal(signal.SIGTERM)
        try:
            status = self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            status = "killed after 60 s"
        self.logfile.close()
        return status, time.perf_counter() - start

    def log_lines(self):
        with open(self.logpath, errors="replace") as f:
            return f.read().splitlines()


class RSSSampler(threading.Thread):
    """Samples a process's VmRSS every `interval` seconds: the peak and a coarse timeline."""

    def __init__(self, pid, interval=0.02):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.samples = []  # (seconds since start, kB)
        self.stopping = threading.Event()
        self.start_time = time.perf_counter()

    def run(self):
        while not self.stopping.is_set():
            rss = proc_status(self.pid).get("VmRSS")
            if rss is not None:
                self.samples.append((time.perf_counter() - self.start_time, rss))
            time.sleep(self.interval)

    def stop(self):
        self.stopping.set()
        self.join()
        return max((kb for _, kb in self.samples), default=0)


def upload(connection_factory, state, path, size, token):
    """POSTs one file (body sent with sendfile from disk); returns (status, body bytes, seconds)."""
    start = time.perf_counter()
    for attempt in (1, 2):
        connection = state.get("connection")
        if connection is None:
            connection = state["connection"] = connection_factory()
        sent_anything = False
        try:
            connection.putrequest("POST", "/v1/filings", skip_accept_encoding=True)
            connection.putheader("Authorization", "Bearer " + token)
            connection.putheader("Content-Type", "application/xml")
            connection.putheader("Content-Length", str(size))
            connection.endheaders()
            sent_anything = True
            with open(path, "rb") as f:
                connection.sock.sendfile(f)
            response = connection.getresponse()
            body = response.read()
            if response.will_close:
                connection.close()
                state["connection"] = None
            return response.status, body, time.perf_counter() - start
        except (ConnectionError, http.client.HTTPException, OSError) as error:
            connection.close()
            state["connection"] = None
            # A kept-alive connection the server closed before anything was sent may be retried once;
            # after the body went out, a retry could file twice, so the error is recorded instead.
            if attempt == 2 or sent_anything:
                return None, repr(error).encode(), time.perf_counter() - start


# ------------------------------------------------------------------------------------------------- many


def prepare_many(args):
    samples = sorted(glob.glob(os.path.join(ROOT, "Samples/2026-Q3/*.xml")))
    samples += sorted(glob.glob(os.path.join(ROOT, "Samples/2026-Q2/*.xml")))
    samples += sorted(glob.glob(os.path.join(ROOT, "Samples/history/*/*.xml")))
    if args.with_invalid:
        samples += sorted(glob.glob(os.path.join(ROOT, "Samples/invalid/*.xml")))
    count = args.uploads - len(samples)
    if count < 0:
        raise SystemExit("--uploads %d is fewer than the %d samples" % (args.uploads, len(samples)))
    sizes = [int(s) for s in args.sizes.split()]
    os.makedirs(args.data, exist_ok=True)
    generated = []
    todo = []
    for i in range(1, count + 1):
        size = sizes[(i - 1) % len(sizes)]
        path = os.path.join(args.data, "gen-%03d-%dmb.xml" % (i, size))
        generated.append(path)
        if not os.path.exists(path):
            todo.append((path, size, i))
    if todo:
        log("generating %d filings in %s …" % (len(todo), args.data))

        def generate(job):
            path, size, lender = job
            # --lender N: its own seed, hence its own USCC (valid check character) and loan ids.
            subprocess.run([sys.executable, GENERATOR, path + ".part", str(size), "--lender", str(lender)],
                           check=True, stderr=subprocess.DEVNULL)
            os.replace(path + ".part", path)

        with ThreadPoolExecutor(max(1, os.cpu_count() or 1)) as pool:
            list(pool.map(generate, todo))
    files = samples + generated
    # Each filing must be storable: a valid lender USCC and its own (lender, period, revision), its own bytes.
    keys, hashes, problems = {}, {}, []
    info = []
    for path in files:
        uscc, period, revision = header(path)
        digest = sha256(path)
        invalid_sample = "/Samples/invalid/" in path
        if not invalid_sample:
            problem = uscc_problem(uscc)
            if problem:
                problems.append("%s: lender USCC %s: %s" % (path, uscc, problem))
            key = (uscc, period, revision)
            if key in keys:
                problems.append("%s: the same lender, period and revision as %s" % (path, keys[key]))
            keys[key] = path
        if digest in hashes:
            problems.append("%s: the same bytes as %s" % (path, hashes[digest]))
        hashes[digest] = path
        info.append({"path": path, "uscc": uscc, "period": period, "revision": revision, "sha256": digest,
                     "bytes": os.path.getsize(path), "sample": path in samples})
    if problems:
        raise SystemExit("the filing set is not storable:\n  " + "\n  ".join(problems))
    return info


def add_accounts(binary, db, usccs):
    tokens = {}
    for n, uscc in enumerate(sorted(usccs), 1):
        if uscc_problem(uscc):
            continue  # a deliberately broken sample's lender cannot have an account
        out = subprocess.run([binary, "accounts", "add", "--db", db, "--role", "lender", "--uscc", uscc,
                              "--name", "基准测试银行%03d" % n], check=True, capture_output=True, text=True)
        token = out.stdout.strip()
        if not token.startswith("glt_"):
            raise SystemExit("accounts add printed no token for %s: %r" % (uscc, out.stdout))
        tokens[uscc] = token
    return tokens


def upload_all(server, files, tokens, clients):
    jobs = list(files)
    random.Random(7).shuffle(jobs)  # samples among the generated ones, the same order every run
    lock = threading.Lock()
    results = []
    cursor = iter(jobs)

    def factory():
        return http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)

    def client():
        state = {}
        while True:
            with lock:
                job = next(cursor, None)
            if job is None:
                break
            token = tokens.get(job["uscc"]) or next(iter(tokens.values()))
            status, body, seconds = upload(factory, state, job["path"], job["bytes"], token)
            with lock:
                results.append((job, status, body, seconds))
        if state.get("connection") is not None:
            state["connection"].close()

    cpu_before = proc_cpu_seconds(server.pid)
    own_before = os.times()
    start = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    own_after = os.times()
    server_cpu = proc_cpu_seconds(server.pid) - cpu_before
    client_cpu = (own_after.user - own_before.user) + (own_after.system - own_before.system)
    return results, wall, server_cpu, client_cpu


def check_history(db, expected_receipts, label):
    """Rows of the history, and problems found against the receipts the uploads returned."""
    problems = []
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    rows = con.execute("SELECT id, filing_id, status, sha256, lender_uscc, period, revision FROM receipt").fetchall()
    filings = con.execute("SELECT id, sha256 FROM filing").fetchall()
    audit = dict(con.execute("SELECT action, count(*) FROM audit GROUP BY action").fetchall())
    con.close()
    ids = [r[0] for r in rows]
    if len(set(ids)) != len(ids):
        problems.append("%s: a receipt id twice in the receipt table" % label)
    by_sha = {}
    for r in rows:
        by_sha.setdefault(r[3], []).append(r[0])
    for digest, receipt_ids in by_sha.items():
        if len(receipt_ids) > 1:
            problems.append("%s: %d receipts for the same bytes %s…: %s" % (label, len(receipt_ids), digest[:12],
                                                                          ", ".join(receipt_ids)))
    filing_shas = [f[1] for f in filings]
    if len(set(filing_shas)) != len(filing_shas):
        problems.append("%s: the same bytes stored twice in the filing table" % label)
    stored_receipts = [r for r in rows if r[2] == "stored"]
    if {r[1] for r in stored_receipts} != {f[0] for f in filings}:
        problems.append("%s: stored receipts and filing rows differ (%d receipts, %d filings)"
                        % (label, len(stored_receipts), len(filings)))
    if expected_receipts is not None:
        table = {r[0]: r for r in rows}
        for receipt_id, digest in expected_receipts.items():
            row = table.get(receipt_id)
            if row is None:
                problems.append("%s: receipt %s was answered but is not in the history" % (label, receipt_id))
            elif row[3] != digest:
                problems.append("%s: receipt %s has another sha256 in the history" % (label, receipt_id))
        for receipt_id in set(table) - set(expected_receipts):
            problems.append("%s: receipt %s is in the history but no upload got it" % (label, receipt_id))
    return {"receipts": len(rows), "stored": len(stored_receipts),
            "rejected": sum(1 for r in rows if r[2] == "rejected"), "filings": len(filings),
            "audit": audit, "shas": set(by_sha)}, problems


def archive_count(db):
    directory = db + ".archive"
    kept = glob.glob(os.path.join(directory, "??", "*.xml"))
    incoming = glob.glob(os.path.join(directory, ".incoming-*"))
    return len(kept), len(incoming)


def many(args):
    files = prepare_many(args)
    total_bytes = sum(f["bytes"] for f in files)
    samples = sum(1 for f in files if f["sample"])
    log("%d filings (%d samples, %d generated), %.1f MB" % (len(files), samples, len(files) - samples,
                                                            total_bytes / 1e6))
    work = tempfile.mkdtemp(prefix="greenledger-service-bench-", dir=args.tmp)
    problems = []
    try:
        db = os.path.join(work, "service.sqlite")
        started = time.perf_counter()
        tokens = add_accounts(args.bin, db, {f["uscc"] for f in files})
        log("%d lender accounts in %.1f s" % (len(tokens), time.perf_counter() - started))
        warm(f["path"] for f in files)

        server = Server(args.bin, db, os.path.join(work, "serve.log"))
        log("server pid %d on port %d; %d clients uploading …" % (server.pid, server.port, args.clients))
        rss_start = proc_status(server.pid)
        results, wall, server_cpu, client_cpu = upload_all(server, files, tokens, args.clients)
        rss_end = proc_status(server.pid)
        status, stop_seconds = server.stop()
        if status != 0:
            problems.append("the server exited %s on SIGTERM (the contract says 0)" % status)
        requests_logged = sum(1 for line in server.log_lines() if "/v1/filings" in line)

        statuses = {}
        receipts = {}
        latencies = []
        for job, code, body, seconds in results:
            latencies.append(seconds)
            statuses[code] = statuses.get(code, 0) + 1
            invalid_sample = "/Samples/invalid/" in job["path"]
            if invalid_sample and code in (403, 409):
                continue  # the broken USCC (403) and a second ACCEPTed fixture of valid-base's lender (409)
            if code in (200, 201, 422):
                try:
                    receipt = json.loads(body)
                except ValueError:
                    problems.append("%s: %s with a body that is not JSON" % (job["path"], code))
                    continue
                if receipt.get("sha256") != job["sha256"]:
                    problems.append("%s: the receipt's sha256 is not the file's" % job["path"])
                if receipt.get("bytes") != job["bytes"]:
                    problems.append("%s: the receipt says %s bytes, the file has %d"
                                    % (job["path"], receipt.get("bytes"), job["bytes"]))
                if receipt["receipt"] in receipts:
                    problems.append("receipt %s answered twice" % receipt["receipt"])
                if code == 200:
                    problems.append("%s: 200 duplicate, though every file is uploaded once" % job["path"])
                if code == 422 and not invalid_sample:
                    problems.append("%s: 422 rejected: %s" % (job["path"], [
                        (x.get("rule"), x.get("message")) for x in receipt.get("findings", [])[:3]]))
                receipts[receipt["receipt"]] = job["sha256"]
            else:
                problems.append("%s: %s %s" % (job["path"], code, body[:300].decode("utf-8", "replace")))
        if len(results) != len(files):
            problems.append("%d uploads answered of %d" % (len(results), len(files)))
        history, found = check_history(db, receipts, "service")
        problems += found
        kept, incoming = archive_count(db)
        if kept != len(receipts):
            problems.append("service archive holds %d files for %d receipts" % (kept, len(receipts)))
        if incoming:
            problems.append("service archive: %d .incoming-* files left behind" % incoming)
        if history["audit"].get("file", 0) != statuses.get(201, 0):
            problems.append("audit 'file' events %d, 201 answers %d" % (history["audit"].get("file", 0),
                                                                       statuses.get(201, 0)))
        if history["audit"].get("reject", 0) != statuses.get(422, 0):
            problems.append("audit 'reject' events %d, 422 answers %d" % (history["audit"].get("reject", 0),
                                                                         statuses.get(422, 0)))

        # The same files through the command line, into a fresh history.
        cli_db = os.path.join(work, "cli.sqlite")
        warm(f["path"] for f in files)
        with open(os.path.join(work, "ingest.out"), "wb") as out, open(os.path.join(work, "ingest.err"), "wb") as err:
            code, cli_wall, cli_cpu, cli_rss = run_measured(
                [args.bin, "ingest", "--db", cli_db] + [f["path"] for f in files], stdout=out, stderr=err)
        expected_code = 1 if args.with_invalid else 0
        if code != expected_code:
            problems.append("greenledger ingest exited %d (expected %d): %s" % (
                code, expected_code, open(os.path.join(work, "ingest.err"), errors="replace").read()[-600:]))
        cli_history, found = check_history(cli_db, None, "ingest")
        problems += found
        valid_shas = {f["sha256"] for f in files if "/Samples/invalid/" not in f["path"]}
        if cli_history["shas"] & valid_shas != history["shas"] & valid_shas:
            problems.append("ingest and the service hold different filings (%d vs %d sha256)"
                            % (len(cli_history["shas"]), len(history["shas"])))
        if cli_history["stored"] != history["stored"] and not args.with_invalid:
            problems.append("ingest stored %d, the service %d" % (cli_history["stored"], history["stored"]))

        mb = total_bytes / 1e6
        n = len(files)
        print()
        print("filings: %d (%d samples, %d generated of %s MB), %.1f MB; %d clients; machine: %d cores, "
              "load %.2f" % (n, samples, n - samples, args.sizes.replace(" ", "/"), mb, args.clients,
                             os.cpu_count(), os.getloadavg()[0]))
        print("answers: %s (%d of them from Samples/invalid); history: %d receipts (%d stored, %d rejected), %d filings, audit %s; archive %d files"
              % (", ".join("%s×%s" % (v, k) for k, v in sorted(statuses.items(), key=lambda kv: str(kv[0]))),
                 sum(1 for job, _, _, _ in results if "/Samples/invalid/" in job["path"]),
                 history["receipts"], history["stored"], history["rejected"], history["filings"],
                 json.dumps(history["audit"], sort_keys=True), kept))
        print()
        print("%-26s %8s %10s %8s %9s %9s %10s %9s" % ("case", "seconds", "filings/s", "MB/s", "p50 ms",
                                                     "p99 ms", "CPU s", "RSS MB"))
        print("%-26s %8.2f %10.1f %8.1f %9.1f %9.1f %10.2f %9.1f" % (
            "serve (%d clients)" % args.clients, wall, n / wall, mb / wall, percentile(latencies, 50) * 1000,
            percentile(latencies, 99) * 1000, server_cpu, rss_end.get("VmHWM", 0) / 1024))
        print("%-26s %8.2f %10.1f %8.1f %9s %9s %10.2f %9.1f" % (
            "ingest (CLI)", cli_wall, n / cli_wall, mb / cli_wall, "-", "-", cli_cpu, cli_rss / 1024))
        print()
        print("python clients' own CPU during the upload: %.2f s; server VmRSS %.1f MB before, %.1f MB "
              "after (the table shows VmHWM, its peak); SIGTERM → exit in %.2f s; %d request lines logged"
              % (client_cpu, rss_start.get("VmRSS", 0) / 1024, rss_end.get("VmRSS", 0) / 1024, stop_seconds,
                 requests_logged))
        ratio = (n / wall) / (n / cli_wall)
        print("throughput service / CLI: %.3f (goal ≥ 0.80: %s)" % (ratio, "met" if ratio >= 0.8 else "NOT met"))
        print("receipts: %s" % ("every upload has exactly one, none lost or duplicated" if not problems
                                else "%d PROBLEMS" % len(problems)))
        for p in problems[:40]:
            print("  PROBLEM: " + p)
        if args.keep:
            print("kept: %s" % work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if problems else 0


# -------------------------------------------------------------------------------------------------- big


def big(args):
    free = shutil.disk_usage(args.tmp).free
    # the filing, the archived copy, ingest's copy, slack; and a filing and a copy for each parallel one more
    need = args.mb * (1 << 20) * (3 + 2 * (max(1, args.parallel) - 1)) + (1 << 30)
    if free < need:
        raise SystemExit("%s has %.1f GB free, %.1f GB needed" % (args.tmp, free / 1e9, need / 1e9))
    log("%s: %.1f GB free" % (args.tmp, free / 1e9))
    work = tempfile.mkdtemp(prefix="greenledger-upload-1g-", dir=args.tmp)
    rows = {}
    problems = []
    try:
        path = os.path.join(work, "filing-%dmb.xml" % args.mb)
        log("generating %s (%d MiB) …" % (path, args.mb))
        started = time.perf_counter()
        subprocess.run([sys.executable, GENERATOR, path, str(args.mb), "--lender", "999"], check=True)
        log("generated in %.0f s" % (time.perf_counter() - started))
        size = os.path.getsize(path)
        if size > args.max_upload_mb * (1 << 20):
            raise SystemExit("the filing (%d bytes) is larger than --max-upload-mb %d" % (size, args.max_upload_mb))
        uscc, _, _ = header(path)
        digest = sha256(path)
        warm([path])

        def add(name, seconds, rss_kb, cpu=None, note=""):
            rows.setdefault(name, []).append((seconds, rss_kb, cpu, note))

        for run in range(1, args.runs + 1):
            # xmllint --stream: the parser alone
            code, wall, cpu, rss = run_measured(["xmllint", "--stream", "--noout", path])
            add("xmllint --stream", wall, rss, cpu)
            log("run %d: xmllint %.2f s (exit %d)" % (run, wall, code))
            # greenledger validate
            code, wall, cpu, rss = run_measured([args.bin, "validate", path])
            add("greenledger validate", wall, rss, cpu)
            if code != 0:
                problems.append("validate exited %d" % code)
            log("run %d: validate %.2f s (exit %d)" % (run, wall, code))
            # greenledger ingest: the same intake as the upload (hash, archive + fsync, validate, store), no HTTP
            cli_db = os.path.join(work, "ingest-%d.sqlite" % run)
            code, wall, cpu, rss = run_measured([args.bin, "ingest", "--db", cli_db, path])
            add("greenledger ingest", wall, rss, cpu)
            if code != 0:
                problems.append("ingest exited %d" % code)
            log("run %d: ingest %.2f s (exit %d)" % (run, wall, code))
            shutil.rmtree(cli_db + ".archive", ignore_errors=True)
            # upload to a fresh server
            db = os.path.join(work, "service-%d.sqlite" % run)
            token = add_accounts(args.bin, db, {uscc})[uscc]
            server = Server(args.bin, db, os.path.join(work, "serve-%d.log" % run))
            time.sleep(0.2)
            idle = proc_status(server.pid)
            sampler = RSSSampler(server.pid)
            sampler.start()
            cpu_before = proc_cpu_seconds(server.pid)
            state = {}
            status, body, wall = upload(
                lambda: http.client.HTTPConnection("127.0.0.1", server.port, timeout=3600), state, path, size, token)
            server_cpu = proc_cpu_seconds(server.pid) - cpu_before
            peak_sampled = sampler.stop()
            after = proc_status(server.pid)
            if state.get("connection") is not None:
                state["connection"].close()
            stop_status, _ = server.stop()
            note = "HTTP %s" % status
            if status == 201:
                receipt = json.loads(body)
                if receipt.get("sha256") != digest:
                    problems.append("upload: the receipt's sha256 is not the file's")
                note += ", %s loans, %s errors, %s warnings" % (receipt.get("loans"), receipt.get("errors"),
                                                                  receipt.get("warnings"))
            else:
                problems.append("upload answered %s: %s" % (status, body[:300]))
            if stop_status != 0:
                problems.append("server exited %s on SIGTERM" % stop_status)
            add("upload (serve)", wall, after.get("VmHWM", 0), server_cpu, note)
            log("run %d: upload %.2f s, %s; server VmHWM %.1f MB (idle %.1f MB, sampled peak %.1f MB)"
                % (run, wall, note, after.get("VmHWM", 0) / 1024, idle.get("VmRSS", 0) / 1024, peak_sampled / 1024))
            timeline = sampler.samples
            if timeline:
                step = max(1, len(timeline) // 12)
                log("  server RSS timeline (s: MB): " + ", ".join(
                    "%.1f: %.0f" % (t, kb / 1024) for t, kb in timeline[::step]))
            shutil.rmtree(db + ".archive", ignore_errors=True)

        parallel = None
        if args.parallel > 1:
            parallel = upload_in_parallel(args, work, path, problems)

        def median(values):
            ordered = sorted(values)
            return ordered[(len(ordered) - 1) // 2]

        print()
        print("file: %s, %.1f MB (%d MiB target), %d run(s); median wall time, peak RSS the highest"
              % (os.path.basename(path), size / 1e6, args.mb, args.runs))
        print("%-22s %9s %8s %9s %10s  %s" % ("case", "seconds", "MB/s", "CPU s", "peak RSS MB", "runs (s)"))
        medians = {}
        for name in ["upload (serve)", "greenledger ingest", "greenledger validate", "xmllint --stream"]:
            values = rows.get(name, [])
            if not values:
                continue
            seconds = median([v[0] for v in values])
            medians[name] = seconds
            print("%-22s %9.2f %8.1f %9.2f %10.1f  %s" % (
                name, seconds, size / 1e6 / seconds, median([v[2] or 0 for v in values]),
                max(v[1] for v in values) / 1024, " ".join("%.2f" % v[0] for v in values)))
        print()
        up, val = medians["upload (serve)"], medians["greenledger validate"]
        rss = max(v[1] for v in rows["upload (serve)"]) / 1024
        print("upload / validate: %.3f (goal ≤ 1.10: %s)" % (up / val, "met" if up / val <= 1.10 else "NOT met"))
        print("upload / ingest:   %.2f" % (up / medians["greenledger ingest"]))
        print("upload / xmllint:  %.2f" % (up / medians["xmllint --stream"]))
        print("server peak RSS (VmHWM): %.1f MB (goal < 128 MB: %s)" % (rss, "met" if rss < 128 else "NOT met"))
        print("upload answer: %s" % rows["upload (serve)"][0][3])
        if parallel:
            hwm, wall, answers = parallel
            print("%d different %d MiB filings uploaded at once: %.2f s (%.1f MB/s in all), answers %s, server "
                  "peak RSS (VmHWM) %.1f MB (goal < 128 MB: %s)"
                  % (args.parallel, args.mb, wall, args.parallel * size / 1e6 / wall, answers, hwm,
                     "met" if hwm < 128 else "NOT met"))
        for p in problems:
            print("  PROBLEM: " + p)
        if args.keep:
            print("kept: %s" % work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if problems else 0


def upload_in_parallel(args, work, first, problems):
    """Uploads --parallel different filings of --mb MiB at once to a fresh server (as many as --jobs lets
    validate at once: the cores); returns (VmHWM MB, wall seconds, statuses)."""
    paths = [first]
    for k in range(1, args.parallel):
        path = os.path.join(work, "filing-%dmb-%d.xml" % (args.mb, k))
        log("generating %s …" % path)
        subprocess.run([sys.executable, GENERATOR, path, str(args.mb), "--lender", str(999 - k)], check=True)
        paths.append(path)
    free = shutil.disk_usage(args.tmp).free
    if free < sum(os.path.getsize(p) for p in paths) + (1 << 30):
        problems.append("not enough free disk for %d archived copies" % len(paths))
        return None
    warm(paths)
    db = os.path.join(work, "service-parallel.sqlite")
    headers = [header(p)[0] for p in paths]
    tokens = add_accounts(args.bin, db, set(headers))
    server = Server(args.bin, db, os.path.join(work, "serve-parallel.log"))
    sampler = RSSSampler(server.pid)
    sampler.start()
    results = [None] * len(paths)

    def one(i):
        results[i] = upload(lambda: http.client.HTTPConnection("127.0.0.1", server.port, timeout=3600), {},
                            paths[i], os.path.getsize(paths[i]), tokens[headers[i]])

    start = time.perf_counter()
    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(paths))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    sampler.stop()
    hwm = proc_status(server.pid).get("VmHWM", 0) / 1024
    server.stop()
    statuses = [r[0] for r in results]
    if any(code != 201 for code in statuses):
        problems.append("parallel uploads answered %s" % statuses)
    log("parallel: %d uploads in %.2f s, %s, VmHWM %.1f MB; RSS timeline (s: MB): %s" % (
        len(paths), wall, statuses, hwm, ", ".join(
            "%.1f: %.0f" % (t, kb / 1024) for t, kb in sampler.samples[::max(1, len(sampler.samples) // 12)])))
    shutil.rmtree(db + ".archive", ignore_errors=True)
    for path in paths[1:]:
        os.unlink(path)
    return hwm, wall, statuses


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    m = sub.add_parser("many", help="200 uploads from 8 clients against greenledger ingest")
    m.add_argument("--bin", required=True)
    m.add_argument("--uploads", type=int, default=200)
    m.add_argument("--clients", type=int, default=8)
    m.add_argument("--sizes", default="1 2 4 8", help="MiB of the generated filings, in turn")
    m.add_argument("--data", default=os.path.join(ROOT, "Benchmarks", ".data", "service-bench"))
    m.add_argument("--with-invalid", action="store_true", help="also upload Samples/invalid (422s)")
    m.add_argument("--tmp", default=tempfile.gettempdir())
    m.add_argument("--keep", action="store_true", help="keep the histories and logs")
    b = sub.add_parser("big", help="one ~1 GB upload: server RSS and time against validate and xmllint")
    b.add_argument("--bin", required=True)
    b.add_argument("--mb", type=int, default=1000)
    b.add_argument("--runs", type=int, default=1)
    b.add_argument("--max-upload-mb", type=int, default=1024)
    b.add_argument("--tmp", default=tempfile.gettempdir())
    b.add_argument("--parallel", type=int, default=1,
                   help="then also upload this many different filings of --mb MiB at once (peak RSS)")
    b.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    sys.exit(many(args) if args.mode == "many" else big(args))


if __name__ == "__main__":
    main()
