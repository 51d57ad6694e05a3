// Package report writes a run's results as one self-contained HTML page a
// decision-maker can read: the verdict in a sentence per comparison,
// headline cards with confidence intervals and paired differences, charts
// drawn as inline SVG (the day's intervals, waiting times, adoption per
// day, flow paths as Sankey diagrams, effort), and the assumptions and
// definitions behind every number.
//
// The page makes no request of any kind: no fonts, images, styles or
// scripts from elsewhere, and a Content-Security-Policy that forbids
// them. Its one inline script only checks, in the reader's browser, that
// every chart drew. Everything it shows comes from the JSON result, so
// "ivrsim report RESULTS.json" needs nothing else.
package report
