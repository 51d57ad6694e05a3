// Package sipua carries live calls over SIP (github.com/emiago/sipgo, UDP
// and TCP) and RTP (github.com/pion/rtp): a Server answers calls for a
// live IVR, a Dialer places the harness's calls.
//
// Audio is G.711 (PCMU or PCMA, 20 ms frames) both ways; digits travel as
// RFC 4733 telephone-events on the RTP stream or as SIP INFO
// (application/dtmf-relay). The server reports a call's progress to
// callers that ask for it (INVITE header X-Ivrsim-Caller) with in-dialog
// INFO requests carrying X-Ivrsim-Event and X-Ivrsim-Node headers, and
// says where a call ended in the X-Ivrsim-Node and X-Ivrsim-Outcome
// headers of its BYE.
package sipua

import (
	"log/slog"
	"sync"

	"github.com/emiago/sipgo/sip"
)

// quietLibrary silences the SIP library's own log lines (its transport
// warns of internal reference counts); what matters to a user is in the
// call records.
var quietLibrary = sync.OnceFunc(func() { sip.SetDefaultLogger(slog.New(slog.DiscardHandler)) })
