package dev.cowpte.report;

/**
 * The report's stylesheet: light and dark schemes and print. Standalone, the page follows the
 * reader's prefers-color-scheme; inside a VS Code webview, whose body carries
 * {@code vscode-light} or {@code vscode-dark}, it follows the editor's theme.
 */
final class ReportStyle {
    private ReportStyle() {
    }

    private static final String LIGHT = """
            --bg: #ffffff; --fg: #1b2230; --muted: #5a6474; --rule: #d9dee6; --band: #f4f6f9;
            --box: #ffffff; --box-stroke: #7b8597; --shared-fill: #efe6fc; --shared-stroke: #6a3fb5;
            --lane: #f7f2fe; --edge: #4f5968; --edge-shared: #6a3fb5;
            --copied: #c65200; --reused: #17804a; --new: #1c64c8; --sharedchg: #7a3cc4; --unshared: #6b7480;
            --badge-fg: #ffffff; --pinned: #a3128a;
            --pol0: #2463b0; --pol1: #d35400; --pol2: #23834f; --pol3: #8e44ad; --pol4: #3d4a5c; --pol5: #a8326e;
            --proc0: #0f7c8c; --proc1: #b58900; --proc2: #d81b60; --proc3: #4b4fc4; --proc4: #c62828;
            --proc5: #5a7d00; --proc6: #8a5226; --proc7: #6a1b9a;
            --pass: #17804a; --fail: #c0392b; --pass-bg: #e9f6ee; --fail-bg: #fdecea;
            color-scheme: light dark;
            """;

    private static final String DARK = """
            --bg: #12151b; --fg: #e4e8ef; --muted: #9aa3b1; --rule: #2c323c; --band: #1a1e25;
            --box: #1d222a; --box-stroke: #8a94a4; --shared-fill: #2c2340; --shared-stroke: #b892f5;
            --lane: #1c1826; --edge: #a5aebb; --edge-shared: #b892f5;
            --copied: #ff9a52; --reused: #56d38b; --new: #6eb0ff; --sharedchg: #c39cff; --unshared: #a3abb6;
            --badge-fg: #12151b; --pinned: #f08ad8;
            --pol0: #6fa8ff; --pol1: #ff9a52; --pol2: #56d38b; --pol3: #c39cff; --pol4: #c9d3e0; --pol5: #ff7eb9;
            --proc0: #4fd1d9; --proc1: #ffd54f; --proc2: #ff80ab; --proc3: #9ea2ff; --proc4: #ff7a70;
            --proc5: #b5d84a; --proc6: #d6a274; --proc7: #d08cff;
            --pass: #56d38b; --fail: #ff7a6b; --pass-bg: #15291e; --fail-bg: #3a1c1a;
            """;

