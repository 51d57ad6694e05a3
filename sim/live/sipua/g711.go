package sipua

import "math"

// Payload types of the audio codecs offered and accepted (RFC 3551).
const (
	ptPCMU = 0
	ptPCMA = 8
	// ptEvent is the dynamic payload type offered for telephone-events.
	ptEvent = 101
)

const (
	sampleRate   = 8000
	frameSamples = 160 // 20 ms
)

// linearToULaw encodes one 16-bit sample as G.711 μ-law.
func linearToULaw(x int16) byte {
	const bias, clip = 0x84, 32635
	s := int(x)
	sign := 0
	if s < 0 {
		s, sign = -s, 0x80
	}
	s = min(s, clip) + bias
	exp := 7
	for mask := 0x4000; s&mask == 0 && exp > 0; mask >>= 1 {
		exp--
	}
	mant := (s >> (exp + 3)) & 0x0f
	return ^byte(sign | exp<<4 | mant)
}

// linearToALaw encodes one 16-bit sample as G.711 A-law.
func linearToALaw(x int16) byte {
	s := int(x) >> 3 // 13-bit magnitude
	sign := 0x80
	if s < 0 {
		s, sign = -s-1, 0
	}
	s = min(s, 0xfff)
	var out int
	if s < 32 {
		out = s >> 1
	} else {
		exp := 1
		for v := s >> 5; v > 1; v >>= 1 {
			exp++
		}
		out = exp<<4 | (s>>exp)&0x0f
	}
	return byte((out | sign) ^ 0x55)
}

// toneFrame is one 20 ms frame of a sine at freq Hz (a divisor of the
// frame rate so frames repeat seamlessly), encoded for payload type pt.
func toneFrame(pt uint8, freq, amp float64) []byte {
	f := make([]byte, frameSamples)
	for i := range f {
		v := int16(amp * math.Sin(2*math.Pi*freq*float64(i)/sampleRate))
		if pt == ptPCMA {
			f[i] = linearToALaw(v)
		} else {
			f[i] = linearToULaw(v)
		}
	}
	return f
}
