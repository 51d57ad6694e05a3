// Package cdr reads and writes call detail records (CDRs): one row per
// contact, as contact centres export them from their ACD and IVR. ivrsim fit
// calibrates a scenario from them and ivrsim backtest compares a
// simulation with them; the simulator writes its own contacts in the same
// format, so a simulated month can be fitted like a real one.
//
// # The format
//
// A CDR file is CSV with a header row; tab- and semicolon-separated files
// are read too (the delimiter is detected from the header). Columns are
// found by name, in any order; columns the format does not know are
// ignored. The canonical columns are:
//
//	arrival        date-time the contact arrived (required), such as
//	               2024-03-04 08:15:02 or 2024-03-04T08:15:02.250
//	date           the contact's date, when the time columns hold times of
//	               day only (08:15:02); see "Dates and times" below
//	customer       who called; empty for an unidentified caller. Used to
//	               find redials
//	intent         why they called (type, skill, queue, menu choice)
//	segment        which caller segment they belong to (priority, tier)
//	ivr_time       seconds in the IVR, or ivr_start and ivr_end: times the
//	               IVR was entered (default: arrival) and left
//	queue_start    joined the agent queue
//	queue_end      left it: answered, or hung up
//	wait           seconds in the queue, instead of queue_end
//	outcome        served, abandoned, blocked, contained or ended
//	service_start  an agent answered
//	service_end    the conversation ended
//	handle_time    seconds of conversation, instead of service_end
//	group          the agent group (split, skill group)
//	agent          the agent (login, name)
//
// Outcomes: served reached an agent; abandoned hung up before that (in
// the IVR when there is no queue_start, else in the queue); blocked got a
// busy signal; contained was resolved by the IVR; ended left the IVR
// unresolved without asking for an agent.
//
// Absent values are empty cells, or any of the mapping's absent values
// (such as 0:00:00). A served contact without a queue_start reached an
// agent without waiting.
//
// # Dates and times
//
// Date-times are read in the mapping's format, or recognised among
// YYYY-MM-DD hh:mm[:ss[.fff]], the same with a T, and RFC 3339. A
// column may hold times of day only (h:mm:ss): they are placed on the
// date column's date, and a time earlier than the arrival by more than 12
// hours is taken to be on the next day (a contact running past midnight).
// Dates are recognised as YYYY-MM-DD, YYYYMMDD, YYMMDD and YYYY/MM/DD;
// day-first and month-first dates (03/04/2024) need a format. Durations
// are seconds (12.5), h:mm:ss or m:ss, or written like 1m30s.
//
// Times within a row must be in order (arrival ≤ queue start ≤ queue end,
// service start ≤ service end), up to the mapping's tolerance for clocks
// that disagree by a second or two; an earlier time within it is moved up
// to the one it should follow.
//
// # Mappings
//
// A mapping (YAML, ivrsim fit --map FILE) says which source column holds
// each canonical column, translates values, and gives formats:
//
//	# A typical ACD export.
//	delimiter: ","               # auto (default), ",", "tab" or ";"
//	columns:                     # canonical: source column
//	  arrival: CallStart
//	  customer: ANI
//	  intent: Skill
//	  ivr_time: IVRSeconds
//	  wait: QueueSeconds
//	  handle_time: TalkSeconds
//	  outcome: Disposition
//	  agent: AgentID
//	values:                      # per canonical column: source value: value
//	  outcome: {ANSWERED: served, ABANDONED: abandoned, BUSY: blocked, SELFSERVE: contained, TEST: skip}
//	absent: ["", "NULL"]         # values meaning "not recorded"
//	formats:
//	  arrival: "MM/DD/YYYY hh:mm:ss"
//	tolerance: 5s
//
// An outcome mapped to skip drops the row (test calls, phantom records);
// it is counted, not reported as an error. Formats are written with YYYY,
// YY, MM, DD, hh, mm, ss (and .fff) or as Go time layouts. A mapping need
// not name the columns whose source already has the canonical name.
// Built-in mappings are named instead of given as files (see
// BuiltinMappings): anonymous-bank reads the Anonymous Bank call records.
package cdr
