package results

// GatedMetricNames lists, in the order of Metrics, the metrics a
// regression check can gate (ParseTolerance): those with a better
// direction.
func GatedMetricNames() []string { return gateableMetrics() }

// ThresholdTargets lists what a threshold may be set on, in order:
// every metric of Metrics, then the distributions of
// ThresholdDistributions that p(N) reads.
func ThresholdTargets() []string {
	return append(MetricNames(), ThresholdDistributions...)
}
