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
/// `GREENLEDGER_XSD_MUTANTS` overrides the number of mutants per seed (6,000).
@Suite(.timeLimit(.minutes(10))) struct XSDEngineDifferentialTests {
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
        ProcessInfo.processInfo.environment["GREENLEDGER_XSD_MUTANTS"].flatMap { Int($0) } ?? 6_000
    }

    /// Each seed's mutants: both engines agree on each.
    @Test("seeded schema-aware mutants get the same decision from both engines", arguments: seeds)
    func seededMutants(seed: UInt64) async throws {
        _ = Self.mismatchFolder
        let sources = try Self.mutationSources()
        let count = Self.mutantsPerSeed
        let (mismatches, outcomes) = try await Self.onAThreadOfItsOwn {
            var mutator = Mutator(seed: seed, sources: sources)
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
        #expect(Set(operators.keys) == Set(Mutator.Operator.allCases.map(\.rawValue)), "\(operators)")
    }

    static func outcomesOfTheFirstMutants(_ sources: [Source]) throws -> ([Outcome: Int], [String: Int], Int)
    {
        var outcomes: [Outcome: Int] = [:]
        var operators: [String: Int] = [:]
        var total = 0
        for seed in Self.seeds {
            var mutator = Mutator(seed: seed, sources: sources)
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

// MARK: - A minimal scanner of the mutated documents

/// Element boundaries of a document that is well-formed enough to mutate further (tags nest, attributes
/// are quoted); nil otherwise. Byte offsets; no entity or namespace processing.
enum XMLScan {
    struct Attribute {
        /// From the name to after the closing quote.
        var whole: Range<Int>
        var name: Range<Int>
        /// Between the quotes.
        var value: Range<Int>
    }

    struct Element {
        /// The `<` of the start tag.
        var open: Int
        var name: Range<Int>
        var attributes: [Attribute] = []
        /// After the start tag's `>`.
        var tagEnd: Int = 0
        var selfClosing = false
        /// The `<` of the end tag (`tagEnd` when self-closing).
        var close: Int = 0
        /// After the end tag's `>`.
        var end: Int = 0
        var parent: Int
        var children: [Int] = []
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int, before limit: Int? = nil) -> Int?
    {
        let last = (limit ?? bytes.count) - pattern.count
        guard !pattern.isEmpty, start <= last else { return nil }
        var index = start
        while index <= last {
            if bytes[index] == pattern[0] {
                var matched = true
                for offset in 1..<pattern.count where bytes[index + offset] != pattern[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    static func name(of element: Element, in bytes: [UInt8]) -> String { text(bytes, element.name) }

    /// The local part of the element's name.
    static func localName(of element: Element, in bytes: [UInt8]) -> String {
        let name = self.name(of: element, in: bytes)
        return name.split(separator: ":").last.map(String.init) ?? name
    }

    static let lt = UInt8(ascii: "<")
    static let gt = UInt8(ascii: ">")
    static let slash = UInt8(ascii: "/")

    static func scan(_ bytes: [UInt8]) -> [Element]? {
        var elements: [Element] = []
        var open: [Int] = []
        var index = 0
        let count = bytes.count
        func has(_ literal: String, at position: Int) -> Bool {
            let pattern = Array(literal.utf8)
            guard position + pattern.count <= count else { return false }
            return bytes[position..<position + pattern.count].elementsEqual(pattern)
        }
        while index < count {
            guard bytes[index] == lt else {
                index += 1
                continue
            }
            if has("<?", at: index) {
                guard let end = find(Array("?>".utf8), in: bytes, from: index + 2) else { return nil }
                index = end + 2
            } else if has("<!--", at: index) {
                guard let end = find(Array("-->".utf8), in: bytes, from: index + 4) else { return nil }
                index = end + 3
            } else if has("<![CDATA[", at: index) {
                guard let end = find(Array("]]>".utf8), in: bytes, from: index + 9) else { return nil }
                index = end + 3
            } else if has("<!", at: index) {
                return nil
            } else if has("</", at: index) {
                guard let end = find([gt], in: bytes, from: index + 2), let top = open.popLast() else {
                    return nil
                }
                var nameEnd = end
                while nameEnd > index + 2, isSpace(bytes[nameEnd - 1]) { nameEnd -= 1 }
                guard bytes[(index + 2)..<nameEnd].elementsEqual(bytes[elements[top].name]) else {
                    return nil
                }
                elements[top].close = index
                elements[top].end = end + 1
                index = end + 1
            } else {
                var position = index + 1
                while position < count, !isSpace(bytes[position]), bytes[position] != gt,
                    bytes[position] != slash,
                    bytes[position] != lt
                {
                    position += 1
                }
                guard position > index + 1, position < count else { return nil }
                var element = Element(open: index, name: (index + 1)..<position, parent: open.last ?? -1)
                while true {
                    while position < count, isSpace(bytes[position]) { position += 1 }
                    guard position < count else { return nil }
                    if bytes[position] == gt {
                        element.tagEnd = position + 1
                        break
                    }
                    if bytes[position] == slash {
                        guard position + 1 < count, bytes[position + 1] == gt else { return nil }
                        element.selfClosing = true
                        element.tagEnd = position + 2
                        break
                    }
                    let nameStart = position
                    while position < count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: "="),
                        bytes[position] != gt, bytes[position] != slash, bytes[position] != lt
                    {
                        position += 1
                    }
                    let nameEnd = position
                    while position < count, isSpace(bytes[position]) { position += 1 }
                    guard nameEnd > nameStart, position < count, bytes[position] == UInt8(ascii: "=") else {
                        return nil
                    }
                    position += 1
                    while position < count, isSpace(bytes[position]) { position += 1 }
                    guard position < count,
                        bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'")
                    else { return nil }
                    guard let closing = find([bytes[position]], in: bytes, from: position + 1) else {
                        return nil
                    }
                    element.attributes.append(
                        Attribute(
                            whole: nameStart..<(closing + 1), name: nameStart..<nameEnd,
                            value: (position + 1)..<closing))
                    position = closing + 1
                }
                let number = elements.count
                if let parent = open.last { elements[parent].children.append(number) }
                if element.selfClosing {
                    element.close = element.tagEnd
                    element.end = element.tagEnd
                } else {
                    open.append(number)
                }
                elements.append(element)
                index = element.tagEnd
            }
        }
        guard open.isEmpty, !elements.isEmpty else { return nil }
        return elements
    }
}

// MARK: - Schema-aware mutations

/// Seeded mutations of the text of valid filings, aimed at the XSD rather than the XML parser: elements
/// deleted, duplicated, swapped, renamed or moved to another namespace; attributes deleted, duplicated under
/// another name or added (unknown, prefixed, xsi:); values replaced with edge cases of the schema's types;
/// text, comments, CDATA and processing instructions inserted; values turned into elements and elements
/// emptied. One to three per mutant; a mutant that no longer scans gets no further mutation.
struct Mutator {
    enum Operator: String, CaseIterable {
        case deleteElement, duplicateElement, swapSiblings, renameElement, moveNamespace
        case deleteAttribute, duplicateAttribute, addAttribute, addXSI
        case replaceText, replaceAttributeValue, insertText, textToChild, emptyElement
    }

    struct Mutant {
        let source: String
        let bytes: [UInt8]
        let description: String
        let operators: [String]
    }

    var generator: SplitMix64
    let sources: [XSDEngineDifferentialTests.Source]

    init(seed: UInt64, sources: [XSDEngineDifferentialTests.Source]) {
        generator = SplitMix64(seed: seed)
        self.sources = sources
    }

    mutating func random(_ count: Int) -> Int { Int(generator.next() % UInt64(max(count, 1))) }
    mutating func pick<T>(_ values: [T]) -> T { values[random(values.count)] }
    mutating func chance(_ percent: Int) -> Bool { random(100) < percent }

    static let weights: [(Operator, Int)] = [
        (.deleteElement, 9), (.duplicateElement, 7), (.swapSiblings, 6), (.renameElement, 8),
        (.moveNamespace, 5),
        (.deleteAttribute, 5), (.duplicateAttribute, 4), (.addAttribute, 5), (.addXSI, 8),
        (.replaceText, 16), (.replaceAttributeValue, 11), (.insertText, 10), (.textToChild, 3),
        (.emptyElement, 6),
    ]

    mutating func next() -> Mutant {
        let source = pick(sources)
        var bytes = source.bytes
        var descriptions: [String] = []
        var operators: [String] = []
        // One mutation half the time, two or three otherwise.
        let count = chance(50) ? 1 : chance(60) ? 2 : 3
        let total = Self.weights.reduce(0) { $0 + $1.1 }
        var attempts = 0
        while descriptions.count < count, attempts < 20 {
            attempts += 1
            guard let elements = XMLScan.scan(bytes) else { break }
            var roll = random(total)
            var chosen = Operator.replaceText
            for (candidate, weight) in Self.weights {
                if roll < weight {
                    chosen = candidate
                    break
                }
                roll -= weight
            }
            if let description = apply(chosen, to: &bytes, elements) {
                descriptions.append(description)
                operators.append(chosen.rawValue)
            }
        }
        return Mutant(
            source: source.name, bytes: bytes, description: descriptions.joined(separator: "; "),
            operators: operators)
    }

    mutating func apply(_ op: Operator, to bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        switch op {
        case .deleteElement: deleteElement(&bytes, elements)
        case .duplicateElement: duplicateElement(&bytes, elements)
        case .swapSiblings: swapSiblings(&bytes, elements)
        case .renameElement: renameElement(&bytes, elements)
        case .moveNamespace: moveNamespace(&bytes, elements)
        case .deleteAttribute: deleteAttribute(&bytes, elements)
        case .duplicateAttribute: duplicateAttribute(&bytes, elements)
        case .addAttribute: addAttribute(&bytes, elements)
        case .addXSI: addXSI(&bytes, elements)
        case .replaceText: replaceText(&bytes, elements)
        case .replaceAttributeValue: replaceAttributeValue(&bytes, elements)
        case .insertText: insertText(&bytes, elements)
        case .textToChild: textToChild(&bytes, elements)
        case .emptyElement: emptyElement(&bytes, elements)
        }
    }

    // MARK: Pools

    static let formatElements = [
        "Disclosure", "Header", "Portfolio", "Loans", "Operations", "Lender", "Name", "Period", "Revision",
        "PreparedOn", "Currency", "TotalLoans", "GreenLoans", "TechEnterpriseLoans",
        "InclusiveSmallMicroLoans",
        "ManufacturingMidLongTermLoans", "NonPerformingLoans", "District", "Category", "Loan", "Borrower",
        "Balance", "Originated", "Maturity", "Classification", "Segments", "Green", "Emissions", "Project",
        "Activity", "Generation", "EnergySaving", "Building", "Transport", "Benefits", "CO2e", "StandardCoal",
        "COD", "AmmoniaNitrogen", "SO2", "NOx", "WaterSaved", "OfficeCoal", "OfficeDiesel", "OfficeGasoline",
        "OfficeNaturalGas", "VehicleDiesel", "VehicleGasoline", "Electricity", "PurchasedHeat",
        "BusinessTravel",
        "Water", "Paper", "Waste",
    ]
    static let unknownElements = ["Note", "Extra", "balance", "BALANCE", "Loan2", "x"]

    static let formatAttributes = [
        "version", "uscc", "kind", "lang", "code", "standard", "id", "district", "industry", "size", "name",
        "totalInvestment", "eiaRequired", "evaluation", "carbonFacility", "technology", "capacityMW",
        "annualMWh",
        "annualTce", "annualMWhSaved", "fuel", "floorAreaM2", "rating", "vehicles", "annualKm", "year",
        "scope1",
        "scope2", "quality", "basis", "denominator", "employees",
    ]
    static let unknownAttributes = ["note", "Code", "ID", "comment", "type", "nil"]

    static let xmlSchemaInstance = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
    static let xsiAttributes = [
        "xsi:nil=\"true\"", "xsi:nil=\"false\"", "xsi:schemaLocation=\"a b\"",
        "xsi:noNamespaceSchemaLocation=\"x.xsd\"", "xsi:type=\"PositiveMoney\"", "xsi:type=\"Money\"",
        "xsi:type=\"Quantity\"", "xsi:type=\"USCC\"", "xsi:type=\"Segments\"", "xsi:type=\"LoanType\"",
        "xsi:type=\"HeaderType\"", "xsi:type=\"xs:string\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"",
        "xsi:type=\"xs:decimal\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"",
        "xsi:type=\"xs:date\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"",
        "xsi:type=\"g:PositiveMoney\" xmlns:g=\"urn:greenledger:disclosure:1\"",
        "xsi:type=\"unknown:Type\"", "xsi:type=\" PositiveMoney \"", "xsi:type=\"\"", "xsi:foo=\"1\"",
    ]

    static let edgeValues: [String] = [
        "", " ", "  ", " 1", "1 ", "\n1\n", "\t1\t", "&#10;", "&#13;", "<![CDATA[ ]]>", "<![CDATA[]]>", "0",
        "-0",
        "+1", "1.", ".5", "00", "1.000", "0.00", "12345678901234567", String(repeating: "9", count: 25),
        "2024-02-29", "2026-02-29", "2026-01-01Z", "2026-01-01+14:00", "2026-01-01+14:01", " 2026-01-01",
        "10000-01-01", "0000-01-01", "-0001-01-01", "2025", "02025", "true", " true ", "TRUE", "1", "bank",
        " bank", "other", "other ", "440305", "4403051", "gfsp-2025", "GFSP-2025", "2026-Q3", "2026-Q3 ",
        "2026-Q5", "normal", "loss ", "tech-enterprise inclusive-small-micro", "foo",
        String(repeating: "a", count: 64), String(repeating: "a", count: 65),
        String(repeating: "绿", count: 64),
        String(repeating: "绿", count: 65), "a\nb", "\u{00A0}", "\u{3000}", "&amp;", "<!-- c -->", "<?pi x?>",
        "12345678901234567890", "9144030070Y7LCRPJQ", " 9144030070Y7LCRPJQ", "9144030070y7lcrpjq", "3", "6",
        "large", "special-mention", "wind-offshore", "done", "evic", "CNY", "zh", "en", "1.0", "2", "0.5",
        "\u{20000}", "&#x20000;", "2025Z", "-2025", "0000", "12025", "2025-01", "2026-13-01",
        "2026-01-01T00:00:00", "2026-1-01", "01", "+0", "3.0", " 3 ", "1e3", "INF", "NaN", "0.000001",
        "1.1234567", "1234567890123456", "1234567890123456.12", "1234567890123456789", "three-star",
    ]

    static let insertions = [
        " ", "\n", "\n  ", "\t", "x", "<![CDATA[ ]]>", "<![CDATA[]]>", "<![CDATA[x]]>", "<!-- c -->",
        "<?pi x?>",
        "&#32;", "&#10;", "\u{00A0}", "\u{3000}",
    ]

    // MARK: Helpers

    static func replace(_ bytes: inout [UInt8], _ range: Range<Int>, with text: String) {
        bytes.replaceSubrange(range, with: Array(text.utf8))
    }

    mutating func pickElement(
        _ elements: [XMLScan.Element], where condition: (Int, XMLScan.Element) -> Bool = { _, _ in true }
    ) -> Int? {
        let candidates = elements.indices.filter { condition($0, elements[$0]) }
        return candidates.isEmpty ? nil : pick(candidates)
    }

    static func isLeafWithText(_ element: XMLScan.Element) -> Bool {
        !element.selfClosing && element.children.isEmpty && element.close > element.tagEnd
    }

    /// A value from the edge pool, or (a third of the time) the value of another element or attribute of
    /// the same name in the document, which keeps many mutants valid.
    mutating func value(sameAs values: [String]) -> String {
        if !values.isEmpty, chance(33) { return pick(values) }
        return pick(Self.edgeValues)
    }

    /// Where an attribute may be added: after the last attribute, or after the name.
    static func attributeInsertion(_ element: XMLScan.Element) -> Int {
        element.attributes.last?.whole.upperBound ?? element.name.upperBound
    }

    // MARK: Element operators

    mutating func deleteElement(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements, where: { $1.parent >= 0 }) else { return nil }
        let element = elements[index]
        let name = XMLScan.name(of: element, in: bytes)
        bytes.removeSubrange(element.open..<element.end)
        return "delete <\(name)>@\(element.open)"
    }

    mutating func duplicateElement(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements, where: { $1.parent >= 0 }) else { return nil }
        let element = elements[index]
        let copy = Array(bytes[element.open..<element.end])
        bytes.insert(contentsOf: copy, at: element.end)
        return "duplicate <\(XMLScan.name(of: element, in: bytes))>@\(element.open)"
    }

    mutating func swapSiblings(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let parent = pickElement(elements, where: { $1.children.count >= 2 }) else { return nil }
        let children = elements[parent].children
        let at = random(children.count - 1)
        let first = elements[children[at]]
        let second = elements[children[at + 1]]
        let names = (XMLScan.name(of: first, in: bytes), XMLScan.name(of: second, in: bytes))
        let between = Array(bytes[first.end..<second.open])
        let swapped = Array(bytes[second.open..<second.end]) + between + Array(bytes[first.open..<first.end])
        bytes.replaceSubrange(first.open..<second.end, with: swapped)
        return "swap <\(names.0)> and <\(names.1)>@\(first.open)"
    }

    /// Renames start and end tag (end tag first: it is further on).
    static func rename(_ bytes: inout [UInt8], _ element: XMLScan.Element, to name: String) {
        if !element.selfClosing {
            let length = element.name.count
            replace(&bytes, (element.close + 2)..<(element.close + 2 + length), with: name)
        }
        replace(&bytes, element.name, with: name)
    }

    mutating func renameElement(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements, where: { $1.parent >= 0 }) else { return nil }
        let element = elements[index]
        let old = XMLScan.name(of: element, in: bytes)
        let new = chance(75) ? pick(Self.formatElements) : pick(Self.unknownElements)
        Self.rename(&bytes, element, to: new)
        return "rename <\(old)> to <\(new)>@\(element.open)"
    }

    /// Moves an element to another namespace (or none), or gives it a prefix bound to the format's
    /// namespace (still valid) or to another one.
    mutating func moveNamespace(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements) else { return nil }
        let element = elements[index]
        let old = XMLScan.name(of: element, in: bytes)
        let local = XMLScan.localName(of: element, in: bytes)
        switch random(5) {
        case 0, 1:
            let declaration = pick([
                " xmlns=\"\"", " xmlns=\"urn:greenledger:disclosure:2\"", " xmlns=\"urn:x\"",
            ])
            bytes.insert(contentsOf: Array(declaration.utf8), at: Self.attributeInsertion(element))
            return "<\(old)\(declaration)>@\(element.open)"
        case 2:
            // The same namespace, declared again: valid.
            let declaration = " xmlns=\"urn:greenledger:disclosure:1\""
            bytes.insert(contentsOf: Array(declaration.utf8), at: Self.attributeInsertion(element))
            return "<\(old)\(declaration)>@\(element.open)"
        default:
            let namespace = pick([
                "urn:greenledger:disclosure:1", "urn:greenledger:disclosure:1", "urn:x", "",
            ])
            let declaration = namespace.isEmpty ? "" : " xmlns:g=\"\(namespace)\""
            bytes.insert(contentsOf: Array(declaration.utf8), at: Self.attributeInsertion(element))
            Self.rename(&bytes, element, to: "g:\(local)")
            return "<g:\(local)\(declaration)>@\(element.open)"
        }
    }

    // MARK: Attribute operators

    mutating func deleteAttribute(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements, where: { !$1.attributes.isEmpty }) else { return nil }
        let element = elements[index]
        let attribute = pick(element.attributes)
        let name = XMLScan.text(bytes, attribute.name)
        // With the space before it.
        bytes.removeSubrange((attribute.whole.lowerBound - 1)..<attribute.whole.upperBound)
        return "delete @\(name) of <\(XMLScan.name(of: element, in: bytes))>@\(element.open)"
    }

    mutating func duplicateAttribute(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements, where: { !$1.attributes.isEmpty }) else { return nil }
        let element = elements[index]
        let attribute = pick(element.attributes)
        let new = chance(75) ? pick(Self.formatAttributes) : pick(Self.unknownAttributes)
        let value = XMLScan.text(bytes, attribute.value)
        bytes.insert(contentsOf: Array(" \(new)=\"\(value)\"".utf8), at: attribute.whole.upperBound)
        let old = XMLScan.text(bytes, attribute.name)
        return "copy @\(old) as @\(new) on <\(XMLScan.name(of: element, in: bytes))>@\(element.open)"
    }

    mutating func addAttribute(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements) else { return nil }
        let element = elements[index]
        let added = pick([
            " note=\"1\"", " \(pick(Self.formatAttributes))=\"1\"", " xmlns:f=\"urn:x\" f:a=\"1\"",
            " xmlns:f=\"urn:greenledger:disclosure:1\" f:code=\"1\"", " xml:lang=\"en\"",
            " xml:space=\"preserve\"",
            " xmlns:f=\"urn:x\"",
        ])
        bytes.insert(contentsOf: Array(added.utf8), at: Self.attributeInsertion(element))
        return "add\(added) to <\(XMLScan.name(of: element, in: bytes))>@\(element.open)"
    }

    mutating func addXSI(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        // Mostly on values (where xsi:type can name a type derived from the declared one).
        let leaves = chance(70)
        guard let index = pickElement(elements, where: { !leaves || Self.isLeafWithText($1) }) else {
            return nil
        }
        let element = elements[index]
        let xsi = pick(Self.xsiAttributes)
        let added = " \(Self.xmlSchemaInstance) \(xsi)"
        let name = XMLScan.name(of: element, in: bytes)
        // Now and then with a new value too: a derived type's facets must then apply (PositiveMoney on a
        // Money element holding 0).
        var value = ""
        if Self.isLeafWithText(element), chance(40) {
            let new = pick(["0", "0.00", "-1", "1.000", "x", ""] + Self.edgeValues)
            Self.replace(&bytes, element.tagEnd..<element.close, with: new)
            value = " holding \(new.debugDescription)"
        }
        bytes.insert(contentsOf: Array(added.utf8), at: Self.attributeInsertion(element))
        return "add \(xsi) to <\(name)>\(value)@\(element.open)"
    }

    // MARK: Value operators

    mutating func replaceText(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements, where: { Self.isLeafWithText($1) }) else { return nil }
        let element = elements[index]
        let name = XMLScan.name(of: element, in: bytes)
        let others = elements.filter { Self.isLeafWithText($0) && XMLScan.name(of: $0, in: bytes) == name }
            .map {
                XMLScan.text(bytes, $0.tagEnd..<$0.close)
            }
        let new = value(sameAs: others)
        Self.replace(&bytes, element.tagEnd..<element.close, with: new)
        return "<\(name)>\(new.debugDescription)@\(element.open)"
    }

    mutating func replaceAttributeValue(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements, where: { !$1.attributes.isEmpty }) else { return nil }
        let element = elements[index]
        let attribute = pick(element.attributes)
        let name = XMLScan.text(bytes, attribute.name)
        var others: [String] = []
        for other in elements {
            for candidate in other.attributes where XMLScan.text(bytes, candidate.name) == name {
                others.append(XMLScan.text(bytes, candidate.value))
            }
        }
        let new = value(sameAs: others)
        Self.replace(&bytes, attribute.value, with: new)
        return "<\(XMLScan.name(of: element, in: bytes)) \(name)=\(new.debugDescription)>@\(element.open)"
    }

    /// Text, whitespace, CDATA, a comment or a PI: between child elements, inside an empty element (a
    /// self-closing tag becomes a start and an end tag), or inside a value.
    mutating func insertText(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements) else { return nil }
        let element = elements[index]
        let name = XMLScan.name(of: element, in: bytes)
        let text = pick(Self.insertions)
        if element.selfClosing {
            // `<X a="1"/>` to `<X a="1">text</X>`.
            Self.replace(&bytes, (element.tagEnd - 2)..<element.tagEnd, with: ">\(text)</\(name)>")
            return "<\(name)>\(text.debugDescription)</\(name)>@\(element.open)"
        }
        let positions: [Int]
        if element.children.isEmpty {
            positions = Array(element.tagEnd...element.close)
        } else {
            positions = [element.tagEnd] + element.children.map { elements[$0].end }
        }
        var at = pick(positions)
        // Never inside a multi-byte character.
        while at < bytes.count, bytes[at] & 0xC0 == 0x80 { at += 1 }
        bytes.insert(contentsOf: Array(text.utf8), at: at)
        return "insert \(text.debugDescription) in <\(name)>@\(at)"
    }

    /// A value becomes (or gains) a child element: `<Balance><x/></Balance>`.
    mutating func textToChild(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements, where: { Self.isLeafWithText($1) || $1.selfClosing }) else {
            return nil
        }
        let element = elements[index]
        let name = XMLScan.name(of: element, in: bytes)
        let child = pick([
            "<x/>", "<Balance>1</Balance>", "<\(name)/>", "<Period>2026-Q3</Period>", "<x xmlns=\"\"/>",
        ])
        if element.selfClosing {
            Self.replace(&bytes, (element.tagEnd - 2)..<element.tagEnd, with: ">\(child)</\(name)>")
        } else if chance(50) {
            Self.replace(&bytes, element.tagEnd..<element.close, with: child)
        } else {
            bytes.insert(contentsOf: Array(child.utf8), at: element.close)
        }
        return "\(child) into <\(name)>@\(element.open)"
    }

    /// `<Revision/>`, `<Revision></Revision>`, `<Segments/>`, `<Loans/>` …
    mutating func emptyElement(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        let favoured: Set<String> = [
            "Revision", "Currency", "Segments", "Loans", "Activity", "Benefits", "Name", "Borrower",
        ]
        let prefer = chance(60)
        guard
            let index = pickElement(
                elements,
                where: {
                    !$1.selfClosing && (!prefer || favoured.contains(XMLScan.localName(of: $1, in: bytes)))
                })
                ?? pickElement(elements, where: { !$1.selfClosing })
        else { return nil }
        let element = elements[index]
        let name = XMLScan.name(of: element, in: bytes)
        if chance(50) {
            Self.replace(&bytes, element.tagEnd..<element.close, with: "")
            return "<\(name)></\(name)>@\(element.open)"
        }
        Self.replace(&bytes, (element.tagEnd - 1)..<element.end, with: "/>")
        return "<\(name)/>@\(element.open)"
    }
}
