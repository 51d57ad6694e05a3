package sipua

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"
	"github.com/ivrsim/ivrsim/sim/live"
)

// DialerConfig configures the harness's calls.
type DialerConfig struct {
	// Target is the only URI the dialer calls.
	Target sip.Uri
	// Transport is "udp" or "tcp".
	Transport string
	// InfoDTMF sends digits as SIP INFO instead of RFC 4733 events.
	InfoDTMF bool
}

// Dialer places calls to one target and receives the target's in-dialog
// requests (progress INFO, BYE) on a local address of its own.
type Dialer struct {
	cfg   DialerConfig
	host  string
	ua    *sipgo.UserAgent
	srv   *sipgo.Server
	cli   *sipgo.Client
	cache *sipgo.DialogClientCache
	pump  *pump
	calls sync.Map // Call-ID → *ClientCall
	close func()
}

// localIPFor is the local address that routes to host: no packet is sent.
func localIPFor(host string, port int) (string, error) {
	c, err := net.Dial("udp", net.JoinHostPort(host, strconv.Itoa(port)))
	if err != nil {
		return "", err
	}
	defer func() { _ = c.Close() }()
	return c.LocalAddr().(*net.UDPAddr).IP.String(), nil
}

// NewDialer opens the local SIP address for calls to cfg.Target.
func NewDialer(cfg DialerConfig) (*Dialer, error) {
	port := cfg.Target.Port
	if port == 0 {
		port = 5060
	}
	host, err := localIPFor(cfg.Target.Host, port)
	if err != nil {
		return nil, fmt.Errorf("no route to %s: %w", cfg.Target.Host, err)
	}
	quietLibrary()
	d := &Dialer{cfg: cfg, host: host, pump: newPump()}
	log := slog.New(slog.DiscardHandler)
	d.ua, _ = sipgo.NewUA(sipgo.WithUserAgent("ivrsim-load"), sipgo.WithUserAgentHostname(host))
	d.srv, _ = sipgo.NewServer(d.ua, sipgo.WithServerLogger(log))
	var lport int
	ctx, cancel := context.WithCancel(context.Background())
	switch cfg.Transport {
	case "tcp":
		ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
		if err != nil {
			cancel()
			return nil, err
		}
		lport = ln.Addr().(*net.TCPAddr).Port
		go func() { _ = d.srv.ServeTCP(ln) }()
		d.close = func() { cancel(); _ = ln.Close() }
	default:
		pc, err := net.ListenPacket("udp", net.JoinHostPort(host, "0"))
		if err != nil {
			cancel()
			return nil, err
		}
		lport = pc.LocalAddr().(*net.UDPAddr).Port
		go func() { _ = d.srv.ServeUDP(pc) }()
		d.close = func() { cancel(); _ = pc.Close() }
	}
	_ = ctx
	d.cli, _ = sipgo.NewClient(d.ua, sipgo.WithClientHostname(host), sipgo.WithClientLogger(log))
	contact := sip.ContactHeader{Address: sip.Uri{User: "ivrsim", Host: host, Port: lport}}
	if cfg.Transport == "tcp" {
		contact.Address.UriParams = sip.NewParams()
		contact.Address.UriParams.Add("transport", "tcp")
	}
	d.cache = sipgo.NewDialogClientCache(d.cli, contact)
	d.srv.OnBye(d.onBye)
	d.srv.OnInfo(d.onInfo)
	d.srv.OnOptions(func(req *sip.Request, tx sip.ServerTransaction) {
		_ = tx.Respond(sip.NewResponseFromRequest(req, sip.StatusOK, "OK", nil))
	})
	return d, nil
}

// Close stops the dialer; calls still up are not ended (see ClientCall.HangUp).
func (d *Dialer) Close() error {
	d.pump.close()
	d.close()
	return d.ua.Close()
}

