package results

// ThresholdTargets are the names a threshold may start with: every metric,
// then the distributions p(N) reads.
func ThresholdTargets() []string {
	return append(MetricNames(), ThresholdDistributions...)
}
