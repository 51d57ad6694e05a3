package sim

import "math/rand/v2"

// purpose names what a random draw is for. Draws for different purposes
// come from independent streams, so adding a draw for one purpose never
// shifts the values of another: customer k has the same patience whichever
// design they call, and paired comparisons between designs cancel most of
// the noise (common random numbers).
type purpose uint64

const (
	pArrivals purpose = iota + 1
	pDayBusyness
	pIntervalBusyness
	pCustomer
	pSegment
	pIntent
	pPatience
	pHandle
	pWrapup
	pResolution
	pRedialDecide
	pRedialDelay
	pStep
	pMenu
	pEngage
	pAutomation
	pAutomationTime
	pBalk
	pCallback
	pMisroute
	pIVRPatience
)

// mix is the SplitMix64 finaliser: a bijection that spreads every input bit
// over the output, so nearby keys give unrelated streams.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// streams hands out random generators keyed by (identity, purpose, index)
// within one replication. A generator is re-seeded on every request, so
// draws depend only on their key, never on the order events happen in.
type streams struct {
	base uint64
	pcg  rand.PCG
	r    *rand.Rand
}

func newStreams(seed uint64, replication int) *streams {
	s := &streams{base: mix(mix(seed) ^ mix(uint64(replication)+0x5851f42d4c957f2d))}
	s.r = rand.New(&s.pcg)
	return s
}

// key is the stream key of an identity in this replication. A contact
// computes its key once; every draw then costs one mix.
func (s *streams) key(identity uint64) uint64 {
	return mix(s.base ^ mix(identity))
}

// at returns the generator for (key, purpose, index), valid until the
// next call to at.
func (s *streams) at(key uint64, p purpose, index uint64) *rand.Rand {
	s.pcg.Seed(key, mix(key^uint64(p)<<40^index))
	return s.r
}

// uniform is a single U[0,1) draw for (key, purpose, index), cheaper than
// at(...).Float64().
func (s *streams) uniform(key uint64, p purpose, index uint64) float64 {
	x := mix(key ^ uint64(p)<<40 ^ index)
	return float64(x>>11) * 0x1p-53
}

// sequential returns an independent generator for a purpose drawn in
// sequence (the arrival process), owned by the caller.
func (s *streams) sequential(p purpose) *rand.Rand {
	hi := mix(s.base ^ uint64(p)<<32)
	return rand.New(rand.NewPCG(hi, mix(hi)))
}