    static final String CSS = ":root {\n" + LIGHT + "}\n"
            + "@media (prefers-color-scheme: dark) {\n:root {\n" + DARK + "}\n}\n"
            + "body.vscode-light {\n" + LIGHT + "}\n"
            + "body.vscode-dark, body.vscode-high-contrast {\n" + DARK + "color-scheme: dark;\n}\n"
            + """
            * { box-sizing: border-box; }
            body { margin: 0 auto; max-width: 1080px; padding: 16px 20px 40px; background: var(--bg); color: var(--fg);
              font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
            code { font: 12.5px ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
            h1 { font-size: 22px; margin: 8px 0 4px; }
            h2 { font-size: 18px; margin: 28px 0 6px; padding-top: 8px; border-top: 1px solid var(--rule); }
            h3 { font-size: 15px; margin: 18px 0 6px; }
            h3 .line { color: var(--muted); font-weight: normal; }
            h3 .page-set { font-weight: normal; font-size: 13px; }
            .sub, .note, .muted, footer { color: var(--muted); }
            .note { margin: 4px 0 10px; }
            .diff-label { margin-left: 4px; }
            .diff-toggle:checked ~ main .step.same { display: none; }
            .same-all { font-weight: 600; }
            @media print { .diff-toggle, .diff-label { display: none; } }
            .warning { margin: 6px 0; padding: 6px 10px; border-left: 4px solid var(--fail); background: var(--fail-bg); }
            nav a { margin-right: 14px; color: inherit; }
            footer { margin-top: 32px; font-size: 12px; }
            .summary { list-style: none; padding: 0; margin: 8px 0; display: flex; flex-wrap: wrap; gap: 6px 18px; }
            .summary li.pass::before { content: "✓ "; color: var(--pass); }
            .summary li.fail::before { content: "✗ "; color: var(--fail); }
            .summary li.error::before { content: "! "; color: var(--fail); font-weight: bold; }
            .pol-name { font-weight: 600; }
            .pol-name.pol-0 { color: var(--pol0); } .pol-name.pol-1 { color: var(--pol1); }
            .pol-name.pol-2 { color: var(--pol2); } .pol-name.pol-3 { color: var(--pol3); }
            .pol-name.pol-4 { color: var(--pol4); } .pol-name.pol-5 { color: var(--pol5); }
            figure { margin: 8px 0 16px; }
            figcaption { margin-bottom: 4px; }
            .scroll { overflow-x: auto; }
            svg.chart { display: block; max-width: 100%; height: auto; }
            svg.tree { display: block; max-width: none; }
            svg.tree.narrow { max-width: 100%; height: auto; }
            .tree-narrow { display: none; }
            svg.defs { position: absolute; width: 0; height: 0; overflow: hidden; }
            .arrowhead { fill: var(--edge); }
            .legend { margin: 2px 0; display: flex; flex-wrap: wrap; gap: 2px 16px; }
            .legend span { white-space: nowrap; }
            .legend span.more { white-space: normal; }
            .legend svg { vertical-align: middle; }
            .legend .legend-head { color: var(--muted); }
            .legend.processes { font-size: 12.5px; gap: 0 12px; }
            .legend.processes svg { width: 22px; }
            .legend .series.proc { stroke-width: 3; stroke-opacity: 1; }
            .legends { margin: 6px 0 10px; }
            figcaption .legend.coinciding { font-size: 13px; }
            .legend.coinciding .same { white-space: normal; }
            /* charts */
            .chart text { fill: var(--muted); font: 11px ui-monospace, "DejaVu Sans Mono", monospace; }
            .chart .axis.y { text-anchor: end; }
            .chart .axis.x, .chart .axis-title { text-anchor: middle; }
            .chart .grid { stroke: var(--rule); stroke-width: 1; }
            .chart .tick { stroke: var(--muted); }
            .chart .repeat .bracket { fill: none; stroke: var(--muted); }
            .chart .repeat-name { text-anchor: middle; font-size: 10px; }
            .chart .frame { fill: none; stroke: var(--rule); }
            .chart .hover { fill: transparent; }
            .chart .hover:hover { fill: var(--fg); fill-opacity: 0.06; }
            .drawn-mark { fill: var(--muted); }
            .series { fill: none; stroke-linejoin: round; }
            .series.machine { stroke-width: 2.6; }
            .series.proc { stroke-width: 1.3; stroke-opacity: 0.85; }
            .series.pol-0 { stroke: var(--pol0); }
            .series.pol-1 { stroke: var(--pol1); }
            .series.pol-2 { stroke: var(--pol2); }
            .series.pol-3 { stroke: var(--pol3); }
            .series.pol-4 { stroke: var(--pol4); }
            .series.pol-5 { stroke: var(--pol5); }
            .series.pol-1 { stroke-dasharray: 9 4; }
            .series.pol-2 { stroke-dasharray: 2 3; }
            .series.pol-3 { stroke-dasharray: 10 3 2 3; }
            .series.pol-4 { stroke-dasharray: 6 2 2 2 2 2; }
            .series.pol-5 { stroke-dasharray: 16 5; }
            .series.proc.proc-c0 { stroke: var(--proc0); } .series.proc.proc-c1 { stroke: var(--proc1); }
            .series.proc.proc-c2 { stroke: var(--proc2); } .series.proc.proc-c3 { stroke: var(--proc3); }
            .series.proc.proc-c4 { stroke: var(--proc4); } .series.proc.proc-c5 { stroke: var(--proc5); }
            .series.proc.proc-c6 { stroke: var(--proc6); } .series.proc.proc-c7 { stroke: var(--proc7); }
            /* trees */
            .step { break-inside: avoid-page; }
            .drawing figcaption .work { color: var(--muted); font-size: 13px; }
            .gone { color: var(--unshared); font-size: 13px; }
            svg.tree text, .tree-legend text { font: 11px ui-monospace, "DejaVu Sans Mono", monospace; fill: var(--fg); }
            svg.tree .proc-band { fill: var(--band); }
            svg.tree .proc-name { font-weight: bold; font-size: 12px; }
            svg.tree .proc-num { fill: var(--muted); }
            svg.tree .proc-new { fill: var(--new); }
            .shared-lane { fill: var(--lane); }
            .table > rect { fill: var(--box); stroke: var(--box-stroke); stroke-width: 1; }
            .table.shared > rect { fill: var(--shared-fill); stroke: var(--shared-stroke); stroke-width: 2; }
            .table.shared .t-title { font-weight: bold; }
            .table .t-sub { fill: var(--muted); }
            .table.chg-copied > rect { stroke: var(--copied); stroke-width: 2.5; }
            .table.chg-reused > rect { stroke: var(--reused); stroke-width: 2.5; }
            .table.chg-new > rect { stroke: var(--new); stroke-width: 2.5; }
            .table.huge > rect { stroke-width: 2; stroke-dasharray: 8 2; }
            .table.chg-split > rect { stroke: var(--reused); stroke-width: 2.5; stroke-dasharray: 3 2; }
            .ptr { fill: none; stroke: var(--edge); stroke-width: 1.3; }
            .ptr.to-shared { stroke: var(--edge-shared); }
            .ptr.wp { stroke-dasharray: 5 3; }
            .badge rect { stroke: none; }
            .badge text { fill: var(--badge-fg); font-size: 10px; font-weight: bold; }
            svg.tree .badge text { fill: var(--badge-fg); font-size: 10px; }
            .b-copied rect { fill: var(--copied); } .b-reused rect { fill: var(--reused); }
            .b-new rect { fill: var(--new); } .b-shared rect { fill: var(--sharedchg); }
            .b-unshared rect { fill: var(--unshared); } .b-split rect { fill: var(--reused); }
            .b-pinned rect { fill: var(--pinned); }
            .tree-legend { margin: 6px 0 10px; overflow-x: auto; }
            .tree-legend .t-sub { fill: var(--muted); }
            .ref > rect { fill: var(--lane); stroke: var(--shared-stroke); stroke-width: 1; stroke-dasharray: 4 2; }
            /* a window narrower than the wide trees (about 1020 px: VS Code's panel beside the editor,
               a half-screen browser): the trees as an outline, one column */
            @media screen and (max-width: 1060px) {
              body { padding: 12px 12px 32px; }
              .tree-wide { display: none; }
              .tree-narrow { display: block; }
              /* a chart keeps readable labels and scrolls inside its box rather than shrink */
              svg.chart { min-width: 640px; }
            }
            /* tables */
            table { border-collapse: collapse; margin: 6px 0 12px; }
            th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
            thead th { border-bottom: 2px solid var(--rule); }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr.section th { padding-top: 12px; color: var(--muted); font-weight: 600; }
            td.pass { color: var(--pass); background: var(--pass-bg); white-space: nowrap; }
            td.fail { color: var(--fail); background: var(--fail-bg); }
            td.fail .actual { color: var(--fg); font-size: 12.5px; }
            td.notrun { color: var(--muted); }
            td.pass .verdict, td.fail .verdict { font-weight: 600; }
            tfoot td.pass, tfoot td.fail { font-weight: 600; }
            .problems li { margin: 2px 0; }
            @media print {
              :root { --bg: #fff; --fg: #000; --band: #f3f3f3; --lane: #f6f1fd; }
              body { max-width: none; padding: 0; font-size: 11pt; }
              nav, .chart .hover { display: none; }
              .scroll { overflow: visible; }
              svg.tree { max-width: 100%; height: auto; }
              h2 { break-after: avoid; }
              figure, tr, .step h3 { break-inside: avoid; }
              a { color: inherit; text-decoration: none; }
            }
            """;
}
