// Package sim is the discrete-event engine of ivrsim. It compiles a scenario
// and one of its designs into a Plan, runs one replication of a Plan as a
// deterministic single-threaded simulation, and runs designs × replications
// in parallel with a worker limit. Results do not depend on the number of
// workers: every replication draws from random streams keyed by (seed,
// replication, identity, purpose), and replications are combined in index
// order.
//
// The engine knows nothing of the command line, YAML or output formats: it
// reads a validated scenarios.Scenario and writes results accumulators.
package sim