// Call places one call for caller id and waits for the answer. A call that
// is not answered returns its Setup with the final code and an error.
func (d *Dialer) Call(ctx context.Context, id live.CallerID) (*ClientCall, live.Setup, error) {
	var st live.Setup
	m, err := newMedia(d.host)
	if err != nil {
		return nil, st, err
	}
	offer, err := offerSDP(d.host, m.port(), 0, 0, false)
	if err != nil {
		m.close()
		return nil, st, err
	}
	target := d.cfg.Target
	if d.cfg.Transport == "tcp" {
		target.UriParams = sip.NewParams()
		target.UriParams.Add("transport", "tcp")
	}
	c := &ClientCall{d: d, m: m, events: make(chan live.Event, 32), ended: make(chan live.End, 1)}
	start := time.Now()
	sess, err := d.cache.Invite(ctx, target, offer,
		sip.NewHeader("Content-Type", "application/sdp"),
		sip.NewHeader(HeaderCaller, fmt.Sprintf("%d/%d", id.Index, id.Attempt)))
	if err != nil {
		m.close()
		return nil, st, err
	}
	callID := sess.InviteRequest.CallID().Value()
	c.callID = callID
	d.calls.Store(callID, c)
	err = sess.WaitAnswer(ctx, sipgo.AnswerOptions{OnResponse: func(r *sip.Response) error {
		if (r.StatusCode == 180 || r.StatusCode == 183) && st.Ringing == 0 {
			st.Ringing = time.Since(start)
		}
		return nil
	}})
	if r := sess.InviteResponse; r != nil {
		st.Code, st.Reason = r.StatusCode, r.Reason
	}
	if err != nil {
		if r := sess.InviteResponse; r != nil && r.IsSuccess() {
			// The answer crossed our CANCEL: the call is up at the far
			// end, so it gets its ACK and a BYE (RFC 3261 §15).
			bctx, bcancel := context.WithTimeout(context.Background(), 5*time.Second)
			_ = sess.Ack(bctx)
			_ = sess.Bye(bctx)
			bcancel()
		}
		d.calls.Delete(callID)
		m.close()
		_ = sess.Close()
		var de *sipgo.ErrDialogResponse
		if errors.As(err, &de) {
			st.Code, st.Reason = de.Res.StatusCode, de.Res.Reason
		}
		return nil, st, err
	}
	st.Answered = time.Since(start)
	c.sess, c.answered = sess, time.Now()
	if err := sess.Ack(ctx); err != nil {
		d.calls.Delete(callID)
		m.close()
		return nil, st, fmt.Errorf("ACK: %w", err)
	}
	answer, err := parseSDP(sess.InviteResponse.Body())
	if err != nil {
		c.HangUp()
		return nil, st, err
	}
	c.reports = sess.InviteResponse.GetHeader(HeaderEvents) != nil
	m.setRemote(answer.addr)
	m.setCodec(answer.pt, answer.evPT)
	d.pump.add(m)
	return c, st, nil
}

func (d *Dialer) call(req *sip.Request) *ClientCall {
	if h := req.CallID(); h != nil {
		if v, ok := d.calls.Load(h.Value()); ok {
			return v.(*ClientCall)
		}
	}
	return nil
}

func (d *Dialer) onBye(req *sip.Request, tx sip.ServerTransaction) {
	c := d.call(req)
	if c == nil {
		_ = tx.Respond(sip.NewResponseFromRequest(req, sip.StatusCallTransactionDoesNotExists, "Call/Transaction Does Not Exist", nil))
		return
	}
	_ = tx.Respond(sip.NewResponseFromRequest(req, sip.StatusOK, "OK", nil))
	e := live.End{}
	if h := req.GetHeader(HeaderNode); h != nil {
		e.Node = h.Value()
	}
	if h := req.GetHeader(HeaderOutcome); h != nil {
		e.Outcome = live.Outcome(h.Value())
	}
	c.remoteEnd(e)
}

func (d *Dialer) onInfo(req *sip.Request, tx sip.ServerTransaction) {
	c := d.call(req)
	if c == nil {
		_ = tx.Respond(sip.NewResponseFromRequest(req, sip.StatusCallTransactionDoesNotExists, "Call/Transaction Does Not Exist", nil))
		return
	}
	ev, ok := parseEvent(req)
	if ok {
		select {
		case c.events <- ev:
		default:
		}
	}
	_ = tx.Respond(sip.NewResponseFromRequest(req, sip.StatusOK, "OK", nil))
}

