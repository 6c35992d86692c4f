import GreenDisclosure
import GreenTaxonomy

/// One line of the lender's own footprint: a quantity, its scope, and its CO2 if a factor supports it.
public struct FootprintLine: Hashable, Sendable, Encodable {
    public let item: String
    public let quantity: Double
    public let unit: String
    /// 1, 2 or 3 (GHG Protocol), as in the Shenzhen template's table 1.1.
    public let scope: Int
    /// tCO2; nil when not estimated.
    public let tonnes: Double?
    /// The arithmetic, e.g. `6230000 kWh ÷ 1000 × 0.3869 tCO2/MWh`.
    public let method: String?
    public let factors: [String]
    /// The weakest confidence among the factors used.
    public let confidence: Confidence?
    /// Why there is no figure, when there is none.
    public let notEstimated: String?

    enum CodingKeys: String, CodingKey {
        case item, quantity, unit, scope, tonnes, method, factors, confidence
        case notEstimated = "not_estimated"
    }
}

/// The lender's operational footprint for a year (`Operations`).
public struct OperationsFootprint: Hashable, Sendable, Encodable {
    public let year: Int?
    public let employees: Int?
    public let lines: [FootprintLine]

    public func total(scope: Int) -> Double {
        lines.filter { $0.scope == scope }.compactMap(\.tonnes).reduce(0, +)
    }
    public var total: Double { lines.compactMap(\.tonnes).reduce(0, +) }
    /// tCO2 per employee; nil without a head count.
    public var perEmployee: Double? { employees.flatMap { $0 > 0 ? total / Double($0) : nil } }

    enum CodingKeys: String, CodingKey {
        case year, employees, lines, scope1, scope2, scope3, total
        case perEmployee = "per_employee"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(year, forKey: .year)
        try c.encode(employees, forKey: .employees)
        try c.encode(lines, forKey: .lines)
        try c.encode(total(scope: 1), forKey: .scope1)
        try c.encode(total(scope: 2), forKey: .scope2)
        try c.encode(total(scope: 3), forKey: .scope3)
        try c.encode(total, forKey: .total)
        try c.encode(perEmployee, forKey: .perEmployee)
    }

    /// Scope 1 from fuels, Scope 2 from electricity and purchased heat, Scope 3 from business travel; lines
    /// whose factor the table lacks are listed as not estimated, never guessed.
    ///
    /// Method: coal t × 1.9003 tCO2/t; natural gas m³ × 2.1622 kgCO2/m³ ÷ 1000 (the oilfield-gas coefficient,
    /// GB/T 2589 table [V]); electricity kWh ÷ 1000 × grid factor; purchased heat tce × 29.307 GJ/tce × 0.11
    /// tCO2/GJ [P]; business travel tce × 2.66 tCO2/tce [D]. Diesel and gasoline are filed in litres while the
    /// factors are per kg: L × density (kg/L) ÷ 1000 × kgCO2/kg, with a density the user supplies
    /// (`densities`, tagged [U]) — no density from a citable source is in the reference data (the standards'
    /// density rows were not read), so without one they are not estimated. Water, paper, waste: no factor.
    public static func compute(
        _ operations: OperationsFigures, grid: EmissionFactor, densities: [String: Double] = [:],
        taxonomy: Taxonomy = .standard
    )
        -> OperationsFootprint
    {
        func factor(_ id: String) -> EmissionFactor {
            // Compiled-in reference data (Taxonomy/), not parsed input: its absence is a build defect.
            guard let factor = try? taxonomy.emissionFactor(id) else {
                fatalError("the reference data has no emission factor \(id)")
            }
            return factor
        }
        func weakest(_ used: [EmissionFactor]) -> Confidence? {
            let order: [Confidence] = [.unverified, .derived, .partial, .verified]
            return order.first { level in used.contains { $0.confidence == level } }
        }
        var lines: [FootprintLine] = []
        for item in OperationsFigures.Item.allCases {
            guard let quantity = operations.values[item] else { continue }
            let scope: Int
            var used: [EmissionFactor] = []
            var tonnes: Double? = nil
            var method: String? = nil
            var reason: String? = nil
            switch item {
            case .officeCoal:
                scope = 1
                let coal = factor("fuel-co2-raw-coal")
                used = [coal]
                tonnes = quantity * coal.value
                method = "\(quantity) t × \(coal.value) tCO2/t"
            case .officeNaturalGas:
                scope = 1
                let gas = factor("fuel-co2-natural-gas")
                used = [gas]
                tonnes = quantity * gas.value / 1000
                method = "\(quantity) m³ × \(gas.value) kgCO2/m³ ÷ 1000"
            case .officeDiesel, .officeGasoline, .vehicleDiesel, .vehicleGasoline:
                scope = 1
                let fuel = (item == .officeDiesel || item == .vehicleDiesel) ? "diesel" : "gasoline"
                if let density = densities[fuel] {
                    let coefficient = factor("fuel-co2-\(fuel)")
                    used = [coefficient, EmissionFactor.userDensity(fuel: fuel, kilogramsPerLitre: density)]
                    tonnes = quantity * density / 1000 * coefficient.value
                    method = "\(quantity) L × \(density) kg/L [U] ÷ 1000 × \(coefficient.value) kgCO2/kg"
                } else {
                    reason =
                        "filed in litres; the factors are per kg and no \(fuel) density from a citable source is "
                        + "in the reference data (give --density \(fuel)=KG_PER_L)"
                }
            case .electricity:
                scope = 2
                used = [grid]
                tonnes = quantity / 1000 * grid.value
                method = "\(quantity) kWh ÷ 1000 × \(grid.value) tCO2/MWh"
            case .purchasedHeat:
                scope = 2
                let heat = factor("heat-default")
                let energy = factor("gj-per-tce")
                used = [energy, heat]
                tonnes = quantity * energy.value * heat.value
                method = "\(quantity) tce × \(energy.value) GJ/tce × \(heat.value) tCO2/GJ"
            case .businessTravel:
                scope = 3
                let tce = factor("tce-co2-raw-coal")
                used = [tce]
                tonnes = quantity * tce.value
                method = "\(quantity) tce × \(tce.value) tCO2/tce"
            case .water, .paper, .waste:
                scope = 3
                reason = "no factor in the reference data"
            }
            lines.append(
                FootprintLine(
                    item: item.rawValue, quantity: quantity, unit: item.unit, scope: scope, tonnes: tonnes,
                    method: method,
                    factors: used.map(\.id), confidence: weakest(used), notEstimated: reason))
        }
        return OperationsFootprint(year: operations.year, employees: operations.employees, lines: lines)
    }
}
