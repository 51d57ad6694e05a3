package fit

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/ivrsim/ivrsim/models"
	"github.com/ivrsim/ivrsim/scenarios/cdr"
)

// ShapeDistance is the total variation distance between a weekday's
// daily shape (its share of calls per interval) and the main weekdays'
// above which the weekday gets a profile of its own: a day on which more
// than a quarter of the calls would have to move to another interval to match
// is a different kind of day (a short Friday, an evening-only Saturday),
// not a noisy usual one.
const ShapeDistance = 0.25

// Arrivals is the fitted arrival process.
type Arrivals struct {
	// Observed, Redials and Fresh are per cell (day × interval of the
	// day): contacts recorded, redials the fitted model expects, and the
	// difference, the fresh issues the profile describes.
	Observed, Redials, Fresh []float64
	// Main lists the weekdays that share the profile; MainDays counts
	// their days.
	Main     []time.Weekday
	MainDays int
	// Profile is the mean fresh contacts per interval of the main days,
	// over the window.
	Profile []float64
	// Weekdays holds each weekday present in the records.
	Weekdays map[time.Weekday]*WeekdayFit
	// Daily and Interval are the over-dispersion of daily totals around
	// their weekday's mean, and of interval counts around their day's
	// shape.
	Daily, Interval models.Dispersion
	DailyErr        error
	IntervalErr     error
	// Outliers are the intervals far outside the fitted spread (an
	// incident, a mass outage): left out of the over-dispersion, and
	// replaced by their expected count in the profile.
	Outliers []Outlier
	// Noise is the shape distance two weekdays' profiles would show from
	// sampling noise alone, at the main weekday's volume.
	Noise float64
}

// Outlier is one interval far outside the spread the fit expects.
type Outlier struct {
	Cell               int
	Observed, Expected float64
}

// OutlierSD is how many standard deviations from its expected count make
// an interval an outlier.
const OutlierSD = 5

// WeekdayFit is what the records say about one day of the week.
type WeekdayFit struct {
	Days int
	// Mean is the mean fresh contacts a day; Factor it over the main
	// days' mean, with its standard error.
	Mean, Factor, FactorSE float64
	// Distance is the total variation distance of its shape from the
	// main weekdays'.
	Distance float64
	// Profile is the weekday's own profile (mean fresh per interval over
	// the window) when its shape differs; nil when it shares the main one.
	Profile []float64
}

// fitArrivals estimates the profile, weekday factors and profiles, and
// over-dispersion.
func (m *Model) fitArrivals(recs []cdr.Record) error {
	a := &m.Arrivals
	n := m.Days * m.PerDay
	a.Observed = make([]float64, n)
	lo, hi := m.PerDay, -1
	for i := range recs {
		k := m.cell(m.seconds(recs[i].Arrival))
		if k < 0 {
			continue
		}
		a.Observed[k]++
		lo, hi = min(lo, k%m.PerDay), max(hi, k%m.PerDay)
	}
	if hi < 0 {
		return fmt.Errorf("no record arrives within the dates fitted")
	}
	m.First, m.Window = lo, hi-lo+1
	a.Redials = m.expectedRedials(recs)
	a.Fresh = make([]float64, n)
	for k := range a.Fresh {
		a.Fresh[k] = math.Max(0, a.Observed[k]-a.Redials[k])
	}
	sums := m.weekdaySums(a.Fresh)
	if len(a.Weekdays) == 0 {
		return fmt.Errorf("no contact in the dates fitted")
	}
	m.groupWeekdays(sums)

	expected := m.fitDispersion()
	if len(a.Outliers) > 0 {
		for _, o := range a.Outliers {
			a.Fresh[o.Cell] = math.Max(0, expected[o.Cell]-a.Redials[o.Cell])
		}
		sums = m.weekdaySums(a.Fresh)
	}
	mainSum := make([]float64, m.Window)
	for wd, w := range a.Weekdays {
		w.Mean = total(sums[wd]) / float64(w.Days)
		if slices.Contains(a.Main, wd) {
			for i, v := range sums[wd] {
				mainSum[i] += v
			}
		} else {
			w.Profile = scale(sums[wd], 1/float64(w.Days))
		}
	}
	a.Profile = scale(mainSum, 1/float64(a.MainDays))
	mainMean := total(a.Profile)
	cv := a.Daily.CV
	for _, wd := range a.Main {
		w := a.Weekdays[wd]
		w.Factor = w.Mean / mainMean
		// The weekday's mean of w.Days daily totals, each with variance
		// μ + c²μ² (negative binomial), against the main mean taken as
		// known.
		mu := w.Mean
		w.FactorSE = math.Sqrt((mu+cv*cv*mu*mu)/float64(w.Days)) / mainMean
	}
	return nil
}

// weekdaySums adds up cells per weekday over the window, counting the
// days of each weekday with any contact (a day without is closed and says
// nothing about its weekday).
func (m *Model) weekdaySums(cells []float64) map[time.Weekday][]float64 {
	a := &m.Arrivals
	if a.Weekdays == nil {
		a.Weekdays = map[time.Weekday]*WeekdayFit{}
	}
	days := map[time.Weekday]int{}
	sums := map[time.Weekday][]float64{}
	for d := range m.Days {
		if m.dayTotal(a.Observed, d) == 0 {
			continue
		}
		wd := m.weekday(d)
		if sums[wd] == nil {
			sums[wd] = make([]float64, m.Window)
		}
		days[wd]++
		for i := range m.Window {
			sums[wd][i] += cells[d*m.PerDay+m.First+i]
		}
	}
	for wd, n := range days {
		if a.Weekdays[wd] == nil {
			a.Weekdays[wd] = &WeekdayFit{}
		}
		a.Weekdays[wd].Days = n
	}
	return sums
}

