package scenarios

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"
)

// SchemaURI is the JSON Schema dialect JSONSchema writes.
const SchemaURI = "https://json-schema.org/draft/2020-12/schema"

// JSONSchema returns a JSON Schema (draft 2020-12) of the scenario format,
// for editor completion and checking as you type. It is generated from the
// scenario types with the same yaml and ivrsim tags the loader decodes
// with, so it cannot drift from what ivrsim reads. With flow true the root
// is a design, for flow files (designs.NAME.file).
//
// The schema checks structure, types, ranges of single values, enums and
// the text forms of durations, rates and distributions; what needs the
// whole scenario (shares adding up to 1, references between nodes) is
// left to ivrsim validate.
func JSONSchema(flow bool) ([]byte, error) {
	return JSONSchemaWith(flow, SchemaOptions{})
}

// SchemaOptions add to the schema what the scenarios package does not
// know itself.
type SchemaOptions struct {
	// ThresholdTargets are the names a thresholds key may start with (the
	// metrics, and the distributions p(N) reads); a key is one of them,
	// optionally followed by {design}. Empty leaves keys unchecked.
	ThresholdTargets []string
}

// SchemaID names the scenario schema and FlowSchemaID the flow file's,
// as their $id: stable names for the format's first version, not
// addresses to fetch.
const (
	SchemaID     = "https://github.com/ivrsim/ivrsim/schemas/scenario-v1.json"
	FlowSchemaID = "https://github.com/ivrsim/ivrsim/schemas/flow-v1.json"
)

