import GreenDisclosure

/// The quarterly report as one self-contained, printable HTML file with inline SVG charts (no scripts,
/// no external resources). Money is printed in ``QuarterlyReport/moneyFormat``, its unit in the column
/// headings and the category chart's caption; the bars are labelled with district and category names,
/// shortened to fit with the whole name in a tooltip.
public enum ReportHTML {
    /// The whole HTML document of `report`, money in its ``QuarterlyReport/moneyFormat`` (元, 万元 or 亿元).
    public static func render(_ report: QuarterlyReport) -> String {
        let money = report.moneyFormat
        let l = report.language.label
        var body = "<h1>\(XMLText.escape(report.title))</h1>\n<ul class=\"headline\">\n"
        for line in report.headline(money) { body += "<li>\(XMLText.escape(line))</li>\n" }
        body += "</ul>\n<section class=\"charts\">\n"
        body += chartBlock(
            l("绿色贷款占比走势", "Green share over quarters"), lineChart(report.trend, target: report.trendTarget))
        body += chartBlock(
            l("分区绿色贷款占比", "Green share by district"),
            barChart(report.districtsChart, percent: true, target: report.trendTarget) {
                DecimalText.percent($0.value, decimals: 2)
            })
        body += chartBlock(
            money.heading("绿色分类", "Green loans by category", report.language),
            barChart(report.categoriesChart, percent: false, target: nil) { point in
                point.money.map { money.amount($0, report.language) }
                    ?? DecimalText.fixed(point.value, decimals: 2)
            })
        if !report.evaluationChart.isEmpty {
            body += chartBlock(
                l("各机构绿色贷款总额占比（人民银行评价指标）", "Lenders' green share of own loans (PBoC indicator)"),
                barChart(report.evaluationChart, percent: true, target: nil) {
                    DecimalText.percent($0.value, decimals: 2)
                })
        }
        body += "</section>\n"
        for table in report.tables {
            body += "<h2>\(XMLText.escape(table.title))</h2>\n<table>\n<thead><tr>"
            body +=
                table.headings(money).map { "<th>\(XMLText.escape($0))</th>" }.joined()
                + "</tr></thead>\n<tbody>\n"
            for row in table.rows {
                body +=
                    "<tr>"
                    + row.map { cell in
                        "<td\(cell.isNumeric ? " class=\"n\"" : "")>\(XMLText.escape(cell.display(money)))</td>"
                    }.joined() + "</tr>\n"
            }
            if table.rows.isEmpty { body += "<tr><td colspan=\"\(table.columns.count)\">—</td></tr>\n" }
            body += "</tbody>\n</table>\n"
        }
        body +=
            "<h2>Method</h2>\n<ul>\n"
            + report.methodology(money).map { "<li>\(XMLText.escape($0))</li>\n" }.joined()
            + "</ul>\n"
        body +=
            "<h2>Manifest</h2>\n<ul class=\"manifest\">\n"
            + report.manifest.map { "<li>\(XMLText.escape($0))</li>\n" }.joined() + "</ul>\n"
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>\(XMLText.escape(report.title))</title>
            <style>
            body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #1b2a22; }
            h1 { font-size: 1.5em; border-bottom: 3px solid #2e7d4f; padding-bottom: .3em; }
            h2 { font-size: 1.15em; margin-top: 1.6em; color: #2e7d4f; }
            ul.headline li { font-size: 1.05em; margin: .2em 0; }
            table { border-collapse: collapse; width: 100%; font-size: .85em; page-break-inside: auto; }
            th, td { border: 1px solid #c9d6ce; padding: .25em .5em; text-align: left; }
            th { background: #e8f2ec; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            section.charts { display: flex; flex-wrap: wrap; gap: 1.5em; }
            figure { margin: 0; }
            figcaption { font-size: .85em; margin-bottom: .3em; }
            ul.manifest { font-size: .8em; word-break: break-all; }
            @media print { body { margin: 1cm; } section.charts { page-break-inside: avoid; } }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    static func chartBlock(_ caption: String, _ svg: String) -> String {
        "<figure><figcaption>\(XMLText.escape(caption))</figcaption>\n\(svg)</figure>\n"
    }

    static let width = 420.0
    static let height = 220.0
    static let margin = (left: 48.0, right: 12.0, top: 12.0, bottom: 36.0)
    /// The narrowest slot of a bar and its label: six Chinese characters of the 9-px label font a line.
    static let minimumSlot = 60.0

    static func format(_ value: Double) -> String { DecimalText.fixed(value, decimals: 1) }

    /// A line of the green share by period, with the target as a dashed line.
    static func lineChart(_ points: [ChartPoint], target: Double?) -> String {
        guard !points.isEmpty else { return empty("no stored periods") }
        let top = max((points.map(\.value) + [target ?? 0]).max() ?? 0.1, 0.01) * 1.2
        let plotWidth = width - margin.left - margin.right
        let plotHeight = height - margin.top - margin.bottom
        // The first and last points sit 30 px inside the plot so that their labels are not clipped.
        func x(_ index: Int) -> Double {
            margin.left
                + (points.count == 1
                    ? plotWidth / 2 : 30 + (plotWidth - 60) * Double(index) / Double(points.count - 1))
        }
        func y(_ value: Double) -> Double { margin.top + plotHeight * (1 - value / top) }
        var svg = open()
        svg += axes(top: top, percent: true)
        if let target {
            svg +=
                "<line x1=\"\(format(margin.left))\" y1=\"\(format(y(target)))\" x2=\"\(format(width - margin.right))\" y2=\"\(format(y(target)))\" stroke=\"#c0392b\" stroke-dasharray=\"6 4\"/>"
            svg +=
                "<text x=\"\(format(width - margin.right))\" y=\"\(format(y(target) - 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#c0392b\">target \(DecimalText.percent(target, decimals: 1))</text>"
        }
        let path = points.enumerated().map { "\(format(x($0.offset))),\(format(y($0.element.value)))" }
            .joined(separator: " ")
        svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#2e7d4f\" stroke-width=\"2.5\"/>"
        for (index, point) in points.enumerated() {
            svg +=
                "<circle cx=\"\(format(x(index)))\" cy=\"\(format(y(point.value)))\" r=\"4\" fill=\"#2e7d4f\"/>"
            svg +=
                "<text x=\"\(format(x(index)))\" y=\"\(format(height - 14))\" text-anchor=\"middle\" font-size=\"11\">\(XMLText.escape(point.label))</text>"
            svg +=
                "<text x=\"\(format(x(index)))\" y=\"\(format(y(point.value) - 8))\" text-anchor=\"middle\" font-size=\"11\">\(DecimalText.percent(point.value, decimals: 2))</text>"
        }
        return svg + "</svg>\n"
    }

    /// Vertical bars, with an optional dashed target line. Each bar's label is broken into at most two lines
    /// that fit its slot (``ChartLabel``), the whole label and `valueText` in tooltips.
    static func barChart(
        _ points: [ChartPoint], percent: Bool, target: Double?, valueText: (ChartPoint) -> String
    ) -> String {
        guard !points.isEmpty else { return empty("no data") }
        let top = max((points.map(\.value) + [target ?? 0]).max() ?? 1, percent ? 0.01 : 1) * 1.15
        // Wider than the other charts when there are many bars, so that each label has room for a name.
        let width = max(Self.width, margin.left + margin.right + Double(points.count) * minimumSlot)
        let plotWidth = width - margin.left - margin.right
        let plotHeight = height - margin.top - margin.bottom
        let slot = plotWidth / Double(points.count)
        var svg = open(width: width)
        svg += axes(top: top, percent: percent, width: width)
        for (index, point) in points.enumerated() {
            let barHeight = plotHeight * point.value / top
            let x = margin.left + slot * Double(index) + slot * 0.15
            let detail = XMLText.escape(point.detail ?? point.label)
            svg +=
                "<rect x=\"\(format(x))\" y=\"\(format(margin.top + plotHeight - barHeight))\" width=\"\(format(slot * 0.7))\" height=\"\(format(barHeight))\" fill=\"#4caf7a\"><title>\(detail): \(XMLText.escape(valueText(point)))</title></rect>"
            svg += barLabel(point.label, detail: detail, centre: x + slot * 0.35, slot: slot)
        }
        if let target {
            let y = margin.top + plotHeight * (1 - target / top)
            svg +=
                "<line x1=\"\(format(margin.left))\" y1=\"\(format(y))\" x2=\"\(format(width - margin.right))\" y2=\"\(format(y))\" stroke=\"#c0392b\" stroke-dasharray=\"6 4\"/>"
        }
        return svg + "</svg>\n"
    }

    /// The label under a bar: at most two lines of 9-px text within 95 % of the slot, the whole `detail`
    /// (already escaped) in a `<title>`.
    static func barLabel(_ label: String, detail: String, centre: Double, slot: Double) -> String {
        let fontSize = 9.0
        let lines = ChartLabel.lines(label, width: slot * 0.95 / fontSize, maxLines: 2)
        let top = height - margin.bottom + 12
        var svg =
            "<text x=\"\(format(centre))\" y=\"\(format(top))\" text-anchor=\"middle\" font-size=\"\(Int(fontSize))\"><title>\(detail)</title>"
        for (index, line) in lines.enumerated() {
            svg +=
                "<tspan x=\"\(format(centre))\" y=\"\(format(top + Double(index) * (fontSize + 1)))\">\(XMLText.escape(line))</tspan>"
        }
        return svg + "</text>"
    }

    static func open(width: Double = width) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\">"
    }

    static func axes(top: Double, percent: Bool, width: Double = width) -> String {
        let plotHeight = height - margin.top - margin.bottom
        var svg =
            "<line x1=\"\(format(margin.left))\" y1=\"\(format(margin.top))\" x2=\"\(format(margin.left))\" y2=\"\(format(margin.top + plotHeight))\" stroke=\"#555\"/>"
        svg +=
            "<line x1=\"\(format(margin.left))\" y1=\"\(format(margin.top + plotHeight))\" x2=\"\(format(width - margin.right))\" y2=\"\(format(margin.top + plotHeight))\" stroke=\"#555\"/>"
        for step in 0...4 {
            let value = top * Double(step) / 4
            let y = margin.top + plotHeight * (1 - Double(step) / 4)
            let label = percent ? DecimalText.percent(value, decimals: 1) : compact(value)
            svg +=
                "<text x=\"\(format(margin.left - 4))\" y=\"\(format(y + 4))\" text-anchor=\"end\" font-size=\"10\">\(label)</text>"
        }
        return svg
    }

    static func compact(_ value: Double) -> String {
        value >= 100_000_000
            ? DecimalText.fixed(value / 100_000_000, decimals: 1) + "亿"
            : value >= 10_000
                ? DecimalText.fixed(value / 10_000, decimals: 0) + "万" : DecimalText.fixed(value, decimals: 0)
    }

    static func empty(_ note: String) -> String {
        open()
            + "<text x=\"\(Int(width / 2))\" y=\"\(Int(height / 2))\" text-anchor=\"middle\" font-size=\"12\">\(note)</text></svg>\n"
    }
}
