package sipua

import (
	"errors"
	"math/rand/v2"
	"net"
	"net/netip"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ivrsim/ivrsim/sim/live"
	"github.com/pion/rtp"
)

// media is one call's RTP stream: a UDP socket of its own, frames sent by
// the shared pump every 20 ms, and a reader that reports first audio and
// received digits.
type media struct {
	conn   *net.UDPConn
	remote atomic.Pointer[netip.AddrPort]
	pt     uint8
	evPT   atomic.Uint32 // the peer's telephone-event payload type, 0 for none

	mu    sync.Mutex // guards the sequence, timestamp and packet buffer
	ssrc  uint32
	seq   uint16
	ts    uint32
	buf   []byte
	audio atomic.Uint32 // live.Audio being sent

	firstAudio atomic.Int64 // unix nanoseconds of the first packet received, 0 before
	digits     chan byte
	lastEvent  uint32 // timestamp of the last telephone-event seen
	haveEvent  bool
	frames     *[4][]byte
	sent, recv atomic.Int64
	closed     atomic.Bool
}

// frameSets holds the frames of each live.Audio for PCMU and PCMA.
var frameSets = func() map[uint8]*[4][]byte {
	m := map[uint8]*[4][]byte{}
	for _, pt := range []uint8{ptPCMU, ptPCMA} {
		m[pt] = &[4][]byte{
			live.AudioSilence: toneFrame(pt, 0, 0),
			live.AudioPrompt:  toneFrame(pt, 400, 6000),
			live.AudioHold:    toneFrame(pt, 500, 3000),
			live.AudioAgent:   toneFrame(pt, 200, 5000),
		}
	}
	return m
}()

// newMedia opens an RTP socket on host (an IP address).
func newMedia(host string) (*media, error) {
	conn, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.ParseIP(host)})
	if err != nil {
		return nil, err
	}
	m := &media{conn: conn, pt: ptPCMU, ssrc: rand.Uint32(), seq: uint16(rand.Uint32()), ts: rand.Uint32(),
		digits: make(chan byte, 16), buf: make([]byte, 0, 256)}
	m.frames = frameSets[ptPCMU]
	go m.read()
	return m, nil
}

// port is the local RTP port.
func (m *media) port() int { return m.conn.LocalAddr().(*net.UDPAddr).Port }

// setCodec picks the payload types negotiated.
func (m *media) setCodec(pt, evPT uint8) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pt = pt
	m.evPT.Store(uint32(evPT))
	m.frames = frameSets[pt]
}

// setRemote sets where the stream's packets go.
func (m *media) setRemote(a *net.UDPAddr) {
	ap := a.AddrPort()
	ap = netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port())
	m.remote.Store(&ap)
}

// send writes one RTP packet; the caller holds m.mu.
func (m *media) send(pt uint8, marker bool, payload []byte) {
	to := m.remote.Load()
	if to == nil || m.closed.Load() {
		return
	}
	p := rtp.Packet{Header: rtp.Header{Version: 2, Marker: marker, PayloadType: pt,
		SequenceNumber: m.seq, Timestamp: m.ts, SSRC: m.ssrc}, Payload: payload}
	m.seq++
	b, err := p.Header.MarshalTo(m.buf[:cap(m.buf)])
	if err != nil {
		return
	}
	n := copy(m.buf[b:cap(m.buf)], payload)
	if _, err := m.conn.WriteToUDPAddrPort(m.buf[:b+n], *to); err == nil {
		m.sent.Add(1)
	}
}

// tick sends the next 20 ms audio frame.
func (m *media) tick() {
	m.mu.Lock()
	m.send(m.pt, false, m.frames[m.audio.Load()])
	m.ts += frameSamples
	m.mu.Unlock()
}

// dtmfEvents maps digits to RFC 4733 event codes.
func dtmfEvent(d byte) (byte, bool) {
	switch {
	case d >= '0' && d <= '9':
		return d - '0', true
	case d == '*':
		return 10, true
	case d == '#':
		return 11, true
	}
	return 0, false
}

func eventDigit(e byte) (byte, bool) {
	switch {
	case e <= 9:
		return '0' + e, true
	case e == 10:
		return '*', true
	case e == 11:
		return '#', true
	}
	return 0, false
}

