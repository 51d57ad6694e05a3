// Package fit calibrates a scenario from call detail records: arrivals per
// interval and day of the week with their over-dispersion, handle times per
// intent, patience from censored waits, time in the IVR, redials, the
// intent mix and the staffing the records imply. Every estimate carries its
// uncertainty and the sample it came from, both in the report and as a
// comment beside the number in the scenario it writes.
//
// It also turns records into the counters the simulator keeps (Observe), so
// a backtest compares the two with the same metric definitions.
package fit
