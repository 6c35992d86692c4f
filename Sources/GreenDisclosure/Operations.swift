/// The lender's own footprint for a year (`Operations`), in the units of the Shenzhen template.
public struct OperationsFigures: Hashable, Sendable, Encodable {
    /// The items of the operations table, in spec order, with their units.
    public enum Item: String, CaseIterable, Hashable, Sendable, Encodable {
        case officeCoal = "OfficeCoal"
        case officeDiesel = "OfficeDiesel"
        case officeGasoline = "OfficeGasoline"
        case officeNaturalGas = "OfficeNaturalGas"
        case vehicleDiesel = "VehicleDiesel"
        case vehicleGasoline = "VehicleGasoline"
        case electricity = "Electricity"
        case purchasedHeat = "PurchasedHeat"
        case businessTravel = "BusinessTravel"
        case water = "Water"
        case paper = "Paper"
        case waste = "Waste"

        /// t, L, m³, kWh or tce.
        public var unit: String {
            switch self {
            case .officeCoal, .water, .paper, .waste: "t"
            case .officeDiesel, .officeGasoline, .vehicleDiesel, .vehicleGasoline: "L"
            case .officeNaturalGas: "m³"
            case .electricity: "kWh"
            case .purchasedHeat, .businessTravel: "tce"
            }
        }
    }

    public var year: Int?
    public var employees: Int?
    public var values: [Item: Double] = [:]
    public var location = SourceLocation(line: 0, column: 0)

    public init() {}

    enum CodingKeys: String, CodingKey {
        case year, employees, values, location
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(year, forKey: .year)
        try container.encode(employees, forKey: .employees)
        try container.encode(
            Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }), forKey: .values)
        try container.encode(location, forKey: .location)
    }
}