var errNoEvents = errors.New("the peer accepts no telephone-events")

// pressEvent sends digit d as an RFC 4733 telephone-event: a start packet
// and three end packets (the end is sent redundantly as the RFC advises),
// all with the event's timestamp. Receivers act on the start, so a digit
// costs no scaled time.
func (m *media) pressEvent(d byte) error {
	ev, ok := dtmfEvent(d)
	if !ok {
		return errors.New("not a DTMF digit: " + string(d))
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	evPT := uint8(m.evPT.Load())
	if evPT == 0 {
		return errNoEvents
	}
	const volume, duration = 10, 800 // −10 dBm0, 100 ms
	m.send(evPT, true, []byte{ev, volume, 0, frameSamples})
	end := []byte{ev, 0x80 | volume, duration >> 8, duration & 0xff}
	for range 3 {
		m.send(evPT, false, end)
	}
	m.ts += duration
	return nil
}

// read receives the peer's packets until the socket closes.
func (m *media) read() {
	buf := make([]byte, 1500)
	var p rtp.Packet
	for {
		n, from, err := m.conn.ReadFromUDPAddrPort(buf)
		if err != nil {
			return
		}
		if m.remote.Load() == nil {
			from = netip.AddrPortFrom(from.Addr().Unmap(), from.Port())
			m.remote.Store(&from) // symmetric RTP when the SDP had no address yet
		}
		if p.Unmarshal(buf[:n]) != nil {
			continue
		}
		m.recv.Add(1)
		m.firstAudio.CompareAndSwap(0, time.Now().UnixNano())
		evPT := uint8(m.evPT.Load())
		if evPT == 0 || p.PayloadType != evPT || len(p.Payload) < 4 {
			continue
		}
		if m.haveEvent && p.Timestamp == m.lastEvent {
			continue // the same event again: update or end
		}
		m.haveEvent, m.lastEvent = true, p.Timestamp
		if d, ok := eventDigit(p.Payload[0]); ok {
			select {
			case m.digits <- d:
			default:
			}
		}
	}
}

func (m *media) close() {
	if m.closed.CompareAndSwap(false, true) {
		_ = m.conn.Close()
	}
}

// pump sends every registered stream's frames from a few goroutines (one
// per CPU), far cheaper than a ticker per call. Each stream is paced by its
// own clock: a round that runs late sends the frames that fell due, so the
// rate holds at 50 frames a second while the machine keeps up.
type pump struct {
	shards []*pumpShard
	stop   chan struct{}
	once   sync.Once
}

type pumpShard struct {
	mu      sync.Mutex
	streams map[*media]time.Time // next frame due
	list    []*media
}

const frameTime = 20 * time.Millisecond

// framesBehindMax bounds the catch-up of one stream after a stall: audio
// that late is skipped, as a real endpoint would.
const framesBehindMax = 5

func newPump() *pump {
	p := &pump{stop: make(chan struct{})}
	for range max(1, runtime.GOMAXPROCS(0)) {
		sh := &pumpShard{streams: map[*media]time.Time{}}
		p.shards = append(p.shards, sh)
		go p.run(sh)
	}
	return p
}

func (p *pump) shardOf(m *media) *pumpShard { return p.shards[int(m.ssrc)%len(p.shards)] }

func (p *pump) add(m *media) {
	sh := p.shardOf(m)
	sh.mu.Lock()
	sh.streams[m] = time.Now()
	sh.mu.Unlock()
}

func (p *pump) remove(m *media) {
	sh := p.shardOf(m)
	sh.mu.Lock()
	delete(sh.streams, m)
	sh.mu.Unlock()
}

func (p *pump) run(sh *pumpShard) {
	t := time.NewTicker(frameTime / 2)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
		}
		now := time.Now()
		sh.mu.Lock()
		sh.list = sh.list[:0]
		for m, due := range sh.streams {
			if !due.After(now) {
				sh.list = append(sh.list, m)
				if behind := now.Sub(due); behind > framesBehindMax*frameTime {
					due = now.Add(-framesBehindMax * frameTime)
				}
				sh.streams[m] = due.Add(frameTime)
			}
		}
		sh.mu.Unlock()
		for _, m := range sh.list {
			m.tick()
		}
	}
}

func (p *pump) close() { p.once.Do(func() { close(p.stop) }) }
