package sipua

import (
	"strings"
	"testing"

	"github.com/emiago/sipgo/sip"
)

func TestParseSDP(t *testing.T) {
	offer, err := offerSDP("127.0.0.1", 40000, 0, 0, false)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		body string
		pt   uint8
		evPT uint8
		port int
		err  string
	}{
		{name: "ours", body: string(offer), pt: ptPCMU, evPT: ptEvent, port: 40000},
		{name: "sipp pcma", body: "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 8 96\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:96 telephone-event/8000\r\n",
			pt: ptPCMA, evPT: 96, port: 6000},
		{name: "ipv6", body: "v=0\r\no=- 1 1 IN IP6 ::1\r\ns=-\r\nc=IN IP6 ::1\r\nt=0 0\r\nm=audio 7000 RTP/AVP 0\r\n", pt: ptPCMU, port: 7000},
		{name: "opus only", body: "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 111\r\na=rtpmap:111 opus/48000/2\r\n", err: "neither PCMU nor PCMA"},
		{name: "no address", body: "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\n", err: "no connection address"},
		{name: "video only", body: "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=video 6000 RTP/AVP 96\r\n", err: "no audio"},
		{name: "garbage", body: "hello", err: "SDP"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := parseSDP([]byte(tc.body))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.pt != tc.pt || r.evPT != tc.evPT || r.addr.Port != tc.port {
				t.Errorf("got pt %d, events %d, port %d; want %d, %d, %d", r.pt, r.evPT, r.addr.Port, tc.pt, tc.evPT, tc.port)
			}
		})
	}
}

func FuzzParseSDP(f *testing.F) {
	offer, _ := offerSDP("127.0.0.1", 40000, 0, 0, false)
	answer, _ := offerSDP("::1", 40002, ptPCMA, 96, true)
	f.Add(offer)
	f.Add(answer)
	f.Add([]byte("v=0\r\nm=audio 0 RTP/AVP\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := parseSDP(b)
		if err == nil && (r.addr == nil || (r.pt != ptPCMU && r.pt != ptPCMA) || r.evPT >= 128) {
			t.Fatalf("accepted %q as %+v", b, r)
		}
	})
}

func TestParseCaller(t *testing.T) {
	tests := []struct {
		in      string
		index   uint64
		attempt int
		ok      bool
	}{
		{"17/0", 17, 0, true},
		{" 5/2 ", 5, 2, true},
		{"5", 0, 0, false},
		{"5/-1", 0, 0, false},
		{"5/256", 0, 0, false},
		{"x/1", 0, 0, false},
	}
	for _, tc := range tests {
		id, ok := parseCaller(tc.in)
		if ok != tc.ok || (ok && (id.Index != tc.index || id.Attempt != tc.attempt || !id.Known)) {
			t.Errorf("%q: got %+v, %v", tc.in, id, ok)
		}
	}
}

func FuzzParseCaller(f *testing.F) {
	for _, s := range []string{"17/0", "5/2", "/", "18446744073709551615/255"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if id, ok := parseCaller(s); ok && (id.Attempt < 0 || id.Attempt > 255 || !id.Known) {
			t.Fatalf("%q parsed to %+v", s, id)
		}
	})
}

func infoRequest(contentType, body string) *sip.Request {
	req := sip.NewRequest(sip.INFO, sip.Uri{User: "ivr", Host: "127.0.0.1"})
	if contentType != "" {
		req.AppendHeader(sip.NewHeader("Content-Type", contentType))
	}
	req.SetBody([]byte(body))
	return req
}

func TestInfoDigit(t *testing.T) {
	tests := []struct {
		ct, body string
		want     byte
		ok       bool
	}{
		{"application/dtmf-relay", "Signal=5\r\nDuration=160\r\n", '5', true},
		{"application/dtmf-relay", "signal = #\r\n", '#', true},
		{"application/dtmf", "7", '7', true},
		{"application/dtmf-relay", "Signal=A\r\n", 0, false},
		{"application/dtmf-relay", "Duration=160\r\n", 0, false},
		{"text/plain", "hello", 0, false},
	}
	for _, tc := range tests {
		d, ok := infoDigit(infoRequest(tc.ct, tc.body))
		if d != tc.want || ok != tc.ok {
			t.Errorf("%s %q: got %q %v, want %q %v", tc.ct, tc.body, d, ok, tc.want, tc.ok)
		}
	}
}

func FuzzInfoDigit(f *testing.F) {
	f.Add("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n")
	f.Add("application/dtmf", "*")
	f.Fuzz(func(t *testing.T, ct, body string) {
		if d, ok := infoDigit(infoRequest(ct, body)); ok {
			if _, valid := dtmfEvent(d); !valid {
				t.Fatalf("%q %q gave non-DTMF %q", ct, body, d)
			}
		}
	})
}

func TestParseTarget(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"sip:ivr@127.0.0.1:5070", true},
		{"sip:ivr@[::1]:5070", true},
		{"sip:ivr@example.net", true},
		{"sips:ivr@127.0.0.1:5061", false},
		{"tel:+15551234", false},
		{"127.0.0.1:5070", false},
		{"sip:", false},
	} {
		if _, err := ParseTarget(tc.in); (err == nil) != tc.ok {
			t.Errorf("%q: error %v, want ok=%v", tc.in, err, tc.ok)
		}
	}
}

func FuzzParseTarget(f *testing.F) {
	f.Add("sip:ivr@127.0.0.1:5070")
	f.Add("sip:@:")
	f.Fuzz(func(t *testing.T, s string) {
		if u, err := ParseTarget(s); err == nil && u.Host == "" {
			t.Fatalf("%q accepted without a host", s)
		}
	})
}

// TestG711 checks the encoders on the values G.711 defines: silence, and
// the sign and monotony of the encoding.
func TestG711(t *testing.T) {
	if linearToULaw(0) != 0xff || linearToALaw(0) != 0xd5 {
		t.Errorf("silence encodes as %#x (μ-law) and %#x (A-law), want 0xff and 0xd5", linearToULaw(0), linearToALaw(0))
	}
	if linearToULaw(32767) != 0x80 || linearToULaw(-32768) != 0x00 {
		t.Errorf("μ-law full scale: %#x, %#x; want 0x80, 0x00", linearToULaw(32767), linearToULaw(-32768))
	}
	if linearToALaw(32767) != 0xaa || linearToALaw(-32768) != 0x2a {
		t.Errorf("A-law full scale: %#x, %#x; want 0xaa, 0x2a", linearToALaw(32767), linearToALaw(-32768))
	}
	// μ-law codes fall as positive samples grow (the code is inverted).
	prev := 256
	for x := 0; x <= 32767; x += 97 {
		c := int(linearToULaw(int16(x)))
		if c > prev {
			t.Fatalf("μ-law code rises at %d", x)
		}
		prev = c
	}
}
