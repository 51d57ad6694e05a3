package main

import "github.com/ivrsim/ivrsim/results/outfile"

// emit writes output to the file named out (atomically), or to standard
// output.
func emit(s streams, out string, data []byte) error {
	return emitWith(s, out, data, nil)
}

// emitWith writes output as emit does, together with the files also asks
// for (a report, a trace): the files land together or not at all, and
// standard output gets data after them.
func emitWith(s streams, out string, data []byte, also []outfile.File) error {
	if out != "" && out != "-" {
		return outfile.WriteAll(append(also, outfile.File{Path: out, Data: data}))
	}
	if err := outfile.WriteAll(also); err != nil {
		return err
	}
	_, err := s.Out.Write(data)
	return err
}
