/// A check GreenLedger applies to filings: a stable id, a severity, bilingual titles and where it comes from.
public struct Rule: Hashable, Sendable, Encodable {
    public let id: String
    public let severity: Severity
    public let titleZh: String
    public let titleEn: String
    /// The spec section or regulation behind the rule.
    public let source: String

    enum CodingKeys: String, CodingKey {
        case id, severity, source
        case titleZh = "title_zh"
        case titleEn = "title_en"
    }
}

/// Every rule, by id. Ids are stable: a retired rule's id is never reused.
public enum Rules {
    static let spec = "disclosure format v1"

    public static let malformedXML = Rule(
        id: "GL-XML-001", severity: .error, titleZh: "文件不是格式良好的XML", titleEn: "file is not well-formed XML",
        source: "\(spec), Encoding; XML 1.0")
    public static let forbiddenDTD = Rule(
        id: "GL-XML-002", severity: .error, titleZh: "不允许DOCTYPE或实体声明",
        titleEn: "DOCTYPE and entity declarations are not allowed",
        source: "GreenLedger policy for untrusted XML (no external entities, no DTD)")
    public static let notADisclosure = Rule(
        id: "GL-XML-003", severity: .error, titleZh: "不是绿色贷款披露文件",
        titleEn: "not a disclosure filing (root element or namespace)",
        source: "\(spec): namespace urn:greenledger:disclosure:1, root Disclosure")
    public static let encoding = Rule(
        id: "GL-XML-004", severity: .error, titleZh: "不接受该字符编码",
        titleEn: "declared character encoding not accepted",
        source: "\(spec), Encoding: UTF-8, UTF-16 with a byte-order mark, GB18030 or GBK")
    public static let sizeLimit = Rule(
        id: "GL-XML-005", severity: .error, titleZh: "超出文本或属性的大小限制",
        titleEn: "text or attributes beyond the reader's size limits",
        source: "GreenLedger policy for untrusted XML (bounded text per element and attributes per element)")
    public static let schema = Rule(
        id: "GL-XSD-001", severity: .error, titleZh: "不符合披露格式XSD",
        titleEn: "does not conform to the disclosure XSD",
        source: "\(spec) (XSD)")
    public static let malformedAmount = Rule(
        id: "GL-AMT-001", severity: .error, titleZh: "金额格式错误", titleEn: "malformed amount",
        source: "\(spec), Money: yuan, at most 2 decimals, no separators, never negative")
    public static let lenderUSCC = Rule(
        id: "GL-HDR-001", severity: .error, titleZh: "贷款机构统一社会信用代码无效", titleEn: "lender USCC is invalid",
        source: "GB 32100-2015; \(spec), Header")
    public static let periodDates = Rule(
        id: "GL-HDR-002", severity: .error, titleZh: "报告期与编制日期不一致",
        titleEn: "period and PreparedOn are inconsistent",
        source: "\(spec), Header: PreparedOn on or after the period's last day")
    public static let lenderName = Rule(
        id: "GL-HDR-003", severity: .error, titleZh: "缺少中文法定名称", titleEn: "Chinese legal name missing",
        source: "\(spec), Header: Name lang=\"zh\" required")
    public static let periodRange = Rule(
        id: "GL-HDR-004", severity: .error, titleZh: "报告期年份超出合理范围",
        titleEn: "reporting period year out of range",
        source: "\(spec), Header: Period YYYY-Qn or YYYY; GreenLedger accepts years 2000–2099")
    public static let revisionRange = Rule(
        id: "GL-HDR-005", severity: .error, titleZh: "修订号超出范围", titleEn: "revision out of range",
        source: "\(spec), Header: Revision, an integer ≥ 1 (GreenLedger stores it in 32 bits)")
    public static let duplicateLoanID = Rule(
        id: "GL-LOAN-001", severity: .error, titleZh: "贷款编号重复", titleEn: "duplicate loan id",
        source: "\(spec), Loans: unique in the file")
    public static let borrowerUSCC = Rule(
        id: "GL-LOAN-002", severity: .error, titleZh: "借款人统一社会信用代码无效", titleEn: "borrower USCC is invalid",
        source: "GB 32100-2015; \(spec), Loans")
    public static let borrowerDistrict = Rule(
        id: "GL-LOAN-003", severity: .error, titleZh: "借款人区划代码不在深圳区列表中",
        titleEn: "borrower district is not a Shenzhen district",
        source: "GB/T 2260; \(spec), Loans")
    public static let industryCode = Rule(
        id: "GL-LOAN-004", severity: .error, titleZh: "国民经济行业代码格式错误", titleEn: "industry code is malformed",
        source: "GB/T 4754-2017; \(spec), Loans: letter + up to 4 digits")
    public static let originatedAfterPeriod = Rule(
        id: "GL-LOAN-005", severity: .error, titleZh: "发放日晚于报告期末",
        titleEn: "loan originated after the period end",
        source: "\(spec), Loans: Originated ≤ period end")
    public static let maturityBeforeOrigination = Rule(
        id: "GL-LOAN-006", severity: .error, titleZh: "到期日早于发放日", titleEn: "maturity before origination",
        source: "\(spec), Loans: Maturity ≥ Originated")
    /// A loan more than 90 days past maturity still classified normal or special-mention (GL-LOAN-007).
    public static let overdueButPerforming = Rule(
        id: "GL-LOAN-007", severity: .warning, titleZh: "逾期超过90天的贷款仍分类为正常或关注",
        titleEn: "loan more than 90 days past maturity still classified normal or special-mention",
        source:
            "《商业银行金融资产风险分类办法》 (CBIRC and PBoC, published 2023-02-11, in force 2023-07-01 [P]; "
            + "article not read): more than 90 days overdue is at least substandard (次级类)")
    public static let unknownEdition = Rule(
        id: "GL-GREEN-001", severity: .error, titleZh: "绿色目录版本未知", titleEn: "unknown catalogue edition",
        source: "\(spec), Green/@standard")
    public static let unknownGreenCode = Rule(
        id: "GL-GREEN-002", severity: .error, titleZh: "目录中不存在该代码",
        titleEn: "code does not exist in the catalogue edition",
        source: "\(spec), Green/@code: code must exist in that edition")
    public static let notLevel3 = Rule(
        id: "GL-GREEN-003", severity: .error, titleZh: "绿色代码不是三级条目",
        titleEn: "green code is not a level-3 item",
        source: "\(spec), Green/@code: the most specific code")
    public static let olderEdition = Rule(
        id: "GL-GREEN-004", severity: .warning, titleZh: "2025年10月1日后发放的贷款应按2025年版目录分类",
        titleEn: "loan originated on or after 2025-10-01 classified under an older edition",
        source: "银发〔2025〕132号 (effective 2025-10-01); \(spec), Green/@standard")
    public static let unverifiableEdition = Rule(
        id: "GL-GREEN-005", severity: .warning, titleZh: "不完整目录版本的代码无法核验",
        titleEn: "code of an incomplete edition cannot be verified",
        source: "Taxonomy/editions.tsv: glct-2024 is known at level 1 only")
    public static let carbonFacility = Rule(
        id: "GL-GREEN-006", severity: .error, titleZh: "碳减排支持工具仅适用于合格领域",
        titleEn: "carbon-facility loan outside the eligible areas",
        source:
            "PBoC carbon emission reduction facility (2021-11-08); Taxonomy/carbon-facility-eligibility.tsv")
    public static let investmentEvaluation = Rule(
        id: "GL-GREEN-007", severity: .error, titleZh: "应开展绿色投资评估",
        titleEn: "green investment evaluation required",
        source: "深圳经济特区绿色金融条例, chapter 4 (≥ 50,000,000 yuan with EIA, or ≥ 3,000 tCO2e a year)")
    public static let noBenefits = Rule(
        id: "GL-GREEN-008", severity: .warning, titleZh: "绿色贷款未申报环境效益",
        titleEn: "green loan declares no benefits",
        source: "深圳市金融机构环境信息披露指引 (深金监发〔2022〕37号): environmental impact of financing")
    public static let generationMismatch = Rule(
        id: "GL-GREEN-009", severity: .note, titleZh: "申报减排量与GreenLedger估算相差超过20%（筛查提示）",
        titleEn: "declared CO2e differs by more than 20% from GreenLedger's estimate (screening note)",
        source:
            "GreenLedger screening threshold, not a regulation (no tolerance found in a source); estimate by the "
            + "CBRC 《绿色信贷项目节能减排量测算指引》 method, reference §7.3–§7.4 [P]")
    public static let totalMismatch = Rule(
        id: "GL-REC-001", severity: .error, titleZh: "贷款余额合计与各项贷款不符",
        titleEn: "loan balances do not add up to TotalLoans",
        source: "\(spec), Reconciliation")
    public static let greenMismatch = Rule(
        id: "GL-REC-002", severity: .error, titleZh: "绿色贷款余额合计不符",
        titleEn: "green loan balances do not add up to GreenLoans",
        source: "\(spec), Reconciliation")
    public static let segmentMismatch = Rule(
        id: "GL-REC-003", severity: .error, titleZh: "分项贷款合计不符", titleEn: "segment balances do not add up",
        source: "\(spec), Reconciliation")
    public static let nplMismatch = Rule(
        id: "GL-REC-004", severity: .error, titleZh: "不良贷款合计不符",
        titleEn: "non-performing balances do not add up",
        source: "\(spec), Reconciliation")
    public static let districtMismatch = Rule(
        id: "GL-REC-005", severity: .error, titleZh: "区域分布合计不符",
        titleEn: "district row does not match its loans",
        source: "\(spec), Reconciliation")
    public static let categoryMismatch = Rule(
        id: "GL-REC-006", severity: .error, titleZh: "绿色分类合计不符",
        titleEn: "category row does not match its loans",
        source: "\(spec), Reconciliation")
    public static let numeratorAboveTotal = Rule(
        id: "GL-PORT-001", severity: .error, titleZh: "分子超过各项贷款余额",
        titleEn: "a share's numerator exceeds TotalLoans",
        source: "\(spec), Reconciliation: every numerator ≤ TotalLoans")
    public static let portfolioDistrict = Rule(
        id: "GL-PORT-002", severity: .error, titleZh: "区域代码不在深圳区列表中",
        titleEn: "District row code is not a Shenzhen district",
        source: "GB/T 2260; \(spec), Portfolio")
    public static let portfolioCategory = Rule(
        id: "GL-PORT-003", severity: .error, titleZh: "分类行应为已知目录的一级类别",
        titleEn: "Category row is not a level-1 category of a known edition",
        source: "\(spec), Portfolio: Category by top-level category")

    /// Every rule, in id order.
    public static let all: [Rule] = [
        malformedXML, forbiddenDTD, notADisclosure, encoding, sizeLimit, schema, malformedAmount, lenderUSCC,
        periodDates, lenderName, periodRange, revisionRange,
        duplicateLoanID, borrowerUSCC, borrowerDistrict, industryCode, originatedAfterPeriod,
        maturityBeforeOrigination, overdueButPerforming,
        unknownEdition, unknownGreenCode, notLevel3, olderEdition, unverifiableEdition, carbonFacility,
        investmentEvaluation, noBenefits, generationMismatch, totalMismatch, greenMismatch, segmentMismatch,
        nplMismatch, districtMismatch, categoryMismatch, numeratorAboveTotal, portfolioDistrict,
        portfolioCategory,
    ].sorted { $0.id < $1.id }

    /// The rule with `id`, or nil.
    public static func rule(_ id: String) -> Rule? { all.first { $0.id == id } }
}
