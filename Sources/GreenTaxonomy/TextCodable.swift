/// A value written as text in files and JSON (`2025-10-01`, `4.2.2`, `2026-Q3`, `12000000.00`): it decodes
/// from and encodes to its `description`.
public protocol TextCodable: Codable, CustomStringConvertible {
    /// Parses the text form, or returns nil.
    init?(text: String)
    /// What the text form must look like, for the decoding error.
    static var textFormat: String { get }
}

extension TextCodable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(text: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not \(Self.textFormat)")
            )
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
