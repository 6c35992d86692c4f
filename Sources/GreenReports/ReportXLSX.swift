import Foundation
import ZIPFoundation

/// The quarterly report as an XLSX workbook (Office Open XML SpreadsheetML): one sheet per table, a first
/// sheet with the headline, methodology and manifest; money (exact yuan, headings saying so) and ratios
/// stored as numbers (with number formats), text as inline strings, neutralised like CSV (``SpreadsheetText/neutralised(_:)``) so that a
/// name beginning with `=` stays text when a cell is edited or the sheet is saved as CSV. Opens in Excel,
/// WPS and LibreOffice.
public enum ReportXLSX {
    /// A fixed entry date keeps the workbook's bytes the same for the same report.
    static let entryDate = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    public static func render(_ report: QuarterlyReport) throws -> Data {
        var sheets: [(name: String, xml: String)] = []
        let about: [[ReportCell]] =
            [[.text(report.title)]] + report.headline(.exact).map { [.text($0)] } + [[.text("")]]
            + report.methodology(.exact).map { [.text($0)] }
            + [[.text("")]] + report.manifest.map { [.text($0)] }
        sheets.append(("report", sheet(columns: ["report"], rows: about)))
        for table in report.tables {
            sheets.append((table.id, sheet(columns: table.headings(.exact), rows: table.rows)))
        }

        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: entryDate,
                compressionMethod: .deflate
            ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        try add("[Content_Types].xml", contentTypes(sheets.count))
        try add("_rels/.rels", rootRelationships)
        try add("xl/workbook.xml", workbook(sheets.map(\.name)))
        try add("xl/_rels/workbook.xml.rels", workbookRelationships(sheets.count))
        try add("xl/styles.xml", styles)
        for (index, sheet) in sheets.enumerated() {
            try add("xl/worksheets/sheet\(index + 1).xml", sheet.xml)
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    static func sheet(columns: [String], rows: [[ReportCell]]) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            """
        xml += row(1, columns.map { .text($0) }, header: true)
        for (index, cells) in rows.enumerated() { xml += row(index + 2, cells, header: false) }
        return xml + "</sheetData></worksheet>"
    }

    static func row(_ number: Int, _ cells: [ReportCell], header: Bool) -> String {
        var xml = "<row r=\"\(number)\">"
        for (index, cell) in cells.enumerated() {
            let reference = column(index) + String(number)
            switch cell {
            case .text(let text):
                xml +=
                    "<c r=\"\(reference)\" t=\"inlineStr\"\(header ? " s=\"3\"" : "")><is><t xml:space=\"preserve\">\(XMLText.escape(SpreadsheetText.neutralised(text)))</t></is></c>"
            case .money(let money):
                xml += "<c r=\"\(reference)\" s=\"1\"><v>\(MoneyFormat.exact.string(money))</v></c>"
            case .ratio(let value):
                xml +=
                    value.map { "<c r=\"\(reference)\" s=\"2\"><v>\($0)</v></c>" }
                    ?? "<c r=\"\(reference)\"/>"
            case .number(let value):
                xml += value.map { "<c r=\"\(reference)\"><v>\($0)</v></c>" } ?? "<c r=\"\(reference)\"/>"
            case .integer(let value):
                xml += "<c r=\"\(reference)\"><v>\(value)</v></c>"
            }
        }
        return xml + "</row>"
    }

    /// 0 → A, 25 → Z, 26 → AA.
    static func column(_ index: Int) -> String {
        var index = index
        var name = ""
        repeat {
            name = String(UnicodeScalar(UInt8(65 + index % 26))) + name
            index = index / 26 - 1
        } while index >= 0
        return name
    }

    static func contentTypes(_ count: Int) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        \((1...count).map { "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())\
        </Types>
        """
    }

    static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    static func workbook(_ names: [String]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
        \(names.enumerated().map { "<sheet name=\"\(XMLText.escape(String($0.element.prefix(31))))\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>" }.joined())\
        </sheets></workbook>
        """
    }

    static func workbookRelationships(_ count: Int) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        \((1...count).map { "<Relationship Id=\"rId\($0)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0).xml\"/>" }.joined())\
        <Relationship Id="rId\(count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        </Relationships>
        """
    }

    /// Styles: 0 default, 1 money (#,##0.00), 2 percent (0.00%), 3 bold header.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}
