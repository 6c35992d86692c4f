internal import CLibXML2

/// The element names of format v1, interned in the parser's dictionary so that a name is recognised by
/// comparing one pointer rather than a string.
enum ElementName: UInt8, CaseIterable {
    case unknown
    case disclosure = 1
    case header, lender, name, period, revision, preparedOn, currency
    case portfolio, totalLoans, greenLoans, techEnterpriseLoans, inclusiveSmallMicroLoans
    case manufacturingMidLongTermLoans, nonPerformingLoans, district, category
    case loans, loan, borrower, balance, originated, maturity, classification, segments, green, emissions
    case project, activity, benefits, generation, energySaving, building, transport
    case co2e, standardCoal, cod, ammoniaNitrogen, so2, nox, waterSaved
    case operations, officeCoal, officeDiesel, officeGasoline, officeNaturalGas, vehicleDiesel,
        vehicleGasoline
    case electricity, purchasedHeat, businessTravel, water, paper, waste

    /// The name as it appears in filings.
    var xmlName: String {
        switch self {
        case .unknown: ""
        case .co2e: "CO2e"
        case .cod: "COD"
        case .so2: "SO2"
        case .nox: "NOx"
        default:
            // Enum case names are the element names with a lower-case first letter.
            String(describing: self).prefix(1).uppercased() + String(describing: self).dropFirst()
        }
    }

    var operationsItem: OperationsFigures.Item? { OperationsFigures.Item(rawValue: xmlName) }

    /// Whether a rule can report at this element's start tag. Finding a start tag's column costs a scan,
    /// so the others record their line only.
    var needsLocation: Bool {
        switch self {
        case .name, .currency, .header, .portfolio, .loans, .classification, .segments,
            .activity, .benefits, .standardCoal, .cod, .ammoniaNitrogen, .so2, .nox, .waterSaved, .officeCoal,
            .officeDiesel, .officeGasoline, .officeNaturalGas, .vehicleDiesel, .vehicleGasoline, .electricity,
            .purchasedHeat, .businessTravel, .water, .paper, .waste:
            false
        default:
            true
        }
    }
}

/// Maps interned name pointers of one parser to ``ElementName``.
struct NameTable {
    private var table = PointerTable()

    init(dictionary: OpaquePointer?) {
        guard let dictionary else { return }
        for name in ElementName.allCases where name != .unknown {
            if let pointer = xmlDictLookup(dictionary, name.xmlName, -1) {
                table.insert(UnsafeRawPointer(pointer), name.rawValue)
            }
        }
    }

    @inline(__always)
    func name(_ pointer: UnsafePointer<xmlChar>?) -> ElementName {
        guard let pointer else { return .unknown }
        return ElementName(rawValue: table.value(UnsafeRawPointer(pointer))) ?? .unknown
    }
}
