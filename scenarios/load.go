package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// MaxFileSize bounds a scenario or flow file; anything larger is not a
// scenario someone wrote.
const MaxFileSize = 8 << 20

// Load reads the scenario at file (a path on disk, or the name of a
// built-in scenario when no such file exists), applies the what-if
// overrides, fills in defaults and validates it. Flow files named by
// designs.NAME.file are read relative to the scenario file. Every problem
// found is returned at once, as Errors sorted in file order.
//
// A name that is both a built-in and a directory (a folder called bank/,
// say, where scenarios copy bank put one) means the built-in: a directory
// is never a scenario.
//
// Flow files must lie in the scenario file's folder tree (see
// LoadOptions); LoadWith can lift that.
func Load(file string, sets []string) (*Scenario, error) {
	return LoadWith(file, sets, LoadOptions{})
}

// LoadOptions change how Load reads a scenario's files.
type LoadOptions struct {
	// AllowOutside lets flow files lie outside the scenario file's folder
	// tree: absolute paths, paths through "..", and symbolic links that
	// lead out. By default they are refused, so a scenario (in a pull
	// request, say) cannot make ivrsim read any file the user can.
	AllowOutside bool
}

// LoadWith is Load with options.
func LoadWith(file string, sets []string, opt LoadOptions) (*Scenario, error) {
	if fi, err := os.Stat(file); err == nil && fi.IsDir() && IsBuiltin(file) {
		return LoadBuiltin(file, sets)
	}
	if _, err := os.Stat(file); err != nil {
		if IsBuiltin(file) {
			return LoadBuiltin(file, sets)
		}
		if errors.Is(err, fs.ErrNotExist) {
			msg := fmt.Sprintf("no such file, and no built-in scenario of that name; give the path of a scenario file, or one of the built-ins: %s", list(BuiltinNames()))
			return nil, Errors{{Pos: Pos{File: file}, Msg: msg}}
		}
		return nil, Errors{{Pos: Pos{File: file}, Msg: fmt.Sprintf("cannot read: %v", trimPathError(err))}}
	}
	dir := filepath.Dir(file)
	return load(osReader{allowOutside: opt.AllowOutside}, file, dir, file, sets)
}

// reader reads files a scenario refers to.
type reader interface {
	read(name string) ([]byte, error)
	join(dir, name string) string
}

type osReader struct{ allowOutside bool }

func (osReader) read(name string) ([]byte, error) {
	data, err := ReadFileLimit(name, MaxFileSize, "a scenario or flow file")
	var se *SpecialFileError
	if errors.As(err, &se) && se.Kind == "a directory" {
		return nil, fmt.Errorf("it is a directory; give the path of a YAML file")
	}
	return data, err
}

func (osReader) join(dir, name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(dir, name)
}

type fsReader struct{ fsys fs.FS }

func (r fsReader) read(name string) ([]byte, error) { return fs.ReadFile(r.fsys, name) }
func (fsReader) join(dir, name string) string       { return path.Join(dir, name) }

// Parse reads a scenario from data, as if from a file named name, applies
// the what-if overrides, fills in defaults and validates it. Flow files
// are not read: a design given by file is reported as an error, so Parse
// suits scenarios that write their designs inline. It is what Load does
// after reading the file.
func Parse(name string, data []byte, sets []string) (*Scenario, error) {
	return loadBytes(noFiles{}, ".", name, data, sets)
}

type noFiles struct{}

func (noFiles) read(string) ([]byte, error) {
	return nil, fmt.Errorf("flow files are only read when the scenario is loaded from a file")
}
func (noFiles) join(dir, name string) string { return path.Join(dir, name) }

func load(r reader, file, dir, display string, sets []string) (*Scenario, error) {
	data, err := r.read(file)
	if err != nil {
		return nil, Errors{{Pos: Pos{File: display}, Msg: fmt.Sprintf("cannot read: %v", trimPathError(err))}}
	}
	return loadBytes(r, dir, display, data, sets)
}

func trimPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func loadBytes(r reader, dir, display string, data []byte, sets []string) (*Scenario, error) {
	root, perr := parseYAML(display, data, false)
	if perr != nil {
		return nil, Errors{perr}
	}
	d := newDecoder(display)
	d.src[display] = data
	d.pos[""] = d.at(root)
	designFiles := d.includeFlows(r, dir, display, root)
	for _, s := range sets {
		d.files = append(d.files, setSource(s))
	}
	for _, s := range sets {
		if err := d.applySet(root, s); err != nil {
			d.errs = append(d.errs, err)
		}
	}
	d.checkPrintable(root, display, false)
	sc := &Scenario{}
	sc.setDefaults()
	d.decode(root, reflect.ValueOf(sc).Elem(), "")
	sc.File = display
	sc.Positions = d.pos
	if sc.Name == "" {
		base := path.Base(filepath.ToSlash(display))
		sc.Name = strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml")
		for _, r := range sc.Name {
			if unprintable(r, false) {
				// The name is printed in every output: a file name may
				// not smuggle a control character into it.
				d.errs = append(d.errs, &Error{Pos: Pos{File: display}, Msg: fmt.Sprintf("the file name holds the control character %U, and the scenario takes its name from it; rename the file, or give the scenario a name: field", r)})
				break
			}
		}
	}
	for i := range sc.Designs {
		sc.Designs[i].File = designFiles[sc.Designs[i].Name]
	}
	if d.overflow != nil {
		return nil, Errors{d.overflow}
	}
	errs := append(d.errs, sc.validate(d.bad)...)
	if len(errs) > 0 {
		return nil, sortErrors(errs, d.files, d.dropped)
	}
	return sc, nil
}

// setSource is the name problems of a --set override are reported under.
func setSource(raw string) string { return "--set " + raw }

