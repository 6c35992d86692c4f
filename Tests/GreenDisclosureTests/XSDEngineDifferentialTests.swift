import Foundation
import GreenDisclosure
import Synchronization
import Testing

/// The two XSD engines decide alike: over the samples, Samples/invalid/, the hostile-input corpus and tens of
/// thousands of seeded, schema-aware mutations, the compiled engine (the XSD compiled into generated tables)
/// and libxml2's XSD engine plugged into the same SAX stream give every document the same valid/invalid
/// decision and the same verdict, and every document the XSD rejects gets a located finding.
///
/// A mismatch is written to `$TMPDIR/greenledger-xsd-diff/` (the first 20 of a run), to replay with
/// `greenledger validate --xsd-engine …` or `xmllint --noout --schema Schemas/disclosure-v1.xsd FILE`.
/// `GREENLEDGER_XSD_MUTANTS` overrides the number of mutants per seed (5,000).
// Serialized: each seed's mutants run on a thread of their own, one seed at a time, so that the suite keeps
// one core busy rather than five threads' worth while the rest of the tests run (CI on 2 cores timed a
// trivial test out beside five).
@Suite(.serialized, .timeLimit(.minutes(10))) struct XSDEngineDifferentialTests {
    // MARK: Running both engines

    static func options(_ engine: XSDEngine) -> ReaderOptions {
        var options = ReaderOptions(storedFindingsPerRule: 5)
        options.pipelined = false
        options.xsdEngine = engine
        return options
    }

    /// How the compiled engine classified a document.
    enum Outcome: Hashable {
        /// The pass stopped early (malformed XML, a size limit, not a disclosure).
        case incomplete
        case schemaInvalid
        case schemaValid
    }

    /// Both engines' reports of one document.
    struct Pair {
        let compiled: ValidationReport
        let libxml2: ValidationReport

        var outcome: Outcome {
            !compiled.completed ? .incomplete : compiled.schemaViolations > 0 ? .schemaInvalid : .schemaValid
        }

        /// What the engines disagree on (empty when they agree).
        var problems: [String] {
            let a = compiled
            let b = libxml2
            var problems: [String] = []
            if a.completed != b.completed {
                problems.append("completed: compiled \(a.completed), libxml2 \(b.completed)")
            }
            guard a.completed, b.completed else {
                if a.verdict() != .reject || b.verdict() != .reject {
                    problems.append(
                        "an incomplete pass must reject: compiled \(a.verdict()), libxml2 \(b.verdict())")
                }
                return problems
            }
            if (a.schemaViolations > 0) != (b.schemaViolations > 0) {
                problems.append(
                    "schema-valid: compiled \(a.schemaViolations == 0) (\(a.schemaViolations) violations), "
                        + "libxml2 \(b.schemaViolations == 0) (\(b.schemaViolations) violations)")
            }
            if a.verdict() != b.verdict() {
                problems.append("verdict: compiled \(a.verdict()), libxml2 \(b.verdict())")
            }
            if a.schemaViolations > 0,
                !a.diagnostics.contains(where: { $0.severity == .error && $0.line >= 1 && $0.column >= 1 })
            {
                problems.append(
                    "the compiled engine found \(a.schemaViolations) XSD violations but no located error")
            }
            return problems
        }
    }

    static func run(_ bytes: [UInt8]) throws -> Pair {
        Pair(
            compiled: try DisclosureReader.validate(
                .bytes(bytes, name: "mutant.xml"), options: options(.compiled)),
            libxml2: try DisclosureReader.validate(
                .bytes(bytes, name: "mutant.xml"), options: options(.libxml2)))
    }

    // MARK: Recording mismatches

    /// Mismatches recorded in this process, across the tests running in parallel.
    static let recorded = Mutex(0)
    /// `GREENLEDGER_XSD_RECORD` raises it when investigating.
    static let recordLimit =
        ProcessInfo.processInfo.environment["GREENLEDGER_XSD_RECORD"].flatMap { Int($0) } ?? 20

    /// Where mismatching documents are written; emptied once per test process (on first use: each test
    /// that records touches it first, so a run leaves only its own mismatches).
    static let mismatchFolder: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("greenledger-xsd-diff")
        try? FileManager.default.removeItem(at: folder)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    static func summary(_ report: ValidationReport) -> String {
        let head =
            "completed \(report.completed), \(report.schemaViolations) XSD violations, \(report.verdict())"
        let findings = report.diagnostics.prefix(3).map {
            "\($0.line):\($0.column) \($0.ruleID) \($0.message.prefix(160))"
        }
        return ([head] + findings).joined(separator: "\n    ")
    }

    /// Runs both engines on `bytes` and expects them to agree; returns the compiled engine's outcome and
    /// whether they agreed. Only the first ``recordLimit`` mismatches of the process are recorded (with the
    /// document written out); each test counts and expects zero in the end.
    static func check(_ bytes: [UInt8], round: String, mutation: String) throws -> (Outcome, agreed: Bool) {
        let pair = try run(bytes)
        let problems = pair.problems
        guard !problems.isEmpty else { return (pair.outcome, true) }
        let index = recorded.withLock { count -> Int in
            count += 1
            return count
        }
        guard index <= recordLimit else { return (pair.outcome, false) }
        let safe = String(round.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }.prefix(80))
        let url = mismatchFolder.appendingPathComponent("\(index)-\(safe).xml")
        try? Data(bytes).write(to: url)
        #expect(
            problems.isEmpty,
            """
            XSD engines disagree on \(round) (\(mutation)): \(problems.joined(separator: "; "))
              compiled: \(summary(pair.compiled))
              libxml2:  \(summary(pair.libxml2))
              document: \(url.path)
            """)
        return (pair.outcome, false)
    }

    // MARK: The fixed corpus

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    static func sampleURLs(_ folders: [String]) -> [URL] {
        folders.flatMap { folder in
            SampleFilingTests.files(folder).map {
                SampleFilingTests.samples.appendingPathComponent(folder).appendingPathComponent($0)
            }
        }
    }

    /// 2026-Q2, 2026-Q3, the history quarters present, invalid/, and Samples/valid-base.xml.
    static var allSampleURLs: [URL] {
        let history = SampleFilingTests.samples.appendingPathComponent("history").path
        let quarters = ((try? FileManager.default.contentsOfDirectory(atPath: history)) ?? []).sorted().map {
            "history/\($0)"
        }
        return sampleURLs(["2026-Q2", "2026-Q3", "invalid"] + quarters)
            + [SampleFilingTests.samples.appendingPathComponent("valid-base.xml")]
    }

    /// Every file under Tests/GreenDisclosureTests/Fixtures, fuzz corpus included.
    static var fixtureURLs: [URL] {
        let enumerator = FileManager.default.enumerator(
            at: fixtures, includingPropertiesForKeys: [.isRegularFileKey])
        var urls: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                urls.append(url)
            }
        }
        return urls.sorted { $0.path < $1.path }
    }

    /// The documents HostileInputTests and StopAndMutationTests build, rebuilt the same way.
    static func hostileDocuments() throws -> [(String, [UInt8])] {
        let base = try String(
            contentsOf: SampleFilingTests.samples.appendingPathComponent("invalid/valid-base.xml"),
            encoding: .utf8)
        var documents: [(String, String)] = [
            (
                "external entity",
                """
                <?xml version="1.0"?>
                <!DOCTYPE Disclosure [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <Disclosure xmlns="urn:greenledger:disclosure:1" version="1.0">&x;</Disclosure>
                """
            ),
            ("empty", ""),
            ("deep nesting", HostileInputTests.header + String(repeating: "<Header>", count: 10_000)),
            (
                "deep nesting with attributes",
                HostileInputTests.header + String(repeating: "<Header a=\"1\" b=\"2\">", count: 5000)
            ),
            (
                "html root",
                "<?xml version=\"1.0\"?>\n<html><body>" + String(repeating: "<p/>", count: 1000)
                    + "</body></html>"
            ),
            (
                "html root with attributes",
                "<?xml version=\"1.0\"?>\n<html lang=\"en\" class=\"x\"><body a=\"1\">"
                    + String(repeating: "<p b=\"2\"/>", count: 5000) + "</body></html>"
            ),
        ]
        var entities = "<!ENTITY lol \"lol\">"
        for level in 1...9 {
            entities +=
                "<!ENTITY lol\(level) \""
                + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">"
        }
        documents.append(
            ("billion laughs", "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\(entities)]>\n<lolz>&lol9;</lolz>"))
        for amount in [
            "1234.567", "1e9", "12.34abc", "1,234.56", String(repeating: "9", count: 40), "-100.00",
        ] {
            documents.append(
                (
                    "hostile amount \(amount)",
                    base.replacingOccurrences(of: "<Balance>822935.00", with: "<Balance>\(amount)")
                ))
        }
        let row =
            "<District code=\"440307\"><TotalLoans>1</TotalLoans><GreenLoans>0</GreenLoans></District>\n"
        if let anchor = base.range(of: "    <District") {
            var rows = base
            rows.insert(contentsOf: String(repeating: row, count: 1200), at: anchor.lowerBound)
            documents.append(("1200 district rows", rows))
        }
        if let body = base.split(separator: "?>", maxSplits: 1).last {
            documents.append(
                (
                    "padded declaration",
                    "<?xml version=\"1.0\"" + String(repeating: " ", count: 600) + "encoding=\"ISO-8859-1\"?>"
                        + body
                ))
            documents.append(("XML 1.1", "<?xml version=\"1.1\" encoding=\"UTF-8\"?>" + body))
        }
        var result = documents.map { ($0.0, Array($0.1.utf8)) }
        var generator = SplitMix64(seed: 20_261_124)
        result.append(("binary", (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        let bytes = Array(base.utf8)
        for cut in stride(from: 1, to: bytes.count - 20, by: 97) {
            result.append(("cut at \(cut)", Array(bytes.prefix(cut))))
        }
        return result
    }

    /// The samples, the fixtures and the hostile documents: both engines decide alike.
    @Test func samplesFixturesAndHostileInputsAgree() throws {
        _ = Self.mismatchFolder  // emptied before anything is written to it
        var documents: [(String, [UInt8])] = []
        for url in Self.allSampleURLs + Self.fixtureURLs {
            let relative = url.path.replacingOccurrences(
                of: SampleFilingTests.samples.deletingLastPathComponent().path + "/", with: "")
            documents.append((relative, Array(try Data(contentsOf: url))))
        }
        let files = documents.count
        documents += try Self.hostileDocuments()
        #expect(files >= 100)
        var mismatches = 0
        var outcomes: [Outcome: Int] = [:]
        for (name, bytes) in documents {
            let (outcome, agreed) = try Self.check(bytes, round: name, mutation: "as is")
            outcomes[outcome, default: 0] += 1
            if !agreed { mismatches += 1 }
        }
        #expect(mismatches == 0, "\(mismatches) of \(documents.count) documents mismatched")
        #expect(outcomes[.schemaInvalid, default: 0] > 0 && outcomes[.schemaValid, default: 0] > 0)
    }

    /// Every filing of the quarters and the base of the broken files is schema-valid under both engines.
    @Test func theQuartersFilingsAreSchemaValidUnderBothEngines() throws {
        let urls =
            Self.sampleURLs(["2026-Q2", "2026-Q3"])
            + [SampleFilingTests.samples.appendingPathComponent("valid-base.xml")]
        #expect(urls.count >= 16)
        for url in urls {
            let pair = try Self.run(Array(try Data(contentsOf: url)))
            for (engine, report) in [("compiled", pair.compiled), ("libxml2", pair.libxml2)] {
                #expect(report.completed, "\(url.lastPathComponent) (\(engine))")
                #expect(
                    report.schemaViolations == 0,
                    "\(url.lastPathComponent) (\(engine)): \(Self.summary(report))")
            }
        }
    }

    /// Each broken sample gets the same verdict and the same rules from both engines.
    @Test func theBrokenSamplesGetTheSameRulesUnderBothEngines() throws {
        let urls = Self.sampleURLs(["invalid"])
        #expect(urls.count >= 30)
        for url in urls {
            let pair = try Self.run(Array(try Data(contentsOf: url)))
            let name = url.lastPathComponent
            #expect(pair.compiled.verdict() == pair.libxml2.verdict(), "\(name)")
            // A set: GL-XSD-001 (like every rule) must be present in both or neither; counts may differ.
            let compiled = Set(pair.compiled.diagnostics.map(\.ruleID))
            let libxml2 = Set(pair.libxml2.diagnostics.map(\.ruleID))
            #expect(
                compiled == libxml2,
                """
                \(name): compiled \(compiled.sorted()) vs libxml2 \(libxml2.sorted())
                  compiled: \(Self.summary(pair.compiled))
                  libxml2:  \(Self.summary(pair.libxml2))
                """)
        }
    }

    // MARK: Seeded, schema-aware mutations

    static let seeds: [UInt64] = [20_261_211, 20_261_212, 20_261_213, 20_261_214]

    static var mutantsPerSeed: Int {
        ProcessInfo.processInfo.environment["GREENLEDGER_XSD_MUTANTS"].flatMap { Int($0) } ?? 5_000
    }

    /// Each seed's mutants: both engines agree on each.
    @Test("seeded schema-aware mutants get the same decision from both engines", arguments: seeds)
    func seededMutants(seed: UInt64) async throws {
        _ = Self.mismatchFolder
        let sources = try Self.mutationSources()
        let count = Self.mutantsPerSeed
        let (mismatches, outcomes) = try await Self.onAThreadOfItsOwn {
            var mutator = SchemaMutator(seed: seed, sources: sources)
            var mismatches = 0
            var outcomes: [Outcome: Int] = [:]
            for round in 0..<count {
                let mutant = mutator.next()
                let (outcome, agreed) = try Self.check(
                    mutant.bytes, round: "seed \(seed) round \(round) from \(mutant.source)",
                    mutation: mutant.description)
                outcomes[outcome, default: 0] += 1
                if !agreed { mismatches += 1 }
            }
            return (mismatches, outcomes)
        }
        #expect(
            mismatches == 0,
            """
            seed \(seed): \(mismatches) of \(count) mutants mismatched; outcomes \(outcomes) (the first \
            \(Self.recordLimit) mismatches of the run are recorded)
            """)
    }

    /// Runs minutes of synchronous parsing on a thread of its own, not on Swift concurrency's cooperative
    /// pool (two threads on two cores): hogging it starves the suites whose timers and uploads run there
    /// (a watchdog test timed out beside these mutants before they moved here).
    static func onAThreadOfItsOwn<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.start()
        }
    }

    /// The mutants exercise both sides of the schema: at least 30 % are read whole and schema-invalid and
    /// at least 10 % read whole and schema-valid (by the compiled engine; the tests above check libxml2
    /// agrees). The first 1,000 mutants of every seed, the same ones `seededMutants` starts with.
    @Test func mutantsExerciseBothSidesOfTheSchema() async throws {
        let sources = try Self.mutationSources()
        let (outcomes, operators, total) = try await Self.onAThreadOfItsOwn {
            try Self.outcomesOfTheFirstMutants(sources)
        }
        let invalid = Double(outcomes[.schemaInvalid, default: 0]) / Double(total)
        let valid = Double(outcomes[.schemaValid, default: 0]) / Double(total)
        #expect(invalid >= 0.30, "completed and schema-invalid: \(outcomes) of \(total)")
        #expect(valid >= 0.10, "completed and schema-valid: \(outcomes) of \(total)")
        // Every operator was applied.
        #expect(Set(operators.keys) == Set(SchemaMutator.Operator.allCases.map(\.rawValue)), "\(operators)")
    }

    static func outcomesOfTheFirstMutants(_ sources: [Source]) throws -> ([Outcome: Int], [String: Int], Int)
    {
        var outcomes: [Outcome: Int] = [:]
        var operators: [String: Int] = [:]
        var total = 0
        for seed in Self.seeds {
            var mutator = SchemaMutator(seed: seed, sources: sources)
            for _ in 0..<min(1_000, Self.mutantsPerSeed) {
                let mutant = mutator.next()
                let report = try DisclosureReader.validate(
                    .bytes(mutant.bytes, name: "mutant.xml"), options: Self.options(.compiled))
                let outcome: Outcome =
                    !report.completed
                    ? .incomplete : report.schemaViolations > 0 ? .schemaInvalid : .schemaValid
                outcomes[outcome, default: 0] += 1
                for name in mutant.operators { operators[name, default: 0] += 1 }
                total += 1
            }
        }
        return (outcomes, operators, total)
    }

    /// A document the mutations start from.
    struct Source: Sendable {
        let name: String
        let bytes: [UInt8]
    }

    /// valid-base.xml (and a variant of it financing vehicles), the branch's filing (Operations, no loans),
    /// the microcredit company's (30 plain loans), and three more 2026-Q3 filings cut down to the loans that
    /// show each green-activity kind, Project, Benefits and Emissions (their totals no longer reconcile,
    /// which the rules report alike under both engines). valid-base.xml comes up most often.
    static func mutationSources() throws -> [Source] {
        func sample(_ path: String) throws -> [UInt8] {
            Array(try Data(contentsOf: SampleFilingTests.samples.appendingPathComponent(path)))
        }
        let base = Source(name: "valid-base.xml", bytes: try sample("valid-base.xml"))
        var sources = [base, base, base]
        // No sample finances vehicles: the base with its solar plant's Generation made a Transport.
        let generation = "<Generation technology=\"solar-pv\" capacityMW=\"20\" annualMWh=\"21500\"/>"
        let transport = String(decoding: base.bytes, as: UTF8.self).replacingOccurrences(
            of: generation, with: "<Transport vehicles=\"12\" annualKm=\"480000\" kind=\"electric-bus\"/>")
        #expect(transport.contains("<Transport "))
        sources.append(Source(name: "transport", bytes: Array(transport.utf8)))
        sources.append(
            Source(name: "branch", bytes: try sample("2026-Q3/example-bank-shenzhen-branch.xml")))
        sources.append(Source(name: "pengcheng", bytes: try sample("2026-Q3/pengcheng-microcredit.xml")))
        for (name, path) in [
            ("dapeng", "2026-Q3/dapeng-green-leasing.xml"), ("longgang", "2026-Q3/longgang-village-bank.xml"),
            ("finance", "2026-Q3/example-finance-company.xml"),
        ] {
            let bytes = try sample(path)
            let cut = try #require(Self.keepingInterestingLoans(bytes), "\(path) could not be cut down")
            sources.append(Source(name: name, bytes: cut))
        }
        for source in sources {
            let pair = try Self.run(source.bytes)
            #expect(
                pair.compiled.schemaViolations == 0 && pair.libxml2.schemaViolations == 0,
                "\(source.name): \(Self.summary(pair.compiled))")
        }
        return sources
    }

    /// The filing with only its first two loans and the first loan showing each of a list of elements.
    static func keepingInterestingLoans(_ bytes: [UInt8]) -> [UInt8]? {
        guard let elements = XMLScan.scan(bytes),
            let loans = elements.firstIndex(where: { XMLScan.name(of: $0, in: bytes) == "Loans" })
        else { return nil }
        let children = elements[loans].children
        var kept: [Int] = Array(children.prefix(2))
        for marker in [
            "<Generation", "<EnergySaving", "<Building", "<Transport", "<Project", "<Benefits", "<Emissions",
            "<COD", "<WaterSaved",
        ] {
            let pattern = Array(marker.utf8)
            if let child = children.first(where: {
                XMLScan.find(pattern, in: bytes, from: elements[$0].open, before: elements[$0].end) != nil
            }), !kept.contains(child) {
                kept.append(child)
            }
        }
        kept.sort()
        var result = Array(bytes[..<elements[loans].tagEnd])
        for child in kept {
            result += Array("\n    ".utf8) + bytes[elements[child].open..<elements[child].end]
        }
        result += Array("\n  ".utf8) + bytes[elements[loans].close...]
        return result
    }
}
