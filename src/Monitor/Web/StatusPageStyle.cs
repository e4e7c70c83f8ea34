namespace Monitor.Web;

/// <summary>The status page's only style sheet, inline so the page needs nothing else to load or print.</summary>
internal static class StatusPageStyle
{
    public const string Css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1b1f24; margin: 0; background: #fff; }
        main { max-width: 1100px; margin: 0 auto; padding: 0 16px 24px; }
        .wrap { max-width: 1068px; margin: 0 auto; }
        header.overall { padding: 16px; margin: 0 0 16px; border-bottom: 4px solid; }
        header.overall h1 { margin: 0; font-size: 26px; }
        header.overall p { margin: 4px 0 0; color: #3d444d; }
        .overall.ok { background: #e6f4ea; border-color: #1e7e34; }
        .overall.degraded { background: #fff4e0; border-color: #b35c00; }
        .overall.critical { background: #fde8e8; border-color: #b3261e; }
        .maintenance { border: 2px solid #5a4a00; background: #fff8c5; padding: 10px 14px; margin: 0 0 16px; font-weight: 600; }
        h2 { font-size: 19px; margin: 22px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #e5e8eb; }
        th { font-size: 13px; color: #57606a; font-weight: 600; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .muted { color: #57606a; font-size: 13px; }
        .none { color: #57606a; font-style: italic; }
        .badge { display: inline-block; min-width: 76px; text-align: center; font-weight: 700; font-size: 12px; letter-spacing: .04em; padding: 2px 6px; border-radius: 3px; border: 1px solid; text-transform: uppercase; }
        .b-ok, .b-up, .b-inactive, .b-resolved { color: #1e7e34; border-color: #1e7e34; background: #e6f4ea; }
        .b-pending, .b-degraded, .b-acknowledged, .b-cancelled { color: #8a4600; border-color: #b35c00; background: #fff4e0; }
        .b-firing, .b-down, .b-critical, .b-open { color: #fff; border-color: #b3261e; background: #b3261e; }
        .b-major { color: #8a4600; border-color: #b35c00; background: #fff; }
        .b-minor, .b-info { color: #57606a; border-color: #8c959f; background: #fff; }
        .b-unknown, .b-none { color: #57606a; border-color: #8c959f; background: #f6f8fa; }
        td.charts { width: 372px; }
        svg.chart { display: block; background: #f6f8fa; margin: 1px 0 3px; }
        svg.chart .grid { stroke: #d0d7de; stroke-width: .5; stroke-dasharray: 2 2; }
        .chart-axis { display: flex; justify-content: space-between; width: 360px; font-size: 11px; color: #57606a; }
        svg.chart .seen { fill: #8c959f; }
        svg.chart .bad { fill: #d1242f; }
        svg.chart .axis { stroke: #d0d7de; stroke-width: .5; }
        svg.chart polyline { fill: none; stroke: #0969da; stroke-width: 1.2; }
        svg.chart circle { fill: #0969da; }
        svg.chart text { font-size: 8px; fill: #57606a; }
        .chart-label { font-size: 11px; color: #57606a; }
        footer { margin-top: 28px; font-size: 13px; color: #57606a; }
        a { color: #0969da; }
        @media print {
          body { font-size: 11px; }
          main { max-width: none; padding: 0; }
          header.overall, .badge, svg.chart { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          tr { break-inside: avoid; }
          footer a { color: inherit; text-decoration: none; }
        }
        """;
}