// parseYAML parses one YAML document into a node tree, turning the YAML
// library's terse errors into positioned ones that say how to fix them.
//
// A flow file (included) may be any file a scenario names; its problems
// never quote its content, which may not be a flow at all but a secret.
func parseYAML(display string, data []byte, included bool) (*yaml.Node, *Error) {
	if len(data) > MaxFileSize {
		return nil, &Error{Pos: Pos{File: display}, Msg: fmt.Sprintf("the file is %d bytes; a scenario file is at most %d", len(data), MaxFileSize)}
	}
	if e := checkText(display, data); e != nil {
		return nil, e
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		e := yamlError(display, data, err)
		if included && strings.Contains(e.Msg, "refers to no anchor") {
			// The anchor's name is the file's text: not quoted.
			e.Msg = "not a flow file: invalid YAML: an alias (*) refers to no anchor"
		}
		return nil, e
	}
	if doc.Kind == 0 || len(doc.Content) == 0 || isNull(doc.Content[0]) {
		return nil, &Error{Pos: Pos{File: display}, Msg: "the file is empty; a scenario needs at least arrivals, intents, segments and agents (see ivrsim scenarios show erlang-a)"}
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err != nil:
		return nil, yamlError(display, data, err)
	case len(next.Content) > 0 && !isNull(next.Content[0]):
		return nil, &Error{Pos: Pos{File: display, Line: next.Content[0].Line, Col: next.Content[0].Column},
			Msg: "a second YAML document (after ---) starts here; a scenario is one document, so remove the --- line or split the file"}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode && included {
		return nil, &Error{Pos: Pos{File: display, Line: root.Line, Col: root.Column},
			Msg: fmt.Sprintf("not a flow file: expected a mapping with start: and nodes:, found %s", kindName(root))}
	}
	if root.Kind != yaml.MappingNode {
		return nil, &Error{Pos: Pos{File: display, Line: root.Line, Col: root.Column},
			Msg: fmt.Sprintf("expected a mapping of scenario fields, found %s; write fields such as arrivals:, intents: and agents: at the start of their lines, not a list", describe(root))}
	}
	return root, nil
}

// checkText rejects what is not YAML text before the YAML library does,
// because the library reports such problems without a position.
func checkText(display string, data []byte) *Error {
	line, col := 1, 1
	text := data
	if bytes.HasPrefix(text, []byte("\uFEFF")) {
		text = text[3:]
	}
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		switch {
		case r == utf8.RuneError && size == 1:
			return &Error{Pos: Pos{File: display, Line: line, Col: col}, Msg: "the file is not UTF-8 text; save it as UTF-8"}
		case r == '\n':
			line, col = line+1, 0
		case r == '\t' || r == '\r':
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 && r != 0x85 || r == 0xfffe || r == 0xffff || r == 0xfeff:
			return &Error{Pos: Pos{File: display, Line: line, Col: col}, Msg: fmt.Sprintf("control character %U is not allowed in YAML; remove it", r)}
		}
		text = text[size:]
		col++
	}
	return nil
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// yamlError places a YAML syntax error and adds how to fix it. The YAML
// library reports a line only, and for some errors the line where the
// enclosing construct starts (counted from 0): the line is corrected here
// and the column found on it.
func yamlError(display string, data []byte, err error) *Error {
	msg := err.Error()
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	p := Pos{File: display}
	if strings.HasPrefix(msg, "unknown anchor ") {
		name := strings.TrimSuffix(strings.TrimPrefix(msg, "unknown anchor '"), "' referenced")
		if i := bytes.Index(data, []byte("*"+name)); i >= 0 {
			p.Line = bytes.Count(data[:i], []byte("\n")) + 1
			p.Col = utf8.RuneCount(data[bytes.LastIndexByte(data[:i], '\n')+1:i]) + 1
		}
		return &Error{Pos: p, Msg: fmt.Sprintf("invalid YAML: *%s refers to no anchor; mark the value to repeat with &%s before using *%s", name, name, name)}
	}
	if isParserError(msg) {
		line++ // the parser counts from 0
	}
	p.Line = max(line, 1)
	text := sourceLine(data, p.Line)
	indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
	if i := strings.IndexByte(indent, '\t'); i >= 0 {
		// A tab in the indentation is the commonest cause, whatever the
		// library calls it.
		p.Col = i + 1
		return &Error{Pos: p, Msg: "invalid YAML: a tab indents this line; indent with spaces, not tabs"}
	}
	p.Col = yamlErrorColumn(msg, text)
	return &Error{Pos: p, Msg: "invalid YAML: " + msg + "; " + yamlHint(msg)}
}

func isParserError(msg string) bool {
	for _, prefix := range []string{"did not find expected", "found duplicate %", "found incompatible YAML", "found undefined tag"} {
		if strings.HasPrefix(msg, prefix) {
			return true
		}
	}
	return false
}

// yamlErrorColumn finds, on the line the error is reported at, the column
// the error is most likely about: the unclosed bracket, the tab, the stray
// colon, or else the first character of the line.
func yamlErrorColumn(msg, line string) int {
	col := func(i int) int { return utf8.RuneCountInString(line[:i]) + 1 }
	switch {
	case strings.Contains(msg, "expected ',' or ']'"), strings.Contains(msg, "expected ',' or '}'"):
		if i := unclosedBracket(line); i >= 0 {
			return col(i)
		}
	case strings.Contains(msg, "tab character"):
		if i := strings.IndexByte(line, '\t'); i >= 0 {
			return col(i)
		}
	case strings.Contains(msg, "end of stream"):
		if i := strings.IndexAny(line, "\"'"); i >= 0 {
			return col(i)
		}
	case strings.Contains(msg, "cannot start any token"):
		if i := strings.IndexAny(line, "@`"); i >= 0 {
			return col(i)
		}
	case strings.Contains(msg, "mapping values are not allowed"):
		var colons []int
		for i := 0; i < len(line); i++ {
			if line[i] == ':' && (i+1 == len(line) || line[i+1] == ' ') {
				colons = append(colons, i)
			}
		}
		if len(colons) >= 2 {
			return col(colons[1])
		}
		if len(colons) == 1 {
			return col(colons[0])
		}
	}
	return col(len(line) - len(strings.TrimLeftFunc(line, unicode.IsSpace)))
}

// unclosedBracket is the byte offset of the first [ or { on line that the
// line does not close, or −1.
func unclosedBracket(line string) int {
	var open []int
	quote := byte(0)
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || line[i-1] == ' '):
			i = len(line)
		case c == '[' || c == '{':
			open = append(open, i)
		case (c == ']' || c == '}') && len(open) > 0:
			open = open[:len(open)-1]
		}
	}
	if len(open) == 0 {
		return -1
	}
	return open[0]
}

// yamlHint says how to fix a YAML syntax error.
func yamlHint(msg string) string {
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		return "a ':' appears where a value was expected: check this line's indentation, or quote a value that contains ': '"
	case strings.Contains(msg, "expected ',' or ']'"):
		return "the list opened with [ here is not closed: add the missing ] (and commas between items)"
	case strings.Contains(msg, "expected ',' or '}'"):
		return "the mapping opened with { here is not closed: add the missing } (and commas between fields)"
	case strings.Contains(msg, "expected key"):
		return "a line of the mapping that starts here is not a 'key: value' pair or is indented differently; indent the fields of one mapping equally"
	case strings.Contains(msg, "expected '-' indicator"):
		return "a line of the list that starts here does not start with '- ' or is indented differently; indent the items of one list equally"
	case strings.Contains(msg, "could not find expected ':'"):
		return "a key is not followed by ':'; write key: value, and quote text that spans lines"
	case strings.Contains(msg, "tab character"):
		return "indent with spaces, not tabs"
	case strings.Contains(msg, "cannot start any token"):
		return "a value cannot start with @ or `; quote it"
	case strings.Contains(msg, "end of stream"):
		return "a quoted value or a bracket opened here is not closed; add the closing quote or bracket"
	case strings.Contains(msg, "did not find expected node content"):
		return "a value is missing or malformed here; write key: value"
	case strings.Contains(msg, "control characters"), strings.Contains(msg, "invalid Unicode"), strings.Contains(msg, "UTF-8"):
		return "save the file as UTF-8 text"
	}
	return "check the indentation and quoting of this line and the line before"
}

