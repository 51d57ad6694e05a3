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
	"sync/atomic"
	"time"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"
	"github.com/ivrsim/ivrsim/sim/live"
)

// Headers of the live-call protocol between the harness and an ivrsim
// endpoint.
const (
	HeaderCaller   = "X-Ivrsim-Caller"   // INVITE: "k/attempt", the caller's issue and attempt
	HeaderEvents   = "X-Ivrsim-Events"   // 200 OK: "info", progress reports will follow
	HeaderEvent    = "X-Ivrsim-Event"    // INFO: the progress event
	HeaderNode     = "X-Ivrsim-Node"     // INFO and BYE: the node
	HeaderOutcome  = "X-Ivrsim-Outcome"  // BYE: how the call ended
	HeaderPosition = "X-Ivrsim-Position" // INFO queued: place in line
	HeaderExpected = "X-Ivrsim-Expected-Wait"
	HeaderAssist   = "X-Ivrsim-Assist"
	HeaderTransfer = "X-Ivrsim-Transfer"
)

// Server answers SIP calls (UDP and TCP on one address) and runs each
// through a live IVR.
type Server struct {
	ivr  *live.IVR
	host string
	port int

	ua    *sipgo.UserAgent
	srv   *sipgo.Server
	cache *sipgo.DialogServerCache
	pump  *pump
	log   *slog.Logger

	legs  sync.Map // dialog ID → *serverLeg
	calls sync.WaitGroup
	// refuse, when set, answers every call with this status (tests of the
	// harness's failure handling).
	refuse int
}

// Listen opens addr (host:port; port 0 picks one) for SIP over UDP and
// TCP. Serve then answers calls until its context ends.
func Listen(ivr *live.IVR, addr string) (*Server, net.PacketConn, net.Listener, error) {
	_, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("listen address %q: %w", addr, err)
	}
	pc, err := net.ListenPacket("udp", addr)
	if err != nil {
		return nil, nil, nil, err
	}
	local := pc.LocalAddr().(*net.UDPAddr)
	if local.IP.IsUnspecified() {
		_ = pc.Close()
		return nil, nil, nil, fmt.Errorf("listen address %q: give the address callers reach (its IP goes into SDP and Contact), not a wildcard", addr)
	}
	host := local.IP.String() // a name resolved: SDP needs the address
	port := local.Port
	ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port)))
	if err != nil {
		_ = pc.Close()
		return nil, nil, nil, err
	}
	quietLibrary()
	s := &Server{ivr: ivr, host: host, port: port, pump: newPump(), log: slog.New(slog.DiscardHandler)}
	s.ua, _ = sipgo.NewUA(sipgo.WithUserAgent("ivrsim"), sipgo.WithUserAgentHostname(host))
	s.srv, _ = sipgo.NewServer(s.ua, sipgo.WithServerLogger(s.log))
	cli, _ := sipgo.NewClient(s.ua, sipgo.WithClientHostname(host), sipgo.WithClientLogger(s.log))
	s.cache = sipgo.NewDialogServerCache(cli, sip.ContactHeader{Address: sip.Uri{User: "ivr", Host: host, Port: port}})
	s.srv.OnInvite(s.onInvite)
	s.srv.OnAck(func(req *sip.Request, tx sip.ServerTransaction) { _ = s.cache.ReadAck(req, tx) })
	s.srv.OnBye(s.onBye)
	s.srv.OnInfo(s.onInfo)
	s.srv.OnOptions(func(req *sip.Request, tx sip.ServerTransaction) {
		_ = tx.Respond(sip.NewResponseFromRequest(req, sip.StatusOK, "OK", nil))
	})
	return s, pc, ln, nil
}

// Addr is the address the server answers on.
func (s *Server) Addr() string { return net.JoinHostPort(s.host, strconv.Itoa(s.port)) }

// Serve answers calls on pc and ln until ctx ends; it then ends every live
// call with BYE and returns once they are gone.
func (s *Server) Serve(ctx context.Context, pc net.PacketConn, ln net.Listener) error {
	go func() { _ = s.srv.ServeUDP(pc) }()
	go func() { _ = s.srv.ServeTCP(ln) }()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			s.shutdown()
			_ = pc.Close()
			_ = ln.Close()
			s.pump.close()
			return s.ua.Close()
		case <-tick.C:
			s.ivr.Tick()
		}
	}
}

