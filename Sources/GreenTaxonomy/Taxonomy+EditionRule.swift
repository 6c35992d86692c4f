/// Which catalogue editions a green loan may be classified under, given its origination date.
public struct EditionRule: Sendable, Encodable {
    public let originatedOn: CalendarDate
    /// The edition the loan must use, or nil when older editions are still acceptable.
    public let required: EditionID?
    /// Editions acceptable for the loan, current first.
    public let accepted: [EditionID]
    /// The rule in one sentence.
    public let explanation: String

    enum CodingKeys: String, CodingKey {
        case originatedOn = "originated_on"
        case required, accepted, explanation
    }
}

extension Taxonomy {
    /// The edition rule for a loan originated on `date`.
    ///
    /// Method: the current edition (`gfsp-2025`, effective 2025-10-01 [V]) is required for loans originated
    /// on or after its effective date; earlier loans may keep the edition they were classified under, so
    /// every edition is accepted for them, the current one recommended. Source: disclosure format v1,
    /// `Green/@standard`; 银发〔2025〕132号.
    public func editionRule(forLoanOriginatedOn date: CalendarDate) -> EditionRule {
        let current = currentEdition
        guard let switchDate = current.effectiveFrom.value else {
            return EditionRule(
                originatedOn: date, required: nil, accepted: editions.map(\.id),
                explanation: "the current edition's effective date is unknown; every edition is accepted")
        }
        if date >= switchDate {
            return EditionRule(
                originatedOn: date, required: current.id, accepted: [current.id],
                explanation:
                    "loans originated on or after \(switchDate) must be classified under \(current.id) "
                    + "(\(current.documentNumber.value), effective \(switchDate))")
        }
        return EditionRule(
            originatedOn: date, required: nil, accepted: editions.map(\.id),
            explanation:
                "loans originated before \(switchDate) may keep the edition they were classified under; "
                + "\(current.id) is recommended")
    }
}