// JSONSchemaWith is JSONSchema with the options.
func JSONSchemaWith(flow bool, o SchemaOptions) ([]byte, error) {
	g := &schemaGen{defs: map[string]any{}}
	root := reflect.TypeFor[Scenario]()
	title, desc, id := "ivrsim scenario", typeDescriptions["Scenario"], SchemaID
	if flow {
		root = reflect.TypeFor[Design]()
		title, desc, id = "ivrsim flow file", "One IVR design in its own file, named by designs.NAME.file in a scenario. "+typeDescriptions["Design"], FlowSchemaID
	}
	g.define(root)
	if len(o.ThresholdTargets) > 0 && !flow {
		quoted := make([]string, len(o.ThresholdTargets))
		for i, t := range o.ThresholdTargets {
			quoted[i] = regexp.QuoteMeta(t)
		}
		th := g.defs["Scenario"].(map[string]any)["properties"].(map[string]any)["thresholds"].(map[string]any)
		th["propertyNames"] = map[string]any{
			"pattern":     `^(` + strings.Join(quoted, "|") + `)(\{[^.=\s{}]([^.={}]*[^.=\s{}])?\})?$`,
			"description": "A metric (" + strings.Join(o.ThresholdTargets, ", ") + "), optionally followed by a design in braces, such as abandon_rate{queue-preserving-va}.",
		}
	}
	s := map[string]any{
		"$schema":     SchemaURI,
		"$id":         id,
		"title":       title,
		"description": desc,
		"$ref":        "#/$defs/" + root.Name(),
		"$defs":       g.defs,
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

type schemaGen struct {
	defs map[string]any
}

// Patterns of the text forms, in the regular expression syntax JSON
// Schema uses (ECMA-262), kept to what Go's regexp reads too.
const (
	numberPattern   = `(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?`
	durationPattern = `(` + numberPattern + `|((\d+(\.\d*)?|\.\d+)(ms|sec|min|s|m|h|d))+)`
	// PatternDuration matches a duration: "45s", "1h30m", "90".
	PatternDuration = `^\s*` + durationPattern + `\s*$`
	// PatternRate matches a rate: "100/min", "6000/h", "100/30m", "2.5".
	PatternRate = `^\s*` + numberPattern + `\s*(/\s*(s|sec|second|m|min|minute|h|hr|hour|d|day|` + durationPattern + `)\s*)?$`
	// PatternProbability matches a percentage from 0% to 100%: "25%".
	PatternProbability = `^\s*(100(\.0*)?|\d{1,2}(\.\d*)?|\.\d+)\s*%\s*$`
	// PatternTimeOfDay matches "08:00" or "08:30:15".
	PatternTimeOfDay = `^\s*([01]?\d|2[0-4]):[0-5]\d(:[0-5]\d)?\s*$`
	// PatternDate matches a date: "2024-03-04".
	PatternDate = `^\s*\d{4}-\d{2}-\d{2}\s*$`
	// PatternName matches the name of an entry: no dots, equals signs or
	// surrounding blanks, which --set paths use.
	PatternName = `^[^.=\s]([^.=]*[^.=\s])?$`
)

// valueSchemas are the scalar value types, each written as a number or a
// text form.
var valueSchemas = map[reflect.Type]map[string]any{
	reflect.TypeFor[Duration](): {
		"description": "A duration: seconds as a number, or Go-style text such as 45s, 3m or 1h30m.",
		"anyOf":       []any{map[string]any{"type": "number", "minimum": 0}, map[string]any{"type": "string", "pattern": PatternDuration}},
	},
	reflect.TypeFor[Rate](): {
		"description": "A rate: a count per period such as 100/min, 6000/h or 100/30m; a plain number is per second.",
		"anyOf":       []any{map[string]any{"type": "number", "minimum": 0}, map[string]any{"type": "string", "pattern": PatternRate}},
	},
	reflect.TypeFor[Probability](): {
		"description": "A probability: a number from 0 to 1, or a percentage such as 25%.",
		"anyOf":       []any{map[string]any{"type": "number", "minimum": 0, "maximum": 1}, map[string]any{"type": "string", "pattern": PatternProbability}},
	},
	reflect.TypeFor[TimeOfDay](): {
		"description": `A time of day, "HH:MM" or "HH:MM:SS" (quote it in YAML).`,
		"type":        "string",
		"pattern":     PatternTimeOfDay,
	},
	reflect.TypeFor[Date](): {
		"description": `A calendar date, YYYY-MM-DD (quote it in YAML to keep it text).`,
		"type":        "string",
		"pattern":     PatternDate,
	},
	reflect.TypeFor[UncertainValues](): {
		"description": "Values nobody has measured, for ivrsim sensitivity: scenario path (as --set writes it) → [low, high], uniform(low, high), loguniform(low, high), triangular(low, mode, high) or normal(mean, sd).",
		"type":        "object",
		"additionalProperties": map[string]any{"anyOf": []any{
			map[string]any{"type": "array", "items": map[string]any{"type": "number"}, "minItems": 2, "maxItems": 2},
			map[string]any{"type": "string", "pattern": PatternUncertain},
		}},
	},
	reflect.TypeFor[Dist](): distSchema(),
}

// define adds the definition of struct type t (and of the types it uses)
// to the schema's $defs.
func (g *schemaGen) define(t reflect.Type) {
	name := t.Name()
	if _, ok := g.defs[name]; ok {
		return
	}
	props := map[string]any{}
	def := map[string]any{
		"type":                 "object",
		"description":          typeDescriptions[name],
		"properties":           props,
		"additionalProperties": false,
	}
	g.defs[name] = def // before the fields: no type refers to itself, but be safe
	for i := range t.NumField() {
		f := t.Field(i)
		key := yamlName(f)
		if key == "" {
			continue
		}
		s := g.schemaOf(f.Type)
		s["description"] = fieldDescriptions[name+"."+f.Name]
		for k, v := range fieldConstraints[name+"."+f.Name] {
			s[k] = v
		}
		props[key] = s
	}
	if req := requiredFields[name]; len(req) > 0 {
		def["required"] = req
	}
	if name == "Node" {
		def["allOf"] = nodeTypeRules()
	}
}

// schemaOf is the schema of a value of type t, at the place of a field.
func (g *schemaGen) schemaOf(t reflect.Type) map[string]any {
	if vs, ok := valueSchemas[t]; ok {
		g.defs[t.Name()] = vs
		return map[string]any{"$ref": "#/$defs/" + t.Name()}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return g.schemaOf(t.Elem())
	case reflect.Struct:
		g.define(t)
		return map[string]any{"$ref": "#/$defs/" + t.Name()}
	case reflect.Slice:
		et := t.Elem()
		if keyField(et) >= 0 {
			var entry map[string]any
			if vf := valueField(et); vf >= 0 {
				entry = g.schemaOf(et.Field(vf).Type)
			} else {
				entry = g.schemaOf(et)
			}
			return map[string]any{
				"type":                 "object",
				"propertyNames":        map[string]any{"pattern": PatternName},
				"additionalProperties": entry,
			}
		}
		return map[string]any{"type": "array", "items": g.schemaOf(et)}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int:
		return map[string]any{"type": "integer"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	}
	panic(fmt.Sprintf("scenarios: no schema for %s", t))
}

// nodeTypeRules limits each node type to the fields that apply to it, as
// the validator does.
func nodeTypeRules() []any {
	var rules []any
	for _, typ := range NodeTypes {
		names := make([]any, 0, len(nodeFields[typ]))
		for _, f := range nodeFields[typ] {
			names = append(names, f)
		}
		rules = append(rules, map[string]any{
			"if":   map[string]any{"properties": map[string]any{"type": map[string]any{"const": typ}}, "required": []any{"type"}},
			"then": map[string]any{"propertyNames": map[string]any{"enum": names}},
		})
	}
	return rules
}

func enumOf(values []string) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}

// fieldConstraints add what the schema can check of single values: enums
// and the ranges the validator enforces.
var fieldConstraints = map[string]map[string]any{
	"Scenario.Version":                {"enum": []any{1}},
	"Scenario.Customers":              {"minimum": 0, "maximum": MaxCustomers},
	"Scenario.Lines":                  {"minimum": 0, "maximum": MaxLines},
	"Horizon.Days":                    {"minimum": 1, "maximum": MaxDays},
	"Arrivals.Weekdays":               {"propertyNames": map[string]any{"enum": enumOf(WeekdayNames)}},
	"Weekday.Factor":                  {"minimum": 0, "maximum": 100},
	"Group.WeekdayStaffing":           {"propertyNames": map[string]any{"enum": enumOf(WeekdayNames)}},
	"Arrivals.Overdispersion":         {"minimum": 0, "maximum": 5},
	"Arrivals.IntervalOverdispersion": {"minimum": 0, "maximum": 5},
	"Intent.Priority":                 {"minimum": 0, "maximum": MaxPriority},
	"Segment.MenuTolerance":           {"minimum": 0, "maximum": 100},
	"Redial.Max":                      {"minimum": 1, "maximum": MaxRedials},
	"Group.Count":                     {"minimum": 0, "maximum": MaxAgents},
	"Node.Type":                       {"enum": enumOf(NodeTypes)},
	"Node.ZeroOut":                    {"enum": enumOf(ZeroOutModes)},
	"Node.Retries":                    {"minimum": 0, "maximum": 20},
	"Assist.EngagedPatience":          {"minimum": 0, "maximum": 10},
	"Announcement.Patience":           {"exclusiveMinimum": 0, "maximum": 10},
}

// requiredFields are the keys an entry must have, by type.
var requiredFields = map[string][]string{
	"Scenario": {"arrivals", "intents", "agents"},
	"Intent":   {"handle_time"},
	"Segment":  {"share"},
	"Node":     {"type"},
	"Option":   {"next"},
}

// typeDescriptions describe each type of the format.
var typeDescriptions = map[string]string{
	"Scenario":     "A scenario: the caller population, the centre that serves it, and the IVR designs that compete for it.",
	"Horizon":      "How long the simulated period is, and the date it starts.",
	"Weekday":      "The arrivals of one day of the week: a factor on the profile, or a profile of its own.",
	"ServiceLevel": "The answer-time target the service_level metric counts.",
	"Arrivals":     "Fresh contacts (new issues): either rate, or interval with profile.",
	"Trust":        "How callers learn to trust automation.",
	"Intent":       "A reason for calling.",
	"Segment":      "A share of the callers with common behaviour.",
	"Announcement": "How callers react to being told their queue position or expected wait.",
	"Redial":       "What callers do after a contact that did not resolve their issue.",
	"Group":        "A group of agents with the same skills.",
	"Effort":       "The weights of the customer effort formula.",
	"Costs":        "The unit costs behind cost_per_resolution.",
	"Design":       "One IVR design: a graph of nodes entered at start.",
	"Node":         "One step of a design; which fields apply depends on type.",
	"Option":       "One menu choice.",
	"Callback":     "Virtual hold: a callback offered when the expected wait exceeds over.",
	"Assist":       "A queue-preserving virtual agent: callers keep their place in the queue while it tries to help.",
}

// fieldDescriptions describe every field, keyed by Type.Field; a test
// checks none is missing.
var fieldDescriptions = map[string]string{
	"Scenario.Version":      "The format version; 1.",
	"Scenario.Name":         "The scenario's name, shown in reports; defaults to the file name.",
	"Scenario.Description":  "One line on what the scenario is for.",
	"Scenario.Horizon":      "How many days to simulate.",
	"Scenario.Warmup":       "Contacts arriving before this time are left out of every metric (default 0s).",
	"Scenario.ServiceLevel": "The service-level target.",
	"Scenario.Arrivals":     "Fresh contacts: a constant rate, or a profile per interval.",
	"Scenario.Customers":    "Size of a finite customer base whose members remember their trust across contacts; leave out for a new customer per issue.",
	"Scenario.Trust":        "How trust in automation moves after successes and failures.",
	"Scenario.Intents":      "Reasons for calling, by name.",
	"Scenario.Segments":     "Caller segments by name; their shares add up to 1.",
	"Scenario.Agents":       "Agent groups by name.",
	"Scenario.Lines":        "Calls the centre can hold at once (trunks, IVR ports); leave out for unlimited.",
	"Scenario.MisrouteTime": "Agent time a misrouted caller costs before the transfer (default 30s).",
	"Scenario.Effort":       "Weights of the customer effort score.",
	"Scenario.Costs":        "Unit costs.",
	"Scenario.Uncertain":    "Values nobody has measured, for ivrsim sensitivity: scenario path → [low, high], uniform(low, high), loguniform(low, high), triangular(low, mode, high) or normal(mean, sd).",
	"Scenario.Thresholds":   "Pass/fail criteria for ivrsim check: metric, or metric{design}, to a list of expressions such as \"< 0.08\", \"ci_high < 10%\" or \"p(90) < 2m\".",
	"Scenario.Designs":      "The competing IVR designs by name, inline or {file: path}; without designs every caller queues directly.",

	"Horizon.Days":  "Days to simulate, 1 to 366 (default 1).",
	"Horizon.Start": "The date of day 1, such as \"2024-03-04\": it gives each simulated day its date and day of the week, which arrivals.weekdays and weekday_staffing follow. Leave out for numbered days.",

	"ServiceLevel.Within": "Answer-time target of the service_level metric (default 20s).",

	"Arrivals.Rate":                   "Constant rate of fresh contacts, such as 100/min.",
	"Arrivals.Interval":               "Length of each profile interval, such as 30m; it divides the day.",
	"Arrivals.Start":                  `Time of day the first profile interval begins, such as "08:00".`,
	"Arrivals.Profile":                "Fresh contacts per interval over the day, from start.",
	"Arrivals.DayFactors":             "Multipliers per day; a list shorter than the horizon repeats (7 values make a week).",
	"Arrivals.Overdispersion":         "Coefficient of variation of a gamma-distributed daily busyness factor; 0 is pure Poisson.",
	"Arrivals.IntervalOverdispersion": "Coefficient of variation of each interval's busyness, on top of the daily factor.",
	"Arrivals.Weekdays":               "Per day of the week (mon, tue, wed, thu, fri, sat, sun): a factor on the day's profile and/or a profile of its own. Needs horizon.start.",

	"Weekday.Factor":  "Multiplies the day's profile, with day_factors (default 1).",
	"Weekday.Profile": "Fresh contacts per interval on this day of the week, replacing arrivals.profile: the same intervals, so the same number of values.",

	"Trust.Success":       "α: after a success trust += α(1 − trust) (default 0.15).",
	"Trust.Failure":       "β: after a failure trust −= β·trust (default 0.3).",
	"Trust.ForcedSuccess": "Multiplies self-service success for callers who go through it unwillingly (default 0.5).",

	"Intent.HandleTime":    "Agent talk time, such as lognormal(mean=3m, cv=1.2).",
	"Intent.Resolution":    "Probability an agent resolves the issue (default 1).",
	"Intent.TimeSensitive": "Callers press 0 more readily and tolerate menus less.",
	"Intent.Skill":         "The agent skill the intent needs; leave out for any agent.",
	"Intent.Priority":      "Priority in agent queues, 0 to 9; higher is served first.",
	"Intent.Share":         "The intent's share of all callers, for segments without their own intent mix.",

	"Segment.Share":         "The segment's share of callers.",
	"Segment.Intents":       "Intent mix of the segment: intent name → share, adding up to 1.",
	"Segment.IVRPatience":   "How long a caller stays in prompts, menus and self-service before hanging up, such as exponential(mean=2m); leave out for callers who hang up there only out of frustration.",
	"Segment.Patience":      "How long a caller waits in a queue before hanging up; leave out for callers who never do.",
	"Segment.MenuTolerance": "Replays or refusals a caller accepts before hanging up (default 3).",
	"Segment.MenuAccuracy":  "Probability a caller picks the right menu option, before menu clarity (default 1).",
	"Segment.ZeroOut":       "Propensity to press 0 for a person when the automation is not what the caller wants.",
	"Segment.Trust":         "Prior trust in automation (default 0.5).",
	"Segment.Callback":      "Probability of accepting a callback when offered.",
	"Segment.Priority":      "Queue priority added to the intent's, 0 to 9: higher is served first (premium customers).",
	"Segment.HeadStart":     "Queue discipline: callers of the segment are ordered as if they had already waited this long (such as 90s), within their priority level.",
	"Segment.Announcement":  "Reaction to announced queue positions and waits.",
	"Segment.Redial":        "Calling again after an unresolved contact.",

	"Announcement.Balk":     "Probability of hanging up at once when told an expected wait of balk_at.",
	"Announcement.BalkAt":   "The announced wait at which balk applies; balking grows with the wait.",
	"Announcement.Patience": "Multiplies the patience of callers who stay once informed (default 1).",

	"Redial.AfterAbandon":    "Probability of calling again after hanging up in the IVR or queue.",
	"Redial.AfterUnresolved": "Probability of calling again after a contact that did not resolve the issue.",
	"Redial.AfterBusy":       "Probability of calling again after a busy signal.",
	"Redial.Delay":           "Time before calling again after abandoning or a busy signal, such as lognormal(mean=15m, cv=1).",
	"Redial.RepeatDelay":     "Time before a repeat contact after an unresolved one; delay when not given.",
	"Redial.Max":             "The most contacts one issue makes (default 10).",

	"Group.Skills":          "Intent skills the group serves; none means every skill.",
	"Group.Count":           "Agents on duty all day.",
	"Group.Staffing":        "Agents per arrival-profile interval, one value per interval.",
	"Group.WeekdayStaffing": "Agents per interval on given days of the week (mon … sun), replacing staffing on those days; one value per interval of arrivals.profile. Needs horizon.start.",
	"Group.Wrapup":          "After-call work per contact.",
	"Group.Hours":           "Opening hours of the group's queue: daily, or a day of the week (mon … sun, needs horizon.start) → HH:MM-HH:MM or closed, such as {daily: 07:00-24:00, fri: 07:00-14:00}. Outside them callers are told the centre is closed and hang up (they may call again).",
	"Group.CostPerHour":     "Cost of an agent hour in this group; overrides costs.agent_hour.",

	"Effort.MenuStep":         "Effort per menu step (default 0.5).",
	"Effort.WaitMinute":       "Effort per minute on hold (default 0.4).",
	"Effort.Transfer":         "Effort per transfer (default 1.5).",
	"Effort.RepeatInfo":       "Effort per time the caller repeats information (default 1).",
	"Effort.RepeatContact":    "Effort of a repeat contact (default 2).",
	"Effort.AutomationMinute": "Effort per minute with automation: self-service and the virtual agent (default 0.4, as on hold).",
	"Effort.Scale":            "Raw effort that scores 4, the middle of the 1–7 scale (default 4).",

	"Costs.AgentHour": "Cost of an agent hour. Without any cost given, the cost metrics are left out.",
	"Costs.IVRMinute": "Cost of an IVR or virtual-agent minute (default 0 once costs are given).",

	"Design.File":        "Path of a flow file holding this design, relative to the scenario; then no other fields are given here.",
	"Design.Description": "One line on the design.",
	"Design.Start":       "The node callers enter first.",
	"Design.Nodes":       "The design's nodes by name.",

	"Node.Type":             "prompt, menu, selfservice, queue, transfer or end.",
	"Node.Next":             "prompt, transfer: the node callers go to next.",
	"Node.Duration":         "prompt, menu, selfservice: how long callers spend in the node.",
	"Node.Options":          "menu: the choices.",
	"Node.Clarity":          "menu: how clear the options are; multiplies the callers' menu accuracy (default 1).",
	"Node.ZeroOut":          "menu, selfservice: allow (pressing 0 leads to zero_out_next) or deny (refused); allowed where zero_out_next is given.",
	"Node.ZeroOutNext":      "menu, selfservice: where pressing 0 leads.",
	"Node.HangupTime":       "menu: how long a caller who hangs up at the menu stays in it, when that differs from duration (the time of callers who go on).",
	"Node.Retries":          "menu: how often the menu replays before the caller is dropped (default 2).",
	"Node.Success":          "selfservice: probability of resolving each intent, intent name → probability.",
	"Node.Reprompt":         "selfservice: how long re-prompting a caller whose zero-out was refused takes (default 8s).",
	"Node.OnFailure":        "selfservice: where callers go when it does not resolve their issue.",
	"Node.Context":          "selfservice: whether what it gathered reaches the agent.",
	"Node.ContextSaving":    "selfservice: share of agent handle time saved by the context handed over (default 0.25).",
	"Node.Group":            "queue: the agent group; leave out for the group serving each caller's intent.",
	"Node.AnnouncePosition": "queue: tell callers their position and expected wait.",
	"Node.Callback":         "queue: offer a callback (virtual hold).",
	"Node.Assist":           "queue: a virtual agent that helps callers while they keep their place.",
	"Node.Resolved":         "end: whether the issue counts as resolved.",

	"Option.Key":     "The key the caller presses.",
	"Option.Intents": "Intents this option is the right choice for; an option for none (such as 'back') is only chosen by mistake.",
	"Option.Next":    "The node the option leads to.",

	"Callback.Over": "A callback is offered when the expected wait exceeds this.",

	"Assist.EngageBonus":     "Added to trust for the probability of engaging the virtual agent (default 0.3).",
	"Assist.EngagedPatience": "Pace of the patience clock while engaged; 0.5 is half speed (default 0.5).",
	"Assist.Duration":        "How long the virtual agent talks with a caller.",
	"Assist.Success":         "Probability the virtual agent resolves each intent, intent name → probability.",
	"Assist.VerifyAfter":     "Time after which the caller is verified, cutting the agent's handle time (default 30s).",
	"Assist.ContextSaving":   "Share of agent handle time saved once verified (default 0.25).",
}

// schemaTypes lists the struct types the format is made of, as the schema
// defines them, for tests.
func schemaTypes() []reflect.Type {
	var out []reflect.Type
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			if t.Kind() == reflect.Slice {
				if vf := valueField(t.Elem()); vf >= 0 {
					t = t.Elem().Field(vf).Type
					continue
				}
			}
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] || valueSchemas[t] != nil {
			return
		}
		seen[t] = true
		out = append(out, t)
		for i := range t.NumField() {
			if yamlName(t.Field(i)) != "" {
				walk(t.Field(i).Type)
			}
		}
	}
	walk(reflect.TypeFor[Scenario]())
	return out
}
