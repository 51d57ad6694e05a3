package sipua

import (
	"fmt"
	"math/rand/v2"
	"net"
	"strconv"
	"strings"

	"github.com/pion/sdp/v3"
)

// offerSDP describes an audio stream at host:port offering PCMU, PCMA and
// telephone-events, or, as an answer, the codec pt and event type evPT
// chosen from an offer (evPT 0: none).
func offerSDP(host string, port int, pt, evPT uint8, answer bool) ([]byte, error) {
	addrType := "IP4"
	if ip := net.ParseIP(host); ip != nil && ip.To4() == nil {
		addrType = "IP6"
	}
	formats := []string{"0", "8", strconv.Itoa(ptEvent)}
	attrs := []sdp.Attribute{
		{Key: "rtpmap", Value: "0 PCMU/8000"},
		{Key: "rtpmap", Value: "8 PCMA/8000"},
		{Key: "rtpmap", Value: fmt.Sprintf("%d telephone-event/8000", ptEvent)},
		{Key: "fmtp", Value: fmt.Sprintf("%d 0-16", ptEvent)},
	}
	if answer {
		codec := map[uint8]string{ptPCMU: "PCMU", ptPCMA: "PCMA"}[pt]
		formats = []string{strconv.Itoa(int(pt))}
		attrs = []sdp.Attribute{{Key: "rtpmap", Value: fmt.Sprintf("%d %s/8000", pt, codec)}}
		if evPT != 0 {
			formats = append(formats, strconv.Itoa(int(evPT)))
			attrs = append(attrs,
				sdp.Attribute{Key: "rtpmap", Value: fmt.Sprintf("%d telephone-event/8000", evPT)},
				sdp.Attribute{Key: "fmtp", Value: fmt.Sprintf("%d 0-16", evPT)})
		}
	}
	attrs = append(attrs, sdp.Attribute{Key: "ptime", Value: "20"}, sdp.Attribute{Key: "sendrecv"})
	id := rand.Uint64() >> 2
	d := sdp.SessionDescription{
		Origin: sdp.Origin{Username: "ivrsim", SessionID: id, SessionVersion: id,
			NetworkType: "IN", AddressType: addrType, UnicastAddress: host},
		SessionName:           "ivrsim",
		ConnectionInformation: &sdp.ConnectionInformation{NetworkType: "IN", AddressType: addrType, Address: &sdp.Address{Address: host}},
		TimeDescriptions:      []sdp.TimeDescription{{}},
		MediaDescriptions: []*sdp.MediaDescription{{
			MediaName: sdp.MediaName{Media: "audio", Port: sdp.RangedPort{Value: port},
				Protos: []string{"RTP", "AVP"}, Formats: formats},
			Attributes: attrs,
		}},
	}
	return d.Marshal()
}

// remoteMedia is what an offer or answer says of the peer's stream.
type remoteMedia struct {
	addr *net.UDPAddr
	pt   uint8 // the first of PCMU/PCMA the peer lists
	evPT uint8 // its telephone-event type, 0 for none
}

// parseSDP reads the peer's audio stream from an SDP body.
func parseSDP(body []byte) (remoteMedia, error) {
	var d sdp.SessionDescription
	if err := d.Unmarshal(body); err != nil {
		return remoteMedia{}, fmt.Errorf("SDP: %w", err)
	}
	for _, md := range d.MediaDescriptions {
		if md.MediaName.Media != "audio" {
			continue
		}
		conn := d.ConnectionInformation
		if md.ConnectionInformation != nil {
			conn = md.ConnectionInformation
		}
		if conn == nil || conn.Address == nil {
			return remoteMedia{}, fmt.Errorf("SDP: no connection address")
		}
		ip := net.ParseIP(conn.Address.Address)
		if ip == nil {
			return remoteMedia{}, fmt.Errorf("SDP: connection address %q is not an IP address", conn.Address.Address)
		}
		r := remoteMedia{addr: &net.UDPAddr{IP: ip, Port: md.MediaName.Port.Value}, pt: 255}
		for _, f := range md.MediaName.Formats {
			if n, err := strconv.Atoi(f); err == nil && (n == ptPCMU || n == ptPCMA) && r.pt == 255 {
				r.pt = uint8(n)
			}
		}
		for _, a := range md.Attributes {
			if a.Key != "rtpmap" {
				continue
			}
			num, codec, ok := strings.Cut(a.Value, " ")
			if n, err := strconv.Atoi(num); ok && err == nil && strings.HasPrefix(strings.ToLower(codec), "telephone-event/") && n > 0 && n < 128 {
				r.evPT = uint8(n)
			}
		}
		if r.pt == 255 {
			return remoteMedia{}, fmt.Errorf("SDP: the peer offers neither PCMU nor PCMA")
		}
		return r, nil
	}
	return remoteMedia{}, fmt.Errorf("SDP: no audio stream")
}