func (s *Server) shutdown() {
	s.legs.Range(func(_, v any) bool {
		v.(*serverLeg).cancel()
		return true
	})
	done := make(chan struct{})
	go func() { s.calls.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
	}
}

// parseCaller reads an X-Ivrsim-Caller value, "k/attempt".
func parseCaller(v string) (live.CallerID, bool) {
	ks, as, ok := strings.Cut(strings.TrimSpace(v), "/")
	if !ok {
		return live.CallerID{}, false
	}
	k, err1 := strconv.ParseUint(ks, 10, 64)
	a, err2 := strconv.Atoi(as)
	if err1 != nil || err2 != nil || a < 0 || a > 255 {
		return live.CallerID{}, false
	}
	return live.CallerID{Index: k, Attempt: a, Known: true}, true
}

func (s *Server) onInvite(req *sip.Request, tx sip.ServerTransaction) {
	if _, err := sip.DialogIDFromRequestUAS(req); err == nil && req.To().Params.Has("tag") {
		// A re-INVITE: keep the session as it is.
		_ = tx.Respond(sip.NewResponseFromRequest(req, sip.StatusNotAcceptableHere, "Not Acceptable Here", nil))
		return
	}
	dlg, err := s.cache.ReadInvite(req, tx)
	if err != nil {
		_ = tx.Respond(sip.NewResponseFromRequest(req, sip.StatusBadRequest, err.Error(), nil))
		return
	}
	defer func() { _ = dlg.Close() }()
	offer, err := parseSDP(req.Body())
	if err != nil {
		_ = dlg.Respond(sip.StatusNotAcceptableHere, "Not Acceptable Here", nil, sip.NewHeader("Warning", `399 ivrsim "`+err.Error()+`"`))
		return
	}
	if s.refuse != 0 {
		_ = dlg.Respond(s.refuse, "Refused", nil)
		return
	}
	if !s.ivr.Admit() {
		_ = dlg.Respond(sip.StatusBusyHere, "Busy Here", nil)
		return
	}
	s.calls.Add(1)
	defer s.calls.Done()
	m, err := newMedia(s.host)
	if err != nil {
		s.ivr.Release()
		_ = dlg.Respond(sip.StatusServiceUnavailable, "Service Unavailable", nil)
		return
	}
	defer m.close()
	m.setRemote(offer.addr)
	m.setCodec(offer.pt, offer.evPT)
	id := live.CallerID{}
	events := false
	if h := req.GetHeader(HeaderCaller); h != nil {
		id, _ = parseCaller(h.Value())
		events = true
	}
	answer, err := offerSDP(s.host, m.port(), offer.pt, offer.evPT, true)
	if err != nil {
		s.ivr.Release()
		_ = dlg.Respond(sip.StatusInternalServerError, "Server Error", nil)
		return
	}
	_ = dlg.Respond(sip.StatusRinging, "Ringing", nil)
	ctx, cancel := context.WithCancel(context.Background())
	leg := &serverLeg{dlg: dlg, m: m, hung: make(chan struct{}), cancel: cancel,
		out: make(chan *sip.Request, 32), sent: make(chan struct{})}
	leg.events.Store(events)
	s.legs.Store(dlg.ID, leg)
	defer s.legs.Delete(dlg.ID)
	ok := sip.NewSDPResponseFromRequest(dlg.InviteRequest, answer)
	if events {
		ok.AppendHeader(sip.NewHeader(HeaderEvents, "info"))
	}
	// Audio starts with the answer, not with the ACK: a late ACK must not
	// leave the caller in silence.
	s.pump.add(m)
	defer s.pump.remove(m)
	if err := dlg.WriteResponse(ok); err != nil {
		s.ivr.Release()
		cancel()
		return
	}
	go leg.sender()
	s.ivr.Serve(ctx, leg, id)
	cancel()
	close(leg.out)
	<-leg.sent
}

func (s *Server) lookup(req *sip.Request) (*serverLeg, *sipgo.DialogServerSession) {
	dlg, err := s.cache.MatchDialogRequest(req)
	if err != nil {
		return nil, nil
	}
	v, ok := s.legs.Load(dlg.ID)
	if !ok {
		return nil, dlg
	}
	return v.(*serverLeg), dlg
}

func (s *Server) onBye(req *sip.Request, tx sip.ServerTransaction) {
	leg, dlg := s.lookup(req)
	if dlg == nil {
		_ = tx.Respond(sip.NewResponseFromRequest(req, sip.StatusCallTransactionDoesNotExists, "Call/Transaction Does Not Exist", nil))
		return
	}
	_ = dlg.ReadBye(req, tx)
	if leg != nil {
		leg.hangUp()
	}
}

