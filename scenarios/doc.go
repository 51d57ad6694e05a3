// Package scenarios defines the YAML scenario format of ivrsim: its types,
// loading with positions kept for every value, validation that reports every
// problem at once with file:line:col and a fix, what-if overrides
// (key.path=value), and the built-in example scenarios embedded in the
// binary.
package scenarios