// groupWeekdays sets apart the weekdays whose daily shape differs from the
// busiest weekday's by more than ShapeDistance, or than twice what Poisson
// noise alone would give; the others are the main weekdays.
func (m *Model) groupWeekdays(sums map[time.Weekday][]float64) {
	a := &m.Arrivals
	seed, best := time.Sunday, -1.0
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if w := a.Weekdays[wd]; w != nil {
			if mean := total(sums[wd]) / float64(w.Days); mean > best {
				seed, best = wd, mean
			}
		}
	}
	seedShape := shape(sums[seed])
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		w := a.Weekdays[wd]
		if w == nil {
			continue
		}
		w.Distance = tvDistance(shape(sums[wd]), seedShape)
		// Each share's difference has sd √(p·(1/n₁ + 1/n₂)) for Poisson
		// counts, and E|X| = sd·√(2/π).
		noise := 0.0
		n1, n2 := total(sums[wd]), total(sums[seed])
		for _, p := range seedShape {
			if n1 > 0 && n2 > 0 {
				noise += math.Sqrt(2/math.Pi) * math.Sqrt(p*(1/n1+1/n2)) / 2
			}
		}
		if wd == seed {
			a.Noise = noise
		}
		if w.Distance > max(ShapeDistance, 2*noise) {
			continue
		}
		a.Main = append(a.Main, wd)
		a.MainDays += w.Days
	}
}

// fitDispersion estimates the over-dispersion of daily totals around
// their weekday's mean, and of interval counts around their day's shape,
// on the contacts recorded (redials included). Intervals more than
// OutlierSD standard deviations from their expected count are set apart as
// outliers and the estimate repeated without them. It returns the expected
// count of every cell.
func (m *Model) fitDispersion() []float64 {
	a := &m.Arrivals
	type dayInfo struct {
		d     int
		wd    time.Weekday
		total float64
	}
	var days []dayInfo
	means := map[time.Weekday]float64{}
	counts := map[time.Weekday]int{}
	// Shapes by kind of day: the main weekdays pooled (-1), the others
	// each their own.
	kind := func(wd time.Weekday) int {
		if slices.Contains(a.Main, wd) {
			return -1
		}
		return int(wd)
	}
	shapes := map[int][]float64{}
	for d := range m.Days {
		t := m.dayTotal(a.Observed, d)
		if t == 0 {
			continue
		}
		wd := m.weekday(d)
		days = append(days, dayInfo{d, wd, t})
		means[wd] += t
		counts[wd]++
		if shapes[kind(wd)] == nil {
			shapes[kind(wd)] = make([]float64, m.Window)
		}
		for i := range m.Window {
			shapes[kind(wd)][i] += a.Observed[d*m.PerDay+m.First+i]
		}
	}
	var obs, exp []float64
	for _, d := range days {
		obs = append(obs, d.total)
		exp = append(exp, means[d.wd]/float64(counts[d.wd]))
	}
	a.Daily, a.DailyErr = models.OverdispersionCV(obs, exp, len(means))

	// Intervals: each day's total spread by its weekday's shape; cells
	// expecting fewer than 5 contacts say little and are left out.
	for wd := range shapes {
		shapes[wd] = shape(shapes[wd])
	}
	expected := make([]float64, len(a.Observed))
	for _, d := range days {
		sh := shapes[kind(d.wd)]
		for i := range m.Window {
			expected[d.d*m.PerDay+m.First+i] = d.total * sh[i]
		}
	}
	params := len(shapes)*(m.Window-1) + len(days)
	outlier := map[int]bool{}
	for range 5 {
		var cellsKept []int
		obs, exp = obs[:0], exp[:0]
		for _, d := range days {
			for i := range m.Window {
				k := d.d*m.PerDay + m.First + i
				if expected[k] < 5 || outlier[k] {
					continue
				}
				obs = append(obs, a.Observed[k])
				exp = append(exp, expected[k])
				cellsKept = append(cellsKept, k)
			}
		}
		// The shapes and day totals are estimated from these same counts;
		// the parameters count against the cells kept in proportion.
		kept := float64(len(obs)) / float64(max(1, len(days)*m.Window))
		a.Interval, a.IntervalErr = models.OverdispersionCV(obs, exp, int(math.Round(float64(params)*kept)))
		if a.IntervalErr != nil {
			break
		}
		c2 := a.Interval.CV * a.Interval.CV
		found := false
		for j, k := range cellsKept {
			if sd := math.Sqrt(exp[j] + c2*exp[j]*exp[j]); math.Abs(obs[j]-exp[j]) > OutlierSD*sd {
				outlier[k] = true
				found = true
			}
		}
		if !found {
			break
		}
	}
	a.Outliers = nil
	for _, k := range sortedInts(outlier) {
		a.Outliers = append(a.Outliers, Outlier{Cell: k, Observed: a.Observed[k], Expected: expected[k]})
	}
	return expected
}

func sortedInts(m map[int]bool) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func (m *Model) dayTotal(cells []float64, d int) float64 {
	return total(cells[d*m.PerDay : (d+1)*m.PerDay])
}

func total(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

func scale(xs []float64, f float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = x * f
	}
	return out
}

// shape is xs as shares of their total.
func shape(xs []float64) []float64 {
	t := total(xs)
	if t == 0 {
		return make([]float64, len(xs))
	}
	return scale(xs, 1/t)
}

// tvDistance is the total variation distance between two shapes: the share
// of one that must move to make it the other.
func tvDistance(a, b []float64) float64 {
	d := 0.0
	for i := range a {
		d += math.Abs(a[i] - b[i])
	}
	return d / 2
}
