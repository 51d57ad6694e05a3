package sipua

import (
	"errors"
	"math/rand/v2"
	"net"
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
	remote atomic.Pointer[net.UDPAddr]
	pt     uint8
	evPT   uint8 // the peer's telephone-event payload type, 0 for none

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
	m.pt, m.evPT = pt, evPT
	m.frames = frameSets[pt]
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
	if _, err := m.conn.WriteToUDP(m.buf[:b+n], to); err == nil {
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
	if m.evPT == 0 {
		return errNoEvents
	}
	const volume, duration = 10, 800 // −10 dBm0, 100 ms
	m.send(m.evPT, true, []byte{ev, volume, 0, frameSamples})
	end := []byte{ev, 0x80 | volume, duration >> 8, duration & 0xff}
	for range 3 {
		m.send(m.evPT, false, end)
	}
	m.ts += duration
	return nil
}

// read receives the peer's packets until the socket closes.
func (m *media) read() {
	buf := make([]byte, 1500)
	var p rtp.Packet
	for {
		n, from, err := m.conn.ReadFromUDP(buf)
		if err != nil {
			return
		}
		if m.remote.Load() == nil {
			m.remote.Store(from) // symmetric RTP when the SDP had no address yet
		}
		if p.Unmarshal(buf[:n]) != nil {
			continue
		}
		m.recv.Add(1)
		m.firstAudio.CompareAndSwap(0, time.Now().UnixNano())
		m.mu.Lock()
		evPT := m.evPT
		m.mu.Unlock()
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
		m.conn.Close()
	}
}

// pump sends every registered stream's next frame every 20 ms from one
// goroutine: far cheaper than a ticker per call.
type pump struct {
	mu      sync.Mutex
	streams map[*media]struct{}
	list    []*media
	stop    chan struct{}
	once    sync.Once
}

func newPump() *pump {
	p := &pump{streams: map[*media]struct{}{}, stop: make(chan struct{})}
	go p.run()
	return p
}

func (p *pump) add(m *media) {
	p.mu.Lock()
	p.streams[m] = struct{}{}
	p.mu.Unlock()
}

func (p *pump) remove(m *media) {
	p.mu.Lock()
	delete(p.streams, m)
	p.mu.Unlock()
}

func (p *pump) run() {
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
		}
		p.mu.Lock()
		p.list = p.list[:0]
		for m := range p.streams {
			p.list = append(p.list, m)
		}
		p.mu.Unlock()
		for _, m := range p.list {
			m.tick()
		}
	}
}

func (p *pump) close() { p.once.Do(func() { close(p.stop) }) }
