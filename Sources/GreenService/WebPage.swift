/// The web page served at `/`: one self-contained document (no external scripts, fonts or styles).
enum WebPage {
    static let html = """
        <!doctype html><html lang="zh"><head><meta charset="utf-8"><title>GreenLedger</title></head>
        <body><h1>GreenLedger</h1></body></html>
        """
}