// parseEvent reads a progress INFO.
func parseEvent(req *sip.Request) (live.Event, bool) {
	h := req.GetHeader(HeaderEvent)
	if h == nil {
		return live.Event{}, false
	}
	k, ok := live.ParseEventKind(h.Value())
	if !ok {
		return live.Event{}, false
	}
	ev := live.Event{Kind: k, At: time.Now()}
	if h := req.GetHeader(HeaderNode); h != nil {
		ev.Node = h.Value()
	}
	if h := req.GetHeader(HeaderPosition); h != nil {
		ev.Position, _ = strconv.Atoi(h.Value())
	}
	if h := req.GetHeader(HeaderExpected); h != nil {
		ev.ExpectedWait, _ = strconv.ParseFloat(h.Value(), 64)
	}
	ev.Assist = req.GetHeader(HeaderAssist) != nil
	ev.Transfer = req.GetHeader(HeaderTransfer) != nil
	return ev, true
}

// ClientCall is an answered call of the harness: a live.CallerLeg.
type ClientCall struct {
	d        *Dialer
	sess     *sipgo.DialogClientSession
	m        *media
	callID   string
	answered time.Time
	events   chan live.Event
	ended    chan live.End
	once     sync.Once
	reports  bool
}

// Reports says whether the endpoint reports the call's progress.
func (c *ClientCall) Reports() bool { return c.reports }

func (c *ClientCall) Events() <-chan live.Event { return c.events }
func (c *ClientCall) Ended() <-chan live.End    { return c.ended }

// FirstAudio is the time from the answer to the first RTP packet received,
// or −1 if none came.
func (c *ClientCall) FirstAudio() time.Duration {
	t := c.m.firstAudio.Load()
	if t == 0 {
		return -1
	}
	return max(0, time.Unix(0, t).Sub(c.answered))
}

// Packets are the RTP packets sent and received so far.
func (c *ClientCall) Packets() (sent, received int64) { return c.m.sent.Load(), c.m.recv.Load() }

// Press sends a digit as an RFC 4733 event, or as SIP INFO when so
// configured. A peer that did not accept telephone-events in its answer
// gets no digit (and an error): sending it another way unasked could end
// the call.
func (c *ClientCall) Press(d byte) error {
	if !c.d.cfg.InfoDTMF {
		return c.m.pressEvent(d)
	}
	req := sip.NewRequest(sip.INFO, c.sess.InviteResponse.Contact().Address)
	req.AppendHeader(sip.NewHeader("Content-Type", "application/dtmf-relay"))
	req.SetBody([]byte("Signal=" + string(d) + "\r\nDuration=100\r\n"))
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, _ = c.sess.Do(ctx, req)
	}()
	return nil
}

// HangUp sends BYE (once) and releases the call's media.
func (c *ClientCall) HangUp() {
	c.finish(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = c.sess.Bye(ctx)
	})
}

func (c *ClientCall) remoteEnd(e live.End) {
	c.finish(func() { c.ended <- e })
}

func (c *ClientCall) finish(f func()) {
	c.once.Do(func() {
		c.d.pump.remove(c.m)
		f()
		c.m.close()
		c.d.calls.Delete(c.callID)
		if c.sess != nil {
			_ = c.sess.Close()
		}
	})
}

// ParseTarget reads a sip: URI to call, refusing anything else.
func ParseTarget(s string) (sip.Uri, error) {
	var u sip.Uri
	if !strings.HasPrefix(strings.ToLower(s), "sip:") {
		return u, fmt.Errorf("target %q is not a sip: URI (want sip:USER@HOST:PORT)", s)
	}
	if err := sip.ParseUri(s, &u); err != nil {
		return u, fmt.Errorf("target %q: %w", s, err)
	}
	if u.Host == "" {
		return u, fmt.Errorf("target %q has no host (want sip:USER@HOST:PORT)", s)
	}
	if u.Port < 0 || u.Port > 65535 {
		return u, fmt.Errorf("target %q: port %d out of range", s, u.Port)
	}
	return u, nil
}

// Dial is Call as a live.Dial.
func (d *Dialer) Dial(ctx context.Context, id live.CallerID) (live.Placed, live.Setup, error) {
	c, st, err := d.Call(ctx, id)
	if err != nil {
		return nil, st, err
	}
	return c, st, nil
}