// includeFlows replaces every design written as {file: path} by the
// content of that file, remembering which file each part came from. It
// returns the file of each design. A design whose file cannot be read is
// left as it is and reported; the rest of the scenario is still checked.
func (d *decoder) includeFlows(r reader, dir, display string, root *yaml.Node) map[string]string {
	files := map[string]string{}
	designs := resolve(mappingValue(root, "designs"))
	if designs == nil || designs.Kind != yaml.MappingNode {
		return files
	}
	for i := 0; i+1 < len(designs.Content); i += 2 {
		k, v := designs.Content[i], resolve(designs.Content[i+1])
		if v.Kind != yaml.MappingNode {
			continue
		}
		f := mappingValue(v, "file")
		if f == nil {
			continue
		}
		p := "designs." + k.Value
		// A design whose file fails is reported once: the validator is
		// told to say nothing more about it.
		fail := func(at Pos, path, format string, args ...any) {
			d.errorAt(at, path, format, args...)
			d.bad = append(d.bad, p)
		}
		at := Pos{File: display, Line: f.Line, Col: f.Column}
		if len(v.Content) != 2 {
			other := v.Content[0]
			if other.Value == "file" {
				other = v.Content[2]
			}
			fail(Pos{File: display, Line: other.Line, Col: other.Column}, p,
				"a design given by file takes no other fields here; move %s into the flow file %s", other.Value, f.Value)
			continue
		}
		if f.Kind != yaml.ScalarNode || f.Value == "" {
			fail(at, p+".file", "expected the path of a flow file, relative to the scenario, such as file: flows/menu.yaml")
			continue
		}
		name := r.join(dir, f.Value)
		shown := name
		if or, ok := r.(osReader); !ok {
			shown = f.Value
		} else if !or.allowOutside {
			if msg := outsideFolder(dir, f.Value, name); msg != "" {
				fail(at, p+".file", "%s", msg)
				continue
			}
		}
		data, err := r.read(name)
		if err != nil {
			fail(at, p+".file", "cannot read flow file %q: %v; paths are relative to the scenario file", f.Value, trimPathError(err))
			continue
		}
		sub, perr := parseYAML(shown, data, true)
		if perr != nil {
			d.errs = append(d.errs, perr)
			d.bad = append(d.bad, p)
			d.files = append(d.files, shown)
			continue
		}
		if inner := mappingValue(sub, "file"); inner != nil {
			fail(Pos{File: shown, Line: inner.Line, Col: inner.Column}, p+".file",
				"a flow file cannot refer to another flow file; write the design's start and nodes here")
			d.files = append(d.files, shown)
			continue
		}
		designs.Content[i+1] = sub
		d.fileOf[sub] = shown
		d.src[shown] = data
		d.files = append(d.files, shown)
		files[k.Value] = shown
	}
	return files
}

// mappingValue returns the value of key in mapping n, or nil.
func mappingValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// outsideFolder says why the flow file rel (resolved to name) lies outside
// the folder dir, or "" when it lies inside. Symbolic links are followed,
// so a link inside that leads out is outside.
func outsideFolder(dir, rel, name string) string {
	hint := "; flow files must lie in the scenario's folder or below it (give --allow-outside to read files elsewhere)"
	if filepath.IsAbs(rel) {
		return fmt.Sprintf("the flow file %q is an absolute path%s", rel, hint)
	}
	base, err := filepath.Abs(dir)
	if err == nil {
		base, err = filepath.EvalSymlinks(base)
	}
	if err != nil {
		return ""
	}
	target, err := filepath.Abs(name)
	if err != nil {
		return ""
	}
	if real, err := filepath.EvalSymlinks(target); err == nil {
		target = real
	} else if !strings.HasPrefix(filepath.Clean(target)+string(filepath.Separator), base+string(filepath.Separator)) {
		return fmt.Sprintf("the flow file %q is outside the scenario's folder%s", rel, hint)
	} else {
		return "" // does not exist: reading it says so
	}
	if target != base && !strings.HasPrefix(target, base+string(filepath.Separator)) {
		return fmt.Sprintf("the flow file %q is outside the scenario's folder%s", rel, hint)
	}
	return ""
}
