// Package results accumulates what the engine observes and turns it into
// answers: streaming per-replication tallies and histograms, summaries across
// replications (mean, standard deviation, Student-t confidence intervals),
// paired comparisons between designs, and the output formats (table, JSON,
// CSV). Per-replication values are kept so that sharded runs merge into
// exactly the bytes an unsharded run writes.
package results
