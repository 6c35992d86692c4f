import GreenTaxonomy

/// A plan indicator: a loan segment measured as a share of total loans.
public enum Indicator: String, CaseIterable, Hashable, Sendable, Encodable {
    case green
    case techEnterprise = "tech-enterprise"
    case inclusiveSmallMicro = "inclusive-small-micro"
    case manufacturingMidLongTerm = "manufacturing-mid-long-term"
    case nonPerforming = "non-performing"

    /// 绿色贷款 / green loans.
    public var label: (zh: String, en: String) {
        switch self {
        case .green: ("绿色贷款", "green loans")
        case .techEnterprise: ("科技型企业贷款", "tech-enterprise loans")
        case .inclusiveSmallMicro: ("普惠小微企业贷款", "inclusive small/micro loans")
        case .manufacturingMidLongTerm: ("制造业中长期贷款", "manufacturing mid/long-term loans")
        case .nonPerforming: ("不良贷款", "non-performing loans")
        }
    }
}

/// A target of a plan: an indicator's share of total loans to reach (floor) or stay under (ceiling) by a date.
public struct Target: Hashable, Sendable, Encodable {
    public enum Direction: String, Hashable, Sendable, Encodable {
        /// At least the value (green, tech, inclusive, manufacturing).
        case floor
        /// At most the value (non-performing ratio).
        case ceiling
    }

    public let id: String
    public let indicator: Indicator
    public let titleZh: String
    public let titleEn: String
    public let direction: Direction
    public let value: Rate
    public let baseline: Rate?
    public let baselineYear: Int?
    public let targetDate: CalendarDate
    public let confidence: Confidence
    public let source: String
    public let note: String?

    enum CodingKeys: String, CodingKey {
        case id, indicator, direction, value, baseline, confidence, source, note
        case titleZh = "title_zh"
        case titleEn = "title_en"
        case baselineYear = "baseline_year"
        case targetDate = "target_date"
    }
}

/// A set of targets, named so that reports can say which one they used.
public struct TargetSet: Sendable, Encodable {
    public let name: String
    public let targets: [Target]

    /// The plan defaults shipped with GreenLedger (`Taxonomy/targets.tsv`): Shenzhen's 14th Five-Year Plan
    /// credit-structure targets for 2025 and Guangdong's 10 % green credit by 2030.
    public static let defaults: TargetSet = {
        do {
            return try TargetSet(tsv: DefaultTargets.tsv, name: "GreenLedger defaults (Taxonomy/targets.tsv)")
        } catch {
            fatalError("the shipped targets do not parse: \(error)")
        }
    }()
}

/// A target file that cannot be used, located by line.
public struct TargetFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String

    public var description: String {
        line > 0 ? "\(file):\(line): error: \(message)" : "\(file): error: \(message)"
    }
}

extension TargetSet {
    /// The columns of a target file, tab-separated, with this header row.
    public static let header = [
        "id", "indicator", "indicator_zh", "indicator_en", "direction", "value", "baseline", "baseline_year",
        "target_date", "confidence", "source", "note",
    ]

    /// Parses a target file (see ``header``; `value` and `baseline` as `7%` or `0.07`; `target_date` as
    /// YYYY-MM-DD; `confidence` V, P, U or D). Throws ``TargetFileError`` at the first bad row.
    public init(tsv: String, name: String) throws {
        let lines = tsv.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        guard let first = lines.first,
            first.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) == Self.header
        else {
            throw TargetFileError(
                file: name, line: 1,
                message: "the header must be: \(Self.header.joined(separator: " <TAB> "))")
        }
        var targets: [Target] = []
        var ids: Set<String> = []
        for (offset, line) in lines.enumerated().dropFirst() where !line.isEmpty && !line.hasPrefix("#") {
            let number = offset + 1
            func fail(_ message: String) -> TargetFileError {
                TargetFileError(file: name, line: number, message: message)
            }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == Self.header.count else {
                throw fail("expected \(Self.header.count) tab-separated columns, found \(f.count)")
            }
            guard !f[0].isEmpty, ids.insert(f[0]).inserted else {
                throw fail("target id '\(f[0])' is empty or repeated")
            }
            guard let indicator = Indicator(rawValue: f[1]) else {
                throw fail(
                    "indicator '\(f[1])' must be one of \(Indicator.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            guard let direction = Target.Direction(rawValue: f[4]) else {
                throw fail("direction '\(f[4])' must be floor or ceiling")
            }
            guard let value = Rate(f[5]), value.partsPerMillion <= 1_000_000 else {
                throw fail("value '\(f[5])' must be a rate such as 7% or 0.07")
            }
            let baseline = f[6].isEmpty ? nil : Rate(f[6])
            guard f[6].isEmpty || baseline != nil else {
                throw fail("baseline '\(f[6])' must be empty or a rate such as 4.9%")
            }
            guard f[7].isEmpty || Int(f[7]) != nil else {
                throw fail("baseline_year '\(f[7])' must be empty or a year")
            }
            guard let date = CalendarDate(f[8]) else {
                throw fail("target_date '\(f[8])' must be a date YYYY-MM-DD")
            }
            guard let confidence = Confidence(rawValue: f[9]) else {
                throw fail("confidence '\(f[9])' must be V, P, U or D")
            }
            guard !f[10].isEmpty else { throw fail("every target needs a source") }
            targets.append(
                Target(
                    id: f[0], indicator: indicator, titleZh: f[2], titleEn: f[3], direction: direction,
                    value: value,
                    baseline: baseline, baselineYear: Int(f[7]), targetDate: date, confidence: confidence,
                    source: f[10],
                    note: f[11].isEmpty ? nil : f[11]))
        }
        guard !targets.isEmpty else {
            throw TargetFileError(file: name, line: 0, message: "the file has no targets")
        }
        self.init(name: name, targets: targets)
    }
}