// onInfo takes digits sent as SIP INFO: application/dtmf-relay
// ("Signal=5") or application/dtmf ("5").
func (s *Server) onInfo(req *sip.Request, tx sip.ServerTransaction) {
	leg, _ := s.lookup(req)
	if leg == nil {
		_ = tx.Respond(sip.NewResponseFromRequest(req, sip.StatusCallTransactionDoesNotExists, "Call/Transaction Does Not Exist", nil))
		return
	}
	_ = tx.Respond(sip.NewResponseFromRequest(req, sip.StatusOK, "OK", nil))
	if d, ok := infoDigit(req); ok {
		select {
		case leg.m.digits <- d:
		default:
		}
	}
}

// infoDigit reads the digit of a DTMF INFO body.
func infoDigit(req *sip.Request) (byte, bool) {
	body := strings.TrimSpace(string(req.Body()))
	ct := ""
	if h := req.ContentType(); h != nil {
		ct = strings.ToLower(h.Value())
	}
	if strings.HasPrefix(ct, "application/dtmf-relay") {
		for _, line := range strings.Split(body, "\n") {
			k, v, ok := strings.Cut(line, "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "signal") {
				body = strings.TrimSpace(v)
				break
			}
		}
	}
	if len(body) == 1 {
		if _, ok := dtmfEvent(body[0]); ok {
			return body[0], true
		}
	}
	return 0, false
}

// serverLeg is a live.Leg over a SIP dialog and its RTP stream.
type serverLeg struct {
	dlg    *sipgo.DialogServerSession
	m      *media
	hung   chan struct{}
	once   sync.Once
	cancel context.CancelFunc
	events atomic.Bool // the caller asked for progress reports
	out    chan *sip.Request
	sent   chan struct{}
}

func (l *serverLeg) hangUp() { l.once.Do(func() { close(l.hung) }) }

func (l *serverLeg) Audio(a live.Audio)      { l.m.audio.Store(uint32(a)) }
func (l *serverLeg) Digits() <-chan byte     { return l.m.digits }
func (l *serverLeg) HungUp() <-chan struct{} { return l.hung }

// Signal queues an INFO with the event for callers that asked for them.
func (l *serverLeg) Signal(ev live.Event) {
	if !l.events.Load() {
		return
	}
	req := sip.NewRequest(sip.INFO, l.dlg.InviteRequest.Contact().Address)
	req.AppendHeader(sip.NewHeader(HeaderEvent, ev.Kind.String()))
	req.AppendHeader(sip.NewHeader(HeaderNode, ev.Node))
	if ev.Kind == live.EventQueued {
		req.AppendHeader(sip.NewHeader(HeaderPosition, strconv.Itoa(ev.Position)))
		req.AppendHeader(sip.NewHeader(HeaderExpected, strconv.FormatFloat(ev.ExpectedWait, 'f', 3, 64)))
		if ev.Assist {
			req.AppendHeader(sip.NewHeader(HeaderAssist, "1"))
		}
		if ev.Transfer {
			req.AppendHeader(sip.NewHeader(HeaderTransfer, "1"))
		}
	}
	l.enqueue(req)
}

// End sends BYE saying where and how the call ended, after any INFO still
// queued.
func (l *serverLeg) End(node string, out live.Outcome) {
	bye := sip.NewRequest(sip.BYE, l.dlg.InviteRequest.Contact().Address)
	bye.SetTransport(l.dlg.InviteRequest.Transport())
	bye.AppendHeader(sip.NewHeader(HeaderNode, node))
	bye.AppendHeader(sip.NewHeader(HeaderOutcome, string(out)))
	l.enqueue(bye)
}

func (l *serverLeg) enqueue(req *sip.Request) {
	select {
	case l.out <- req:
	case <-l.hung:
	}
}

// sender sends the leg's in-dialog requests in order, each after the
// previous one's answer, so the caller sees events in order.
func (l *serverLeg) sender() {
	defer close(l.sent)
	for req := range l.out {
		select {
		case <-l.hung:
			continue
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if req.Method == sip.BYE {
			if err := l.dlg.WriteBye(ctx, req); err != nil && !errors.Is(err, context.Canceled) {
				l.hangUp()
			}
		} else if _, err := l.dlg.Do(ctx, req); err != nil {
			l.events.Store(false)
		}
		cancel()
	}
}
