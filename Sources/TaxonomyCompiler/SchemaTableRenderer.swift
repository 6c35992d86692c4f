/// Renders an ``XSDModel`` as the Swift tables the reader's compiled XSD engine runs on
/// (`GreenDisclosure/Generated/SchemaTables+Generated.swift`).
enum SchemaTableRenderer {
    static func render(_ model: XSDModel, header: String) -> String {
        var lines = [
            header,
            "/// The format-v1 XSD compiled into tables for the reader's element state machine.",
            "extension CompiledSchema {",
            "    static let patterns: [PatternTable] = [",
        ]
        for pattern in model.patterns {
            let accepting = pattern.accepting.map { $0 ? "true" : "false" }.joined(separator: ", ")
            let rows = pattern.transitions.map { row in
                "["
                    + row.map { "\(hex($0.lowest)), \(hex($0.highest)), \($0.target)" }.joined(
                        separator: ", ") + "]"
            }
            lines.append("        PatternTable(")
            lines.append("            source: \(literal(pattern.source)),")
            lines.append("            accepting: [\(accepting)],")
            lines.append("            transitions: [")
            lines += rows.map { "                \($0)," }
            lines.append("            ]),")
        }
        lines.append("    ]")
        lines.append("")
        lines.append("    static let simpleTypes: [SimpleTypeTable] = [")
        for (index, type) in model.simpleTypes.enumerated() {
            let patterns =
                "["
                + type.patterns.map { "[" + $0.map(String.init).joined(separator: ", ") + "]" }
                .joined(separator: ", ") + "]"
            let enumerations =
                "["
                + type.enumerations.map { "[" + $0.map(literal).joined(separator: ", ") + "]" }
                .joined(separator: ", ") + "]"
            let bounds =
                "["
                + type.bounds.map { "SchemaBound(.\($0.facet), \(literal($0.value)))" }
                .joined(separator: ", ") + "]"
            lines.append("        // \(index)")
            lines.append(
                "        SimpleTypeTable(name: \(literal(type.name)), builtin: .\(type.builtin), collapse: \(type.collapse),"
            )
            lines.append(
                "            patterns: \(patterns), enumerations: \(enumerations), minLength: \(optional(type.minLength)), maxLength: \(optional(type.maxLength)),"
            )
            let ancestry = "[" + type.ancestry.map(literal).joined(separator: ", ") + "]"
            lines.append(
                "            bounds: \(bounds), item: \(optional(type.item)), ancestry: \(ancestry)),")
        }
        lines.append("    ]")
        lines.append("")
        lines.append("    static let complexTypes: [ComplexTypeTable] = [")
        for (index, type) in model.complexTypes.enumerated() {
            let content: String
            switch type.content {
            case .empty: content = ".empty"
            case .elements(let start): content = ".elements(start: \(start))"
            case .simple(let simple): content = ".simple(type: \(simple))"
            }
            let attributes = type.attributes.map {
                "SchemaAttribute(.\(identifier($0.name)), type: \($0.type), required: \($0.required))"
            }
            lines.append("        // \(index)")
            lines.append(
                "        ComplexTypeTable(name: \(literal(type.name)), content: \(content), attributes: [")
            lines += attributes.map { "            \($0)," }
            lines.append("        ]),")
        }
        lines.append("    ]")
        lines.append("")
        lines.append("    /// Element declarations; the first is the root.")
        lines.append("    static let elements: [ElementTable] = [")
        for (index, element) in model.elements.enumerated() {
            let type = element.simpleType.map { ".simple(\($0))" } ?? ".complex(\(element.complexType ?? 0))"
            lines.append(
                "        ElementTable(.\(identifier(element.name)), type: \(type), defaultValue: \(element.defaultValue.map(literal) ?? "nil")),  // \(index)"
            )
        }
        lines.append("    ]")
        lines.append("")
        lines.append("    /// Per content-model state: whether the element may end there.")
        lines.append("    static let accepting: [Bool] = [")
        for start in stride(from: 0, to: model.accepting.count, by: 8) {
            let slice = model.accepting[start..<min(start + 8, model.accepting.count)]
            lines.append(
                "        " + slice.map { $0 ? "true," : "false," }.joined(separator: " ") + "  // \(start)")
        }
        lines.append("    ]")
        lines.append("")
        lines.append(
            "    /// Content-model steps: in a state, a child element (by its declaration) leads to a state.")
        lines.append("    static let steps: [ContentStep] = [")
        for step in model.steps {
            lines.append(
                "        ContentStep(state: \(step.state), element: .\(identifier(step.element)), target: \(step.target), declaration: \(step.declaration)),"
            )
        }
        lines.append("    ]")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `TotalLoans` → `totalLoans`, `CO2e` → `co2e`, `NOx` → `nox`: the leading capitals lower-cased, as
    /// GreenDisclosure's `ElementName` and `AttributeName` cases are named.
    static func identifier(_ name: String) -> String {
        let capitals = name.prefix { $0.isUppercase }
        return capitals.lowercased() + name.dropFirst(capitals.count)
    }

    static func literal(_ text: String) -> String {
        "\""
            + text.unicodeScalars.map { scalar -> String in
                switch scalar {
                case "\\": "\\\\"
                case "\"": "\\\""
                case _ where scalar.value < 0x20 || scalar.value > 0x7E:
                    "\\u{\(String(scalar.value, radix: 16))}"
                default: String(scalar)
                }
            }.joined() + "\""
    }

    static func hex(_ value: UInt32) -> String { "0x" + String(value, radix: 16, uppercase: true) }

    static func optional(_ value: Int?) -> String { value.map(String.init) ?? "nil" }
}
