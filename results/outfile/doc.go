// Package outfile writes the files ivrsim commands produce, the one way
// they are written: checked before any work (never over an input, never
// one output over another, never into a missing folder), then written
// through a synced temporary file and a rename, all of a command's files
// together or none.
package outfile
