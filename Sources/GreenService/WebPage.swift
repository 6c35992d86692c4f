/// The web page served at `/`: one self-contained document (no external scripts, fonts, styles or images) in
/// Chinese and English. A lender pastes its token, drops a filing and reads the receipt; district and city staff
/// pick a period and read the filings list and the report. It uses only the API (`fetch` with a bearer token
/// kept in `sessionStorage`), and inserts every text from the API as text, never as markup; the report is shown
/// in a sandboxed frame (no scripts) through `srcdoc`. Stable element ids (`#token`, `#file`, `#upload`,
/// `#verdict`, `#receipt-id`, `#period`, `#filings`, `#report`, …) are what `scripts/browser-test` drives.
enum WebPage {
    static let html = #"""
        <!doctype html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'">
        <meta name="referrer" content="no-referrer">
        <link rel="icon" href="data:,">
        <title>GreenLedger 绿色金融报送</title>
        <style>
        :root {
          --g9: #0b3b26; --g8: #14532d; --g7: #15803d; --g1: #dcfce7; --g0: #f3faf5;
          --ink: #1d2823; --mut: #5d6b64; --line: #dde5e0; --bg: #f3f6f4;
          --red: #b42318; --red1: #fee4e2; --amb: #a15c07; --amb1: #fef3c7; --blue1: #e8f0fd; --blue: #1849a9;
        }
        * { box-sizing: border-box; }
        html, body { margin: 0; }
        body {
          font: 14px/1.5 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
            "Helvetica Neue", Arial, sans-serif;
          color: var(--ink); background: var(--bg);
        }
        [hidden] { display: none !important; }
        .mono {
          font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace;
        }
        .wrap { max-width: 1260px; margin: 0 auto; padding: 0 20px; }
        .spacer { flex: 1; }
        header.top { background: var(--g9); color: #fff; }
        header.top .wrap { display: flex; align-items: center; gap: 12px; height: 54px; }
        .mark {
          width: 30px; height: 30px; border-radius: 8px; display: grid; place-items: center;
          background: linear-gradient(135deg, #4ade80, #15803d); font-weight: 800; font-size: 12px; color: #fff;
        }
        .brand b { font-size: 17px; letter-spacing: .02em; }
        .brand span { opacity: .72; font-size: 12.5px; margin-left: 12px; }
        .seg {
          display: inline-flex; border: 1px solid rgba(255,255,255,.4); border-radius: 7px;
          overflow: hidden;
        }
        .seg button {
          background: transparent; color: #fff; border: 0; padding: 4px 13px; font: inherit; font-size: 13px;
          cursor: pointer;
        }
        .seg button[aria-pressed="true"] { background: #fff; color: var(--g9); font-weight: 700; }
        .session { background: #fff; border-bottom: 1px solid var(--line); }
        .session .wrap {
          display: flex; align-items: center; gap: 8px; flex-wrap: wrap; padding-top: 10px;
          padding-bottom: 10px;
        }
        .lbl { font-weight: 600; color: var(--mut); font-size: 13px; }
        input[type="password"], input[type="text"], select {
          font: inherit; border: 1px solid #c6d1cb; border-radius: 7px; padding: 6px 10px; background: #fff;
          color: var(--ink); height: 34px;
        }
        input:focus, select:focus, button:focus-visible, .drop:focus-within {
          outline: 2px solid #86c79c; outline-offset: 1px;
        }
        #token { width: 320px; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
        .btn {
          font: inherit; font-size: 13.5px; border-radius: 7px; border: 1px solid #c6d1cb; background: #fff;
          padding: 0 14px; height: 34px; cursor: pointer; color: var(--ink); white-space: nowrap;
        }
        .btn:hover:not(:disabled) { border-color: var(--g7); color: var(--g8); }
        .btn.primary { background: var(--g7); border-color: var(--g7); color: #fff; font-weight: 600; }
        .btn.primary:hover:not(:disabled) { background: var(--g8); color: #fff; }
        .btn.small { height: 28px; padding: 0 10px; font-size: 12.5px; }
        .btn:disabled { opacity: .45; cursor: not-allowed; }
        .status-text { font-size: 13px; color: var(--mut); margin-left: 6px; }
        .status-text.ok { color: var(--g7); font-weight: 600; }
        .status-text.bad { color: var(--red); font-weight: 600; }
        .dot {
          display: inline-block; width: 8px; height: 8px; border-radius: 50%; background: currentColor;
          margin-right: 6px; vertical-align: 1px;
        }
        .tabs { display: inline-flex; background: #eaf0ec; border-radius: 9px; padding: 3px; }
        .tabs button {
          border: 0; background: transparent; padding: 0 16px; height: 30px; border-radius: 7px; font: inherit;
          font-size: 13.5px; cursor: pointer; color: var(--mut);
        }
        .tabs button[aria-selected="true"] {
          background: #fff; color: var(--g8); font-weight: 700; box-shadow: 0 1px 2px rgba(0,0,0,.1);
        }
        .tabs button:disabled { cursor: not-allowed; opacity: .6; }
        main.wrap { padding-top: 16px; padding-bottom: 20px; }
        .card {
          background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 14px 18px;
          margin-bottom: 14px;
        }
        .card h2 {
          font-size: 15px; margin: 0 0 10px; display: flex; align-items: center; gap: 8px; color: #16241d;
        }
        .card h2 .count {
          font-size: 12px; font-weight: 600; color: var(--mut); background: #eef2ef; border-radius: 999px;
          padding: 0 8px;
        }
        .card h2 .right { margin-left: auto; font-weight: 400; font-size: 12.5px; color: var(--mut); }
        .intro { padding: 22px 24px; }
        .intro h2 { font-size: 17px; }
        .steps {
          display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px; margin-top: 6px;
        }
        .step {
          border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; background: var(--g0);
        }
        .step b { display: block; color: var(--g8); margin-bottom: 4px; font-size: 14.5px; }
        .step p { margin: 0; color: #3c4a43; font-size: 13.5px; }
        .grid-lender {
          display: grid; grid-template-columns: 350px minmax(0, 1fr); gap: 14px; align-items: start;
        }
        .drop {
          display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 4px;
          border: 2px dashed #b3c6bb; border-radius: 10px; padding: 18px 12px; text-align: center; cursor: pointer;
          background: var(--g0); color: var(--mut); min-height: 124px; position: relative; transition: background .15s;
        }
        .drop:hover { border-color: #7fb894; }
        .drop.over { border-color: var(--g7); background: var(--g1); }
        .drop .icon { font-size: 26px; line-height: 1; color: var(--g7); }
        .drop .big { font-size: 15px; color: var(--g8); font-weight: 700; }
        .drop .small { font-size: 12.5px; }
        .visually-hidden {
          position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
          clip-path: inset(50%); white-space: nowrap; border: 0; padding: 0; margin: -1px;
        }
        .fileinfo {
          margin: 10px 0 0; font-size: 13px; display: flex; gap: 8px; align-items: baseline;
          min-height: 20px;
        }
        .fileinfo .name {
          font-weight: 600; min-width: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
        }
        .fileinfo .size { color: var(--mut); white-space: nowrap; }
        .fileinfo.empty { color: var(--mut); }
        .actions { display: flex; gap: 8px; margin-top: 10px; flex-wrap: wrap; }
        .busy {
          margin-top: 10px; font-size: 13px; color: var(--g8); display: flex; align-items: center;
          gap: 8px;
        }
        .spin {
          width: 14px; height: 14px; border: 2px solid #b7dcc3; border-top-color: var(--g7);
          border-radius: 50%; animation: spin .8s linear infinite;
        }
        @keyframes spin { to { transform: rotate(360deg); } }
        .note { font-size: 12.5px; color: var(--mut); margin: 10px 0 0; }
        .mine { list-style: none; margin: 0; padding: 0; max-height: 260px; overflow: auto; }
        .mine li + li { border-top: 1px solid #edf1ef; }
        .mine button {
          width: 100%; border: 0; background: none; font: inherit; text-align: left; padding: 7px 6px; cursor: pointer;
          display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 1px 8px; color: var(--ink); border-radius: 6px;
        }
        .mine .what { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        .mine .pills { display: flex; gap: 4px; }
        .mine button:hover { background: var(--g0); }
        .mine .when {
          grid-column: 1 / -1; font-size: 12px; color: var(--mut); white-space: nowrap; overflow: hidden;
          text-overflow: ellipsis;
        }
        .mine .when .mono { font-size: 11.5px; }
        .empty-note { color: var(--mut); font-size: 13px; margin: 4px 0; }
        .pill {
          display: inline-block; padding: 0 8px; border-radius: 999px; font-size: 12px; font-weight: 700;
          line-height: 20px; white-space: nowrap;
        }
        .pill.accept { background: var(--g1); color: var(--g8); }
        .pill.reject { background: var(--red1); color: var(--red); }
        .pill.warn { background: var(--amb1); color: var(--amb); }
        .pill.info { background: var(--blue1); color: var(--blue); }
        .pill.grey { background: #eceff0; color: #4b5650; }
        .banner {
          display: flex; align-items: center; gap: 20px; border-radius: 10px; padding: 12px 18px;
          margin-bottom: 12px;
        }
        .banner.accept { background: var(--g1); border: 1px solid #a7e0b9; }
        .banner.reject { background: var(--red1); border: 1px solid #f6b8b1; }
        .banner .v { min-width: 150px; }
        #verdict { font-size: 30px; font-weight: 800; letter-spacing: .05em; line-height: 1.1; }
        .banner.accept #verdict { color: var(--g8); }
        .banner.reject #verdict { color: var(--red); }
        .banner .vsub { font-size: 13px; font-weight: 600; }
        .banner.accept .vsub { color: var(--g7); }
        .banner.reject .vsub { color: var(--red); }
        .banner .desc { border-left: 1px solid rgba(0,0,0,.12); padding-left: 18px; font-size: 13.5px; }
        .banner .desc .line1 { display: flex; gap: 8px; align-items: center; margin-bottom: 3px; }
        .banner .desc .pill { background: #fff; border: 1px solid currentColor; }
        .http { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; color: var(--mut); }
        .kv {
          display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 8px 18px; margin: 0 0 12px;
        }
        .kv > div { min-width: 0; }
        .kv dt { font-size: 12px; color: var(--mut); }
        .kv dd { margin: 0; font-size: 13.5px; overflow-wrap: anywhere; }
        .kv .wide { grid-column: span 2; }
        .kv .full { grid-column: 1 / -1; }
        .kv .strong { font-weight: 700; }
        .kv .sub { display: block; font-size: 12px; color: var(--mut); }
        .copy { margin-left: 6px; vertical-align: 1px; }
        .subhead { display: flex; align-items: center; gap: 10px; margin: 4px 0 8px; }
        .subhead h3 { font-size: 14px; margin: 0; }
        .filters { display: inline-flex; gap: 4px; }
        .filters button {
          border: 1px solid var(--line); background: #fff; border-radius: 999px; font: inherit;
          font-size: 12.5px; padding: 1px 10px; cursor: pointer; color: var(--mut);
        }
        .filters button[aria-pressed="true"] {
          border-color: var(--g7); color: var(--g8); background: var(--g0); font-weight: 600;
        }
        .tablebox { overflow: auto; border: 1px solid var(--line); border-radius: 8px; }
        .findings-box { max-height: 340px; }
        .filings-box { max-height: 196px; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; }
        th {
          position: sticky; top: 0; z-index: 1; background: #f2f6f3; text-align: left; font-weight: 600; color: #3a4842;
          padding: 6px 10px; border-bottom: 1px solid var(--line); white-space: nowrap;
        }
        td { padding: 6px 10px; border-bottom: 1px solid #edf1ef; vertical-align: top; }
        tbody tr:last-child td { border-bottom: 0; }
        tbody tr:hover td { background: #fafcfb; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.nowrap { white-space: nowrap; }
        td.small { font-size: 12px; }
        td.lender { max-width: 260px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        td .sub { display: block; font-size: 11.5px; color: var(--mut); }
        td.hint { color: #44524b; }
        tr.superseded td { color: #8a9690; }
        tr.superseded td .pill { opacity: .7; }
        .rule {
          font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; white-space: nowrap;
        }
        .caption { font-size: 12px; color: var(--mut); margin: 6px 2px 0; }
        .alert { border-radius: 10px; padding: 10px 14px; margin-bottom: 12px; font-size: 13.5px; }
        .alert-error { background: var(--red1); border: 1px solid #f6b8b1; color: #6e1a12; }
        .alert-warn { background: var(--amb1); border: 1px solid #f3d58a; color: #5c3a06; }
        .alert-title { font-weight: 700; display: flex; gap: 10px; align-items: baseline; }
        .alert-title .http { color: inherit; opacity: .75; }
        .alert-msg { margin-top: 3px; overflow-wrap: anywhere; }
        .alert-hint { margin-top: 2px; opacity: .85; }
        .alert-help { margin-top: 4px; font-size: 12.5px; opacity: .85; }
        .placeholder { color: var(--mut); font-size: 13.5px; }
        .legend { list-style: none; padding: 0; margin: 10px 0 0; display: grid; gap: 8px; }
        .legend li { display: flex; gap: 10px; align-items: baseline; }
        .legend .pill { min-width: 64px; text-align: center; }
        .toolbar { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; padding: 10px 18px; }
        .toolbar .group { display: flex; align-items: center; gap: 6px; }
        #period { min-width: 120px; }
        #district { min-width: 150px; }
        .chips { display: flex; gap: 6px; flex-wrap: wrap; }
        .chip {
          background: #eef3f0; border-radius: 999px; padding: 0 10px; font-size: 12.5px; font-weight: 400;
          color: #34433b; white-space: nowrap; line-height: 22px;
        }
        .chip b { color: var(--g8); }
        .downloads { display: flex; align-items: center; gap: 4px; margin-left: auto; font-weight: 400; }
        .toolnote { margin-left: auto; font-size: 12.5px; color: var(--mut); }
        .report-box {
          border: 1px solid var(--line); border-radius: 8px; overflow: hidden; background: #fff;
        }
        #report { display: block; width: 100%; height: 640px; border: 0; background: #fff; }
        .loading {
          display: flex; gap: 8px; align-items: center; color: var(--g8); font-size: 13px; padding: 6px 0;
        }
        footer.foot { color: var(--mut); font-size: 12px; padding-bottom: 20px; display: flex; gap: 14px; }
        footer.foot a { color: var(--mut); }
        </style>
        </head>
        <body>
        <header class="top"><div class="wrap">
          <div class="mark" aria-hidden="true">GL</div>
          <div class="brand"><b data-i18n="appName"></b><span data-i18n="appSub"></span></div>
          <div class="spacer"></div>
          <div class="seg" role="group" aria-label="Language / 语言">
            <button id="lang-zh" type="button" lang="zh-CN">中文</button><button id="lang-en" type="button" lang="en">EN</button>
          </div>
        </div></header>
        <section class="session"><div class="wrap">
          <label class="lbl" for="token" data-i18n="tokenLabel"></label>
          <input id="token" type="password" autocomplete="off" spellcheck="false" data-i18n-placeholder="tokenPlaceholder">
          <button id="token-show" class="btn" type="button" data-i18n="show"></button>
          <button id="token-use" class="btn primary" type="button" data-i18n="use"></button>
          <button id="token-clear" class="btn" type="button" data-i18n="forget"></button>
          <span id="token-status" class="status-text" role="status"></span>
          <div class="spacer"></div>
          <div class="tabs" role="tablist">
            <button id="view-lender" type="button" role="tab" data-i18n="viewLender"></button>
            <button id="view-staff" type="button" role="tab" data-i18n="viewStaff"></button>
          </div>
        </div></section>
        <main class="wrap">
          <div id="token-error"></div>
          <section id="intro" class="card intro">
            <h2 data-i18n="introTitle"></h2>
            <div class="steps">
              <div class="step"><b data-i18n="step1T"></b><p data-i18n="step1"></p></div>
              <div class="step"><b data-i18n="step2T"></b><p data-i18n="step2"></p></div>
              <div class="step"><b data-i18n="step3T"></b><p data-i18n="step3"></p></div>
            </div>
          </section>
          <section id="lender-view" hidden>
            <div id="lender-warning"></div>
            <div class="grid-lender" id="lender-main">
              <div>
                <div class="card">
                  <h2 data-i18n="fileTitle"></h2>
                  <label id="drop" class="drop" for="file">
                    <span class="icon" aria-hidden="true">&#x21EA;</span>
                    <span class="big" data-i18n="dropBig"></span>
                    <span class="small" data-i18n="dropSmall"></span>
                    <input id="file" type="file" accept=".xml,application/xml,text/xml" class="visually-hidden">
                  </label>
                  <div id="file-info" class="fileinfo"></div>
                  <div class="actions">
                    <button id="upload" class="btn primary" type="button" data-i18n="submit" disabled></button>
                    <button id="validate" class="btn" type="button" data-i18n="validateOnly" disabled></button>
                    <button id="cancel" class="btn" type="button" data-i18n="cancel" hidden></button>
                  </div>
                  <div id="busy" class="busy" role="status" hidden></div>
                  <p class="note" data-i18n="fileNote"></p>
                </div>
                <div class="card">
                  <h2><span data-i18n="myFilings"></span><span id="my-count" class="count" hidden></span></h2>
                  <div id="my-filings"></div>
                </div>
              </div>
              <div class="card" id="receipt-card">
                <h2><span data-i18n="receiptTitle"></span><span id="receipt-actions" class="right"></span></h2>
                <div id="receipt"></div>
              </div>
            </div>
          </section>
          <section id="staff-view" hidden>
            <div id="staff-warning"></div>
            <div id="staff-main">
            <div class="card toolbar">
              <div class="group">
                <label class="lbl" for="period" data-i18n="period"></label>
                <select id="period"></select>
              </div>
              <div class="group">
                <label class="lbl" for="district" data-i18n="district"></label>
                <select id="district"></select>
              </div>
              <button id="refresh" class="btn" type="button" data-i18n="refresh"></button>
              <span class="toolnote" data-i18n="filingsNote"></span>
            </div>
            <div id="staff-error"></div>
            <div class="card">
              <h2><span data-i18n="filingsTitle"></span><span id="chips" class="chips"></span></h2>
              <div id="filings"></div>
            </div>
            <div class="card">
              <h2><span data-i18n="reportTitle"></span><span id="report-status" class="count" hidden></span>
                <span class="downloads">
                  <span class="lbl" data-i18n="download"></span>
                  <button class="btn small" type="button" data-format="xlsx">Excel</button>
                  <button class="btn small" type="button" data-format="md">Markdown</button>
                  <button class="btn small" type="button" data-format="json">JSON</button>
                  <button class="btn small" type="button" data-format="html">HTML</button>
                </span></h2>
              <div id="report-message"></div>
              <div class="report-box" id="report-box" hidden>
                <iframe id="report" title="report" sandbox="allow-same-origin" referrerpolicy="no-referrer"
                  data-state="empty"></iframe>
              </div>
            </div>
            </div>
          </section>
        </main>
        <footer class="wrap foot">
          <span id="version">GreenLedger</span>
          <a href="/openapi.yaml" data-i18n="apiDoc"></a>
          <span data-i18n="privacy"></span>
        </footer>
        <script>
        "use strict";
        (function () {
          const T = {
            zh: {
              pageTitle: "GreenLedger 绿色金融报送",
              appName: "GreenLedger 绿色金融报送",
              appSub: "深圳 · 出借机构季度披露报送与区、市审阅",
              tokenLabel: "访问令牌",
              tokenPlaceholder: "粘贴令牌 glt_…",
              show: "显示", hide: "隐藏", use: "连接", forget: "清除",
              tokenNone: "未连接",
              tokenChecking: "正在验证令牌…",
              tokenLender: "已连接 · 出借机构账户",
              tokenStaff: "已连接 · 区/市级账户",
              tokenBad: "令牌未通过验证",
              tokenEmpty: "请先粘贴令牌",
              tokenEmptyHelp: "令牌以 glt_ 开头，由管理员用 greenledger accounts add 生成。",
              viewLender: "出借机构报送", viewStaff: "区/市审阅",
              introTitle: "开始使用",
              step1T: "① 粘贴令牌",
              step1: "令牌由管理员用 greenledger accounts add 生成（以 glt_ 开头）。页面只把它保存在本标签页"
                + "（sessionStorage），不放进网址；关闭标签页或点“清除”即删除。",
              step2T: "② 出借机构：报送",
              step2: "把季度披露 XML 文件拖入页面并报送，立即得到回执：通过或退回、回执编号、内容哈希，以及逐条校验发现。",
              step3T: "③ 区、市工作人员：审阅",
              step3: "选择报告期，查看报送列表和带图表的季度报告；报告可下载为 Excel、Markdown、JSON 或 HTML。",
              fileTitle: "报送季度披露文件",
              dropBig: "拖入 XML 文件",
              dropSmall: "或点击选择文件（披露格式 v1）",
              noFile: "尚未选择文件",
              submit: "正式报送", validateOnly: "仅校验", cancel: "取消",
              busyFile: "正在上传并校验… {0} 秒", busyValidate: "正在校验… {0} 秒",
              fileNote: "正式报送：通过校验即入库，并取代同一报告期的较低版本；内容完全相同的重复报送返回原回执。"
                + "仅校验：不保存任何内容。",
              myFilings: "本机构的报送记录",
              mineEmpty: "尚无报送记录。",
              mineNotLender: "此账户不是出借机构账户。",
              receiptTitle: "回执",
              receiptEmpty: "选择文件并报送后，回执显示在这里。可能的结果：",
              verdictACCEPT: "通过", verdictREJECT: "退回",
              st_stored: "已入库", st_duplicate: "重复报送", st_rejected: "已退回", st_validated: "仅校验",
              st_superseded: "已被取代",
              desc_stored: "已通过校验并保存；同一报告期的较低版本（如有）已被本版本取代。",
              desc_duplicate: "相同内容（SHA-256 相同）此前已报送：这是原回执，未作任何更改。",
              desc_rejected: "未通过校验，未保存任何数据。请按下表修改后重新报送。",
              desc_validated: "仅校验：未保存任何内容，没有回执编号。",
              desc_lookup: "已存档的回执。",
              k_receipt: "回执编号", k_lender: "报送机构", k_period: "报告期", k_revision: "版本",
              k_received: "接收时间", k_loans: "贷款笔数", k_errors: "错误", k_warnings: "警告", k_bytes: "文件大小",
              k_sha: "内容哈希 SHA-256", k_supersedes: "取代的回执", k_account: "报送账户", k_file: "文件",
              noReceiptId: "（仅校验，无回执编号）",
              findings: "校验发现", findingsNone: "没有任何校验发现。",
              fAll: "全部", fErr: "错误", fWarn: "警告",
              c_rule: "规则", c_sev: "级别", c_loc: "行:列", c_msg: "说明", c_hint: "修改建议", c_loan: "贷款编号",
              sev_error: "错误", sev_warning: "警告", sev_info: "提示",
              findingsCapped: "显示 {0} 条：每条规则只保留部分发现，错误数与警告数按全部计算。",
              copy: "复制", copied: "已复制", downloadReceipt: "下载回执 JSON",
              period: "报告期", district: "区", districtDefault: "本账户范围", refresh: "刷新",
              filingsTitle: "报送列表", filingsEmpty: "该报告期没有报送。",
              filingsNote: "报送列表含全部机构；“区”只作用于报告，区级账户只能查看本区",
              c_lender: "机构", c_uscc: "统一社会信用代码", c_rev: "版本", c_verdict: "结论", c_status: "状态", c_loans: "贷款笔数",
              c_errors: "错误", c_warnings: "警告", c_received: "接收时间", c_receiptid: "回执编号", c_source: "来源",
              srcCli: "命令行导入", srcAccount: "账户 {0}",
              chipFilings: "报送 {0} 份", chipLenders: "机构 {0} 家", chipSuperseded: "已取代 {0} 份",
              chipWarnings: "警告 {0} 条",
              reportTitle: "季度报告",
              reportLoading: "正在生成报告…",
              reportNone: "选择报告期后显示报告。",
              download: "下载",
              noPeriods: "尚无任何已入库的报送，暂无可选报告期。",
              wrongLender: "此令牌识别为区/市级账户：报送需要出借机构账户的令牌。",
              wrongStaff: "此令牌识别为出借机构账户：报送列表和报告只对区、市级账户开放。",
              loading: "正在加载…",
              hint: "建议",
              e0: "无法连接服务器", h0: "检查网络连接，或确认服务仍在运行。",
              e400: "请求有误", h400: "请检查所选的报告期或区。", h400_file: "请确认所选文件是完整的 XML 披露文件。",
              e401: "令牌无效或已被吊销", h401: "请粘贴有效的令牌（glt_…）；令牌由管理员用 greenledger accounts add 生成。",
              e403: "此账户无权执行该操作", h403: "此账户的角色或范围不包含该请求。",
              h403_file: "只有出借机构账户可以报送，且文件中的机构代码（Lender@uscc）须与本账户一致。",
              h403_rollup: "区级账户只能查看本区的汇总与报告；出借机构账户不能查看汇总。",
              e404: "未找到", h404: "", h404_rollup: "该范围内尚无任何报送。",
              e409: "版本冲突", h409: "同一机构、同一报告期的该版本已以不同内容入库：请提高 Header/@revision 后重新报送。",
              e413: "文件过大", h413: "超过服务器允许的上传大小（--max-upload-mb），请联系运维人员。",
              e503: "服务暂不可用", h503: "请稍后再试；如持续出现，请联系运维人员。",
              eOther: "请求失败", hOther: "",
              apiDoc: "API 说明（OpenAPI）",
              privacy: "令牌只保存在本标签页，不写入网址、Cookie 或本地存储。"
            },
            en: {
              pageTitle: "GreenLedger green finance filing",
              appName: "GreenLedger green finance filing",
              appSub: "Shenzhen · quarterly disclosures by lenders, reviewed by districts and the city",
              tokenLabel: "Access token",
              tokenPlaceholder: "Paste a token glt_…",
              show: "Show", hide: "Hide", use: "Connect", forget: "Forget",
              tokenNone: "Not connected",
              tokenChecking: "Checking the token…",
              tokenLender: "Connected · lender",
              tokenStaff: "Connected · staff account",
              tokenBad: "The token was not accepted",
              tokenEmpty: "Paste a token first",
              tokenEmptyHelp: "Tokens start with glt_; an administrator creates them with greenledger accounts add.",
              viewLender: "Lender filing", viewStaff: "District & city review",
              introTitle: "Getting started",
              step1T: "① Paste your token",
              step1: "An administrator creates it with greenledger accounts add (it starts with glt_). The page keeps it "
                + "in this tab only (sessionStorage), never in the address; closing the tab or Forget removes it.",
              step2T: "② Lenders: file",
              step2: "Drop the quarterly disclosure XML and file it: the receipt comes back at once — accepted or "
                + "rejected, receipt id, content hash and every validation finding.",
              step3T: "③ District and city staff: review",
              step3: "Pick a period to see the filings list and the quarterly report with its charts; download the "
                + "report as Excel, Markdown, JSON or HTML.",
              fileTitle: "File a quarterly disclosure",
              dropBig: "Drop the XML file here",
              dropSmall: "or click to choose it (disclosure format v1)",
              noFile: "No file chosen",
              submit: "File it", validateOnly: "Validate only", cancel: "Cancel",
              busyFile: "Uploading and validating… {0} s", busyValidate: "Validating… {0} s",
              fileNote: "File it: an accepted filing is stored and supersedes a lower revision of the same period; "
                + "filing the very same bytes again returns the original receipt. Validate only: nothing is stored.",
              myFilings: "Filings of this lender",
              mineEmpty: "Nothing filed yet.",
              mineNotLender: "This is not a lender account.",
              receiptTitle: "Receipt",
              receiptEmpty: "File a disclosure and its receipt appears here. The outcomes:",
              verdictACCEPT: "Accepted", verdictREJECT: "Rejected",
              st_stored: "Stored", st_duplicate: "Duplicate", st_rejected: "Rejected", st_validated: "Validated",
              st_superseded: "Superseded",
              desc_stored: "Validated and stored; a lower revision of the same period, if any, is superseded by it.",
              desc_duplicate: "The same bytes (SHA-256) were filed before: this is the original receipt; nothing changed.",
              desc_rejected: "Failed validation: no figures were stored. Correct the findings below and file again.",
              desc_validated: "Validation only: nothing was stored and there is no receipt id.",
              desc_lookup: "A receipt on file.",
              k_receipt: "Receipt id", k_lender: "Lender", k_period: "Period", k_revision: "Revision",
              k_received: "Received", k_loans: "Loans", k_errors: "Errors", k_warnings: "Warnings", k_bytes: "Size",
              k_sha: "Content hash SHA-256", k_supersedes: "Supersedes", k_account: "Account", k_file: "File",
              noReceiptId: "(validation only: no receipt id)",
              findings: "Findings", findingsNone: "No findings at all.",
              fAll: "All", fErr: "Errors", fWarn: "Warnings",
              c_rule: "Rule", c_sev: "Severity", c_loc: "Line:col", c_msg: "Message", c_hint: "How to fix",
              c_loan: "Loan id",
              sev_error: "error", sev_warning: "warning", sev_info: "info",
              findingsCapped: "{0} shown: only some findings are kept per rule; the error and warning counts are complete.",
              copy: "Copy", copied: "Copied", downloadReceipt: "Download receipt JSON",
              period: "Period", district: "District", districtDefault: "Account's scope",
              refresh: "Refresh",
              filingsTitle: "Filings", filingsEmpty: "Nothing filed for this period.",
              filingsNote: "The list holds every lender; District applies to the report (a district account: its own)",
              c_lender: "Lender", c_uscc: "USCC", c_rev: "Rev.", c_verdict: "Verdict", c_status: "Status", c_loans: "Loans",
              c_errors: "Errors", c_warnings: "Warnings", c_received: "Received", c_receiptid: "Receipt",
              c_source: "Source",
              srcCli: "CLI ingest", srcAccount: "account {0}",
              chipFilings: "{0} filings", chipLenders: "{0} lenders", chipSuperseded: "{0} superseded",
              chipWarnings: "{0} warnings",
              reportTitle: "Quarterly report",
              reportLoading: "Building the report…",
              reportNone: "Pick a period to see its report.",
              download: "Download",
              noPeriods: "Nothing has been stored yet, so there is no period to pick.",
              wrongLender: "This token belongs to a district or city account: filing needs a lender's token.",
              wrongStaff: "This token belongs to a lender: the filings list and reports are for district and city "
                + "accounts.",
              loading: "Loading…",
              hint: "Hint",
              e0: "Cannot reach the server", h0: "Check the connection, or whether the service is still running.",
              e400: "Bad request", h400: "Check the period and district chosen.",
              h400_file: "Check that the file is a whole XML disclosure.",
              e401: "Token not valid or revoked",
              h401: "Paste a valid token (glt_…); an administrator creates them with greenledger accounts add.",
              e403: "Not allowed for this account",
              h403: "This account's role or scope does not cover the request.",
              h403_file: "Only a lender account files, and the filing's Lender@uscc must be this account's.",
              h403_rollup: "A district account reads its own district's roll-ups and reports; a lender reads none.",
              e404: "Not found", h404: "", h404_rollup: "Nothing has been filed in this scope yet.",
              e409: "Revision conflict",
              h409: "This revision of the lender's filing for the period is stored with other content: raise "
                + "Header/@revision and file again.",
              e413: "File too large", h413: "The file passes the server's upload limit (--max-upload-mb): ask the operator.",
              e503: "Service unavailable", h503: "Try again shortly; if it persists, tell the operator.",
              eOther: "Request failed", hOther: "",
              apiDoc: "API description (OpenAPI)",
              privacy: "The token stays in this tab only: never in the address, a cookie or local storage."
            }
          };
          const DISTRICTS = [
            ["440303", "罗湖区", "Luohu"], ["440304", "福田区", "Futian"], ["440305", "南山区", "Nanshan"],
            ["440306", "宝安区", "Bao'an"], ["440307", "龙岗区", "Longgang"], ["440308", "盐田区", "Yantian"],
            ["440309", "龙华区", "Longhua"], ["440310", "坪山区", "Pingshan"], ["440311", "光明区", "Guangming"]
          ];
          const KEY_TOKEN = "greenledger.token", KEY_LANG = "greenledger.lang";
          const tab = {
            get(k) { try { return window.sessionStorage.getItem(k); } catch (e) { return null; } },
            set(k, v) { try { window.sessionStorage.setItem(k, v); } catch (e) { /* storage off: this page only */ } },
            del(k) { try { window.sessionStorage.removeItem(k); } catch (e) { /* nothing kept */ } }
          };
          const S = {
            lang: tab.get(KEY_LANG) === "en" ? "en" : "zh",
            token: null, conn: "none", connErr: null, role: null, view: null, showToken: false,
            file: null, busy: null, started: 0, abort: null, timer: null, result: null, filter: "all",
            mine: null, mineErr: null, mineSeq: 0,
            periods: [], period: null, district: "", list: null, listErr: null, listSeq: 0,
            report: "idle", reportErr: null, reportSeq: 0, reportLang: null, version: ""
          };

          const $ = (id) => document.getElementById(id);
          function t(key, ...args) {
            let s = T[S.lang][key];
            if (s === undefined) s = T.en[key] !== undefined ? T.en[key] : key;
            args.forEach((a, i) => { s = s.replace("{" + i + "}", String(a)); });
            return s;
          }
          /* Builds an element; strings become text nodes (never markup). */
          function el(tag, props, ...kids) {
            const e = document.createElement(tag);
            if (props) {
              for (const [k, v] of Object.entries(props)) {
                if (v === null || v === undefined || v === false) continue;
                if (k === "class") e.className = v;
                else if (k === "text") e.textContent = v;
                else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
                else e.setAttribute(k, v === true ? "" : String(v));
              }
            }
            for (const kid of kids.flat()) {
              if (kid === null || kid === undefined || kid === false) continue;
              e.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
            }
            return e;
          }
          function fill(id, ...kids) {
            const e = $(id);
            e.replaceChildren();
            for (const k of kids.flat()) if (k) e.append(k);
            return e;
          }
          /* Receipts no longer current: named by another's `supersedes`, or an accepted revision below the highest
             accepted revision of the same lender and period (a lower revision stored after a higher one names none). */
          function supersededIn(list) {
            const out = new Set(list.map((f) => f && f.supersedes).filter(Boolean));
            const accepted = list.filter((f) => f && f.verdict === "ACCEPT" && f.status !== "rejected");
            const key = (f) => str(f.lender && f.lender.uscc) + "|" + str(f.period);
            const top = new Map();
            for (const f of accepted) {
              top.set(key(f), Math.max(top.has(key(f)) ? top.get(key(f)) : -Infinity, Number(f.revision)));
            }
            for (const f of accepted) if (Number(f.revision) < top.get(key(f))) out.add(f.receipt);
            return out;
          }
          function str(v) { return v === null || v === undefined ? "" : String(v); }
          function num(n) {
            if (typeof n !== "number" || !isFinite(n)) return str(n);
            return n.toLocaleString(S.lang === "zh" ? "zh-CN" : "en-US");
          }
          function bytes(n) {
            if (typeof n !== "number" || !isFinite(n)) return str(n);
            if (n < 1024) return n + " B";
            const units = ["KB", "MB", "GB", "TB"];
            let v = n / 1024, i = 0;
            while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
            return v.toFixed(v < 10 ? 1 : 0) + " " + units[i];
          }
          function when(text) {
            const d = new Date(str(text));
            if (!text || isNaN(d.getTime())) return str(text);
            const p = (x) => String(x).padStart(2, "0");
            return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate()) + " " + p(d.getHours()) + ":"
              + p(d.getMinutes());
          }
          function periodKey(p) {
            const m = /^(\d{4})(?:-Q([1-4]))?$/.exec(str(p));
            return m ? Number(m[1]) * 10 + (m[2] ? Number(m[2]) : 5) : -1;
          }
          function periodsOf(filings) {
            const set = new Set();
            for (const f of filings) if (f && f.period) set.add(String(f.period));
            return [...set].sort((a, b) => periodKey(b) - periodKey(a) || (a < b ? 1 : -1));
          }

          /* The API: fetch with the bearer token; answers {status, ok, body, error:{error, hint}}. */
          async function api(method, path, opts) {
            opts = opts || {};
            const headers = { "Accept": opts.accept || "application/json" };
            if (S.token) headers["Authorization"] = "Bearer " + S.token;
            if (opts.contentType) headers["Content-Type"] = opts.contentType;
            let res;
            try {
              res = await fetch(path, {
                method, headers, body: opts.body, signal: opts.signal, cache: "no-store", credentials: "omit",
                redirect: "error", referrerPolicy: "no-referrer"
              });
            } catch (err) {
              if (err && err.name === "AbortError") return { status: -1, ok: false, aborted: true };
              return { status: 0, ok: false, error: { error: str(err && err.message), hint: "" } };
            }
            const out = { status: res.status, ok: res.ok, body: null, error: null };
            const type = res.headers.get("Content-Type") || "";
            try {
              if (res.ok && opts.as === "text") out.body = await res.text();
              else if (res.ok && opts.as === "blob") out.body = await res.blob();
              else {
                const text = await res.text();
                if (type.includes("json")) {
                  try { out.body = JSON.parse(text); } catch (e) { out.body = null; }
                }
                if (!res.ok) {
                  const b = out.body && typeof out.body === "object" ? out.body : null;
                  out.error = b && "error" in b ? { error: str(b.error), hint: str(b.hint) }
                    : { error: text.slice(0, 400), hint: "" };
                } else if (out.body === null) {
                  out.ok = false;
                  out.error = { error: "unexpected answer (" + (type || "no type") + ")", hint: "" };
                }
              }
            } catch (err) {
              if (err && err.name === "AbortError") return { status: -1, ok: false, aborted: true };
              out.ok = false;
              out.error = { error: str(err && err.message), hint: "" };
            }
            return out;
          }

          /* A readable error: what happened (by HTTP status), the server's sentence and hint, what to do. */
          function errorBox(r, context) {
            const known = [0, 400, 401, 403, 404, 409, 413, 503];
            const code = known.includes(r.status) ? String(r.status) : "Other";
            const e = r.error || { error: "", hint: "" };
            const specific = "h" + code + "_" + (context || "");
            const help = T[S.lang][specific] !== undefined ? t(specific) : t("h" + code);
            return el("div", { class: "alert alert-error", role: "alert" },
              el("div", { class: "alert-title" }, t("e" + code),
                el("span", { class: "http" }, r.status > 0 ? "HTTP " + r.status : "")),
              e.error ? el("div", { class: "alert-msg" }, e.error) : null,
              e.hint ? el("div", { class: "alert-hint" }, t("hint") + ": " + e.hint) : null,
              help ? el("div", { class: "alert-help" }, help) : null);
          }
          function warnBox(text) { return el("div", { class: "alert alert-warn" }, text); }
          function pillVerdict(v) {
            const ok = v === "ACCEPT";
            return el("span", { class: "pill " + (ok ? "accept" : "reject"), title: str(v) }, t("verdict" + str(v)));
          }
          function pillStatus(status, superseded) {
            if (superseded) return el("span", { class: "pill grey" }, t("st_superseded"));
            const cls = status === "stored" ? "accept" : status === "rejected" ? "reject" : "info";
            return el("span", { class: "pill " + cls, title: str(status) }, t("st_" + status));
          }
          function pillSeverity(sev) {
            const cls = sev === "error" ? "reject" : sev === "warning" ? "warn" : "info";
            return el("span", { class: "pill " + cls, title: str(sev) }, t("sev_" + sev));
          }
          async function copyText(text, button) {
            let done = false;
            try { await navigator.clipboard.writeText(text); done = true; } catch (e) {
              const area = el("textarea", { class: "visually-hidden" });
              area.value = text;
              document.body.append(area);
              area.select();
              try { done = document.execCommand("copy"); } catch (e2) { done = false; }
              area.remove();
            }
            if (done && button) {
              button.textContent = t("copied");
              setTimeout(() => { button.textContent = t("copy"); }, 1400);
            }
          }
          function saveBlob(blob, name) {
            const url = URL.createObjectURL(blob);
            const a = el("a", { href: url, download: name, class: "visually-hidden" });
            document.body.append(a);
            a.click();
            a.remove();
            setTimeout(() => URL.revokeObjectURL(url), 4000);
          }

          /* Static texts. */
          function applyStatic() {
            document.documentElement.lang = S.lang === "zh" ? "zh-CN" : "en";
            document.title = t("pageTitle");
            for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
            for (const e of document.querySelectorAll("[data-i18n-placeholder]")) {
              e.setAttribute("placeholder", t(e.dataset.i18nPlaceholder));
            }
            $("lang-zh").setAttribute("aria-pressed", String(S.lang === "zh"));
            $("lang-en").setAttribute("aria-pressed", String(S.lang === "en"));
            $("token-show").textContent = S.showToken ? t("hide") : t("show");
            if (S.version) $("version").textContent = "GreenLedger " + S.version;
          }

          function renderSession() {
            const status = $("token-status");
            status.className = "status-text";
            status.replaceChildren();
            if (S.conn === "checking") status.append(t("tokenChecking"));
            else if (S.conn === "ok") {
              status.classList.add("ok");
              status.append(el("span", { class: "dot" }), S.role === "lender" ? t("tokenLender") : t("tokenStaff"));
            } else if (S.conn === "bad") {
              status.classList.add("bad");
              status.append(el("span", { class: "dot" }), t("tokenBad"));
            } else status.append(t("tokenNone"));
            if (S.conn === "bad" && S.connErr) {
              fill("token-error", S.connErr.status === -2
                ? el("div", { class: "alert alert-warn", role: "alert" },
                  el("div", { class: "alert-title" }, t("tokenEmpty")),
                  el("div", { class: "alert-help" }, t("tokenEmptyHelp")))
                : errorBox(S.connErr));
            } else fill("token-error");
            const connected = S.conn === "ok";
            $("view-lender").disabled = !connected;
            $("view-staff").disabled = !connected;
            $("view-lender").setAttribute("aria-selected", String(connected && S.view === "lender"));
            $("view-staff").setAttribute("aria-selected", String(connected && S.view === "staff"));
            $("intro").hidden = connected;
            $("lender-view").hidden = !(connected && S.view === "lender");
            $("staff-view").hidden = !(connected && S.view === "staff");
            fill("lender-warning", S.role === "staff" ? warnBox(t("wrongLender")) : null);
            fill("staff-warning", S.role === "lender" ? warnBox(t("wrongStaff")) : null);
            $("lender-main").hidden = S.role === "staff";
            $("staff-main").hidden = S.role === "lender";
          }

          /* ---- Lender: the file, the upload, the receipt ---- */
          function renderFile() {
            const info = $("file-info");
            info.replaceChildren();
            info.className = "fileinfo" + (S.file ? "" : " empty");
            if (S.file) {
              info.append(el("span", { class: "name", title: S.file.name }, S.file.name),
                el("span", { class: "size" }, bytes(S.file.size)));
            }
            else info.append(t("noFile"));
            $("upload").disabled = !S.file || !!S.busy;
            $("validate").disabled = !S.file || !!S.busy;
            $("file").disabled = !!S.busy;
            $("cancel").hidden = !S.busy;
            const busy = $("busy");
            busy.hidden = !S.busy;
            if (S.busy) {
              const secs = Math.floor((Date.now() - S.started) / 1000);
              busy.replaceChildren(el("span", { class: "spin" }),
                t(S.busy === "file" ? "busyFile" : "busyValidate", secs));
            }
          }
          function chooseFile(file) {
            if (!file || S.busy) return;
            S.file = file;
            renderFile();
          }
          async function send(kind) {
            if (!S.file || S.busy) return;
            const file = S.file;
            S.busy = kind;
            S.started = Date.now();
            S.abort = new AbortController();
            S.timer = setInterval(renderFile, 500);
            renderFile();
            const r = await api("POST", kind === "file" ? "/v1/filings" : "/v1/validate",
              { body: file, contentType: "application/xml", signal: S.abort.signal });
            clearInterval(S.timer);
            S.busy = null;
            S.abort = null;
            renderFile();
            if (r.aborted) return;
            const doc = r.body && typeof r.body === "object" ? r.body : null;
            if (kind === "file" && doc && doc.receipt && [200, 201, 422].includes(r.status)) {
              S.result = { kind: "receipt", http: r.status, doc, file: file.name };
              loadMine();
            } else if (kind === "validate" && r.ok && doc) {
              S.result = { kind: "validation", http: r.status, doc, file: file.name };
            } else {
              S.result = { kind: "error", http: r.status, err: r, file: file.name, context: "file" };
            }
            S.filter = "all";
            renderResult();
          }
          async function openReceipt(id) {
            const r = await api("GET", "/v1/filings/" + encodeURIComponent(id));
            if (r.ok && r.body && r.body.receipt) S.result = { kind: "lookup", http: r.status, doc: r.body };
            else S.result = { kind: "error", http: r.status, err: r };
            S.filter = "all";
            renderResult();
          }
          function kv(label, value, opts) {
            opts = opts || {};
            return el("div", { class: opts.cls || null },
              el("dt", null, label),
              el("dd", { id: opts.id || null, class: opts.mono ? "mono" : null }, value === "" ? "—" : value),
            );
          }
          function renderResult() {
            const box = $("receipt");
            box.replaceChildren();
            const actions = $("receipt-actions");
            actions.replaceChildren();
            const R = S.result;
            if (!R) {
              box.append(el("p", { class: "placeholder" }, t("receiptEmpty")),
                el("ul", { class: "legend" },
                  el("li", null, el("span", { class: "pill accept" }, t("st_stored")), el("span", { class: "http" }, "201"),
                    el("span", null, t("desc_stored"))),
                  el("li", null, el("span", { class: "pill info" }, t("st_duplicate")), el("span", { class: "http" }, "200"),
                    el("span", null, t("desc_duplicate"))),
                  el("li", null, el("span", { class: "pill reject" }, t("st_rejected")), el("span", { class: "http" }, "422"),
                    el("span", null, t("desc_rejected")))));
              return;
            }
            if (R.kind === "error") {
              if (R.file) box.append(el("p", { class: "placeholder" }, t("k_file") + ": " + R.file));
              box.append(errorBox(R.err, R.context));
              return;
            }
            const d = R.doc;
            const isReceipt = R.kind !== "validation";
            const header = d.header && typeof d.header === "object" ? d.header : {};
            const lender = isReceipt ? (d.lender || {}) : { uscc: header.lender_uscc, name: header.lender_name_zh };
            const status = R.kind === "validation" ? "validated" : str(d.status);
            const verdict = str(d.verdict);
            const ok = verdict === "ACCEPT";
            const statusCls = status === "stored" ? "accept" : status === "rejected" ? "reject" : "info";
            const desc = R.kind === "lookup" ? t("desc_lookup") + " " + t("desc_" + status) : t("desc_" + status);
            box.append(el("div", { class: "banner " + (ok ? "accept" : "reject"), id: "banner" },
              el("div", { class: "v" },
                el("div", { id: "verdict" }, verdict),
                el("div", { class: "vsub" }, t("verdict" + verdict))),
              el("div", { class: "desc" },
                el("div", { class: "line1" },
                  el("span", { id: "status", class: "pill " + statusCls, "data-status": status }, t("st_" + status)),
                  el("span", { id: "http-status", class: "http" }, "HTTP " + R.http)),
                el("div", null, desc))));
            const lenderValue = el("span", null, str(lender.name) || "—",
              el("span", { class: "sub mono" }, str(lender.uscc)));
            const idValue = isReceipt ? el("span", { class: "mono strong" }, str(d.receipt)) : t("noReceiptId");
            const copyId = isReceipt
              ? el("button", {
                class: "btn small copy", type: "button", onclick: (ev) => copyText(str(d.receipt), ev.currentTarget)
              }, t("copy"))
              : null;
            const receiptItem = el("div", { class: "wide" }, el("dt", null, t("k_receipt")),
              el("dd", null, el("span", { id: "receipt-id" }, idValue), copyId));
            const items = [
              receiptItem,
              kv(t("k_lender"), lenderValue, { cls: "wide", id: "r-lender" }),
              kv(t("k_period"), str(isReceipt ? d.period : header.period), { id: "r-period" }),
              kv(t("k_revision"), str(isReceipt ? d.revision : header.revision), { id: "r-revision" }),
              kv(t("k_received"), isReceipt ? when(d.received_at) : "", { id: "r-received" }),
              kv(t("k_bytes"), bytes(d.bytes), { id: "r-bytes" }),
              kv(t("k_loans"), num(d.loans), { id: "r-loans" }),
              kv(t("k_errors"), num(d.errors), { id: "r-errors" }),
              kv(t("k_warnings"), num(d.warnings), { id: "r-warnings" }),
              kv(t("k_account"), isReceipt ? (d.account === "cli" ? t("srcCli") : t("srcAccount", str(d.account))) : "",
                { id: "r-account" })
            ];
            if (isReceipt) {
              items.push(kv(t("k_sha"), str(d.sha256), { cls: "wide", id: "r-sha256", mono: true }));
              items.push(kv(t("k_supersedes"), str(d.supersedes), { cls: "wide", id: "r-supersedes", mono: true }));
            }
            box.append(el("dl", { class: "kv" }, items));
            if (isReceipt) {
              actions.append(el("button", {
                class: "btn small", type: "button", id: "receipt-download",
                onclick: () => saveBlob(new Blob([JSON.stringify(d, null, 2)], { type: "application/json" }),
                  str(d.receipt) + ".json")
              }, t("downloadReceipt")));
            }
            box.append(renderFindings(Array.isArray(d.findings) ? d.findings : [], d));
          }
          function renderFindings(findings, d) {
            const part = el("div", { id: "findings-part" });
            const errors = findings.filter((f) => f && f.severity === "error").length;
            const warnings = findings.filter((f) => f && f.severity === "warning").length;
            const filters = el("div", { class: "filters" });
            const choices = [["all", "fAll", findings.length], ["error", "fErr", errors], ["warning", "fWarn", warnings]];
            for (const [key, label, n] of choices) {
              filters.append(el("button", {
                type: "button", "aria-pressed": String(S.filter === key),
                onclick: () => { S.filter = key; renderResult(); }
              }, t(label) + " " + n));
            }
            part.append(el("div", { class: "subhead" }, el("h3", null, t("findings")), findings.length ? filters : null));
            if (!findings.length) {
              part.append(el("p", { class: "empty-note", id: "findings" }, t("findingsNone")));
              return part;
            }
            const shown = findings.filter((f) => S.filter === "all" || (f && f.severity === S.filter));
            const body = el("tbody");
            for (const f of shown) {
              body.append(el("tr", null,
                el("td", { class: "rule" }, str(f.rule)),
                el("td", null, pillSeverity(str(f.severity))),
                el("td", { class: "nowrap mono num" }, str(f.line) + ":" + str(f.column)),
                el("td", null, str(f.message)),
                el("td", { class: "hint" }, str(f.hint)),
                el("td", { class: "mono nowrap" }, str(f.loan_id))));
            }
            part.append(el("div", { class: "tablebox findings-box" },
              el("table", { id: "findings" },
                el("thead", null, el("tr", null,
                  el("th", null, t("c_rule")), el("th", null, t("c_sev")), el("th", { class: "num" }, t("c_loc")),
                  el("th", null, t("c_msg")), el("th", null, t("c_hint")), el("th", null, t("c_loan")))),
                body)));
            const total = (Number(d.errors) || 0) + (Number(d.warnings) || 0);
            if (findings.length < total) part.append(el("p", { class: "caption" }, t("findingsCapped", findings.length)));
            return part;
          }
          async function loadMine() {
            const seq = ++S.mineSeq;
            const r = await api("GET", "/v1/filings");
            if (seq !== S.mineSeq) return;
            if (r.ok) { S.mine = Array.isArray(r.body.filings) ? r.body.filings : []; S.mineErr = null; }
            else { S.mine = null; S.mineErr = r; }
            renderMine();
          }
          function renderMine() {
            const count = $("my-count");
            count.hidden = !S.mine;
            if (S.mineErr) { fill("my-filings", errorBox(S.mineErr)); return; }
            if (!S.mine) { fill("my-filings", el("p", { class: "empty-note" }, t("loading"))); return; }
            count.textContent = String(S.mine.length);
            if (!S.mine.length) { fill("my-filings", el("p", { class: "empty-note" }, t("mineEmpty"))); return; }
            const superseded = supersededIn(S.mine);
            const sorted = [...S.mine].sort((a, b) => str(b.received_at).localeCompare(str(a.received_at)));
            const list = el("ul", { class: "mine" });
            for (const f of sorted) {
              list.append(el("li", null, el("button", {
                type: "button", "data-receipt": str(f.receipt), title: str(f.receipt),
                onclick: () => openReceipt(str(f.receipt))
              },
                el("span", { class: "what" }, el("b", null, str(f.period) || "—"),
                  " · " + t("k_revision") + " " + str(f.revision)),
                el("span", { class: "pills" }, pillStatus(str(f.status), superseded.has(f.receipt)),
                  pillVerdict(str(f.verdict))),
                el("span", { class: "when" }, when(f.received_at) + " · ",
                  el("span", { class: "mono" }, str(f.receipt))))));
            }
            fill("my-filings", list);
          }

          /* ---- Staff: periods, the filings list, the report ---- */
          function renderStaffControls() {
            const period = $("period");
            period.replaceChildren();
            for (const p of S.periods) period.append(el("option", { value: p }, p));
            if (S.period) period.value = S.period;
            period.disabled = !S.periods.length;
            const district = $("district");
            district.replaceChildren(el("option", { value: "" }, t("districtDefault")));
            for (const [code, zh, en] of DISTRICTS) {
              district.append(el("option", { value: code }, code + " " + (S.lang === "zh" ? zh : en)));
            }
            district.value = S.district;
            for (const b of document.querySelectorAll(".downloads button")) b.disabled = !S.period;
          }
          async function loadPeriods() {
            const r = await api("GET", "/v1/filings");
            if (!r.ok) { fill("staff-error", errorBox(r, "rollup")); return false; }
            fill("staff-error");
            S.periods = periodsOf(Array.isArray(r.body.filings) ? r.body.filings : []);
            if (!S.periods.includes(S.period)) S.period = S.periods[0] || null;
            renderStaffControls();
            return true;
          }
          async function loadList() {
            const seq = ++S.listSeq;
            S.list = null;
            S.listErr = null;
            renderList();
            if (!S.period) return;
            const r = await api("GET", "/v1/filings?period=" + encodeURIComponent(S.period));
            if (seq !== S.listSeq) return;
            if (r.ok) S.list = Array.isArray(r.body.filings) ? r.body.filings : [];
            else S.listErr = r;
            renderList();
          }
          function renderList() {
            const chips = $("chips");
            chips.replaceChildren();
            if (!S.period) { fill("filings", el("p", { class: "empty-note" }, t("noPeriods"))); return; }
            if (S.listErr) { fill("filings", errorBox(S.listErr, "rollup")); return; }
            if (!S.list) {
              fill("filings", el("div", { class: "loading" }, el("span", { class: "spin" }), t("loading")));
              return;
            }
            const superseded = supersededIn(S.list);
            const lenders = new Set(S.list.map((f) => f.lender && f.lender.uscc));
            const warnings = S.list.reduce((n, f) => n + (Number(f.warnings) || 0), 0);
            const chip = (n, key) => {
              const [before, after] = t(key).split("{0}");
              return el("span", { class: "chip" }, before, el("b", null, num(n)), after);
            };
            chips.append(chip(S.list.length, "chipFilings"), chip(lenders.size, "chipLenders"),
              chip(superseded.size, "chipSuperseded"), chip(warnings, "chipWarnings"));
            if (!S.list.length) { fill("filings", el("p", { class: "empty-note" }, t("filingsEmpty"))); return; }
            const sorted = [...S.list].sort((a, b) =>
              str(a.lender && a.lender.name).localeCompare(str(b.lender && b.lender.name), "zh-CN")
              || (Number(b.revision) || 0) - (Number(a.revision) || 0));
            const body = el("tbody");
            for (const f of sorted) {
              const old = superseded.has(f.receipt);
              const lender = f.lender || {};
              body.append(el("tr", { class: old ? "superseded" : null, "data-receipt": str(f.receipt) },
                el("td", { class: "lender", title: str(lender.name) }, str(lender.name) || "—"),
                el("td", { class: "mono nowrap small" }, str(lender.uscc)),
                el("td", { class: "num" }, str(f.revision)),
                el("td", null, pillVerdict(str(f.verdict))),
                el("td", null, pillStatus(str(f.status), old)),
                el("td", { class: "num" }, num(f.loans)),
                el("td", { class: "num" }, num(f.errors)),
                el("td", { class: "num" }, num(f.warnings)),
                el("td", {
                  class: "nowrap",
                  title: str(f.received_at) + " · " + (f.account === "cli" ? t("srcCli") : t("srcAccount", str(f.account)))
                }, when(f.received_at)),
                el("td", { class: "mono nowrap small" }, str(f.receipt))));
            }
            fill("filings", el("div", { class: "tablebox filings-box" }, el("table", null,
              el("thead", null, el("tr", null,
                el("th", null, t("c_lender")), el("th", null, t("c_uscc")), el("th", { class: "num" }, t("c_rev")),
                el("th", null, t("c_verdict")),
                el("th", null, t("c_status")), el("th", { class: "num" }, t("c_loans")),
                el("th", { class: "num" }, t("c_errors")), el("th", { class: "num" }, t("c_warnings")),
                el("th", null, t("c_received")), el("th", null, t("c_receiptid")))),
              body)));
          }
          function reportPath(format) {
            const q = new URLSearchParams({ period: S.period, format, lang: S.lang });
            if (S.district) q.set("district", S.district);
            return "/v1/report?" + q.toString();
          }
          async function loadReport(ready) {
            const seq = ++S.reportSeq;
            S.report = "loading";
            S.reportErr = null;
            renderReport();
            if (!S.period) { S.report = "idle"; renderReport(); return; }
            const lang = S.lang;
            const r = ready || await api("GET", reportPath("html"), { as: "text", accept: "text/html" });
            if (seq !== S.reportSeq) return;
            if (!r.ok) {
              S.report = "error";
              S.reportErr = r;
              renderReport();
              return;
            }
            S.report = "ok";
            S.reportLang = lang;
            const frame = $("report");
            frame.dataset.state = "loading";
            frame.dataset.period = S.period;
            frame.dataset.district = S.district;
            frame.srcdoc = r.body;
            renderReport();
          }
          function renderReport() {
            const frame = $("report");
            const status = $("report-status");
            status.hidden = S.report !== "ok";
            $("report-box").hidden = S.report !== "ok";
            if (S.report !== "ok") {
              frame.dataset.state = "empty";
              frame.removeAttribute("srcdoc");
            }
            if (S.report === "loading") {
              fill("report-message", el("div", { class: "loading" }, el("span", { class: "spin" }), t("reportLoading")));
            } else if (S.report === "error") fill("report-message", errorBox(S.reportErr, "rollup"));
            else if (S.report === "idle") {
              fill("report-message", el("p", { class: "empty-note" }, S.period ? t("reportNone") : t("noPeriods")));
            }
            else {
              fill("report-message");
              status.textContent = str(frame.dataset.period) + (frame.dataset.district ? " · " + frame.dataset.district : "");
            }
          }
          function fitReport() {
            const frame = $("report");
            try {
              const doc = frame.contentDocument;
              if (!doc || !doc.documentElement) return;
              frame.style.height = Math.max(480, doc.documentElement.scrollHeight + 2) + "px";
            } catch (e) { /* a frame of another origin keeps its height */ }
          }
          async function downloadReport(format) {
            if (!S.period) return;
            const r = await api("GET", reportPath(format), { as: "blob", accept: "*/*" });
            if (!r.ok) { fill("staff-error", errorBox(r, "rollup")); return; }
            fill("staff-error");
            const ext = { html: "html", md: "md", xlsx: "xlsx", json: "json" }[format];
            const scope = S.district ? "-" + S.district : "";
            saveBlob(r.body, "greenledger-report-" + S.period + scope + "-" + S.lang + "." + ext);
          }
          function loadStaff() {
            renderStaffControls();
            loadList();
            loadReport();
          }

          /* ---- Connecting: check the token, learn the role from the answers ---- */
          function resetData() {
            S.role = null; S.view = null; S.result = null; S.mine = null; S.mineErr = null; S.filter = "all";
            if (!S.busy) { S.file = null; $("file").value = ""; }
            S.periods = []; S.period = null; S.list = null; S.listErr = null; S.report = "idle"; S.reportErr = null;
            S.district = "";
            S.listSeq++; S.reportSeq++; S.mineSeq++;
          }
          async function connect() {
            const value = $("token").value.trim();
            resetData();
            if (!value) {
              S.token = null;
              S.conn = "bad";
              S.connErr = { status: -2 };
              renderAll();
              return;
            }
            S.token = value;
            tab.set(KEY_TOKEN, value);
            S.conn = "checking";
            S.connErr = null;
            renderAll();
            const r = await api("GET", "/v1/filings");
            if (S.token !== value) return;
            if (!r.ok) { S.conn = "bad"; S.connErr = r; renderAll(); return; }
            const filings = Array.isArray(r.body.filings) ? r.body.filings : [];
            const periods = periodsOf(filings);
            /* No "who am I": a lender gets 403 from the roll-ups, staff do not. */
            let probe;
            if (periods.length) {
              S.period = periods[0];
              probe = await api("GET", reportPath("html"), { as: "text", accept: "text/html" });
            } else probe = await api("GET", "/v1/aggregate");
            if (S.token !== value) return;
            if (probe.status === 401) { S.conn = "bad"; S.connErr = probe; renderAll(); return; }
            S.conn = "ok";
            S.role = probe.status === 403 ? "lender" : probe.ok || probe.status === 404 ? "staff" : "unknown";
            S.view = S.role === "staff" ? "staff" : "lender";
            if (S.role === "lender") {
              S.mine = filings;
              S.period = null;
              renderAll();
            } else if (S.role === "unknown") {
              S.period = null;
              renderAll();
              loadMine();
            } else {
              S.periods = periods;
              renderAll();
              renderStaffControls();
              loadList();
              loadReport(periods.length && probe.ok ? probe : null);
            }
          }
          function forget() {
            tab.del(KEY_TOKEN);
            S.token = null;
            S.conn = "none";
            S.connErr = null;
            if (S.abort) S.abort.abort();
            resetData();
            $("token").value = "";
            renderAll();
          }
          function switchView(view) {
            if (S.conn !== "ok" || S.view === view) return;
            S.view = view;
            renderSession();
            if (view === "lender" && S.role !== "staff" && !S.mine && !S.mineErr) { renderMine(); loadMine(); }
            if (view === "staff" && S.role !== "lender" && !S.periods.length) {
              loadPeriods().then((ok) => { if (ok) loadStaff(); else renderList(); });
            }
          }
          function setLanguage(lang) {
            if (S.lang === lang) return;
            S.lang = lang;
            tab.set(KEY_LANG, lang);
            renderAll();
            if (S.conn === "ok" && S.view === "staff" && S.period && S.report !== "loading") loadReport();
          }
          function renderAll() {
            applyStatic();
            renderSession();
            renderFile();
            renderResult();
            renderMine();
            renderStaffControls();
            renderList();
            if (S.report !== "ok") renderReport();
          }

          /* ---- Wiring ---- */
          $("lang-zh").addEventListener("click", () => setLanguage("zh"));
          $("lang-en").addEventListener("click", () => setLanguage("en"));
          $("token-use").addEventListener("click", connect);
          $("token").addEventListener("keydown", (e) => { if (e.key === "Enter") connect(); });
          $("token-clear").addEventListener("click", forget);
          $("token-show").addEventListener("click", () => {
            S.showToken = !S.showToken;
            $("token").type = S.showToken ? "text" : "password";
            applyStatic();
          });
          $("view-lender").addEventListener("click", () => switchView("lender"));
          $("view-staff").addEventListener("click", () => switchView("staff"));
          $("file").addEventListener("change", (e) => chooseFile(e.target.files && e.target.files[0]));
          $("upload").addEventListener("click", () => send("file"));
          $("validate").addEventListener("click", () => send("validate"));
          $("cancel").addEventListener("click", () => { if (S.abort) S.abort.abort(); });
          const drop = $("drop");
          for (const name of ["dragenter", "dragover"]) {
            drop.addEventListener(name, (e) => { e.preventDefault(); drop.classList.add("over"); });
          }
          drop.addEventListener("dragleave", () => drop.classList.remove("over"));
          drop.addEventListener("drop", (e) => {
            e.preventDefault();
            drop.classList.remove("over");
            const files = e.dataTransfer && e.dataTransfer.files;
            if (files && files.length) chooseFile(files[0]);
          });
          /* A file dropped beside the target must not replace the page. */
          window.addEventListener("dragover", (e) => e.preventDefault());
          window.addEventListener("drop", (e) => e.preventDefault());
          $("period").addEventListener("change", (e) => { S.period = e.target.value; loadList(); loadReport(); });
          $("district").addEventListener("change", (e) => { S.district = e.target.value; loadReport(); });
          $("refresh").addEventListener("click", async () => { if (await loadPeriods()) loadStaff(); });
          for (const b of document.querySelectorAll(".downloads button")) {
            b.addEventListener("click", () => downloadReport(b.dataset.format));
          }
          $("report").addEventListener("load", () => {
            const frame = $("report");
            if (frame.dataset.state !== "loading") return;
            fitReport();
            frame.dataset.state = "loaded";
          });
          window.addEventListener("resize", fitReport);

          renderAll();
          fetch("/healthz", { cache: "no-store", credentials: "omit" })
            .then((r) => r.ok ? r.json() : null)
            .then((b) => { if (b && b.version) { S.version = str(b.version); applyStatic(); } })
            .catch(() => { /* the version is only shown */ });
          const saved = tab.get(KEY_TOKEN);
          if (saved) { $("token").value = saved; connect(); }
        })();
        </script>
        </body>
        </html>
        """#
}
