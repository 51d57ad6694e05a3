package models_test

import (
	"fmt"

	"github.com/ivrsim/ivrsim/models"
)

func ExampleErlangB() {
	// 10 Erlangs of traffic on 10 trunks.
	fmt.Printf("blocking: %.4f\n", models.ErlangB(10, 10))
	// Output:
	// blocking: 0.2146
}

func ExampleErlangC() {
	// 2 Erlangs on 3 agents: 4 calls in 9 wait.
	fmt.Printf("P(wait): %.4f\n", models.ErlangC(2, 3))
	// Output:
	// P(wait): 0.4444
}

func ExampleErlangCPerformance() {
	// 100 calls per half hour, 3-minute handle time, 14 agents.
	rate, _ := models.ParseRate("100/30m")
	aht, _ := models.ParseDuration("3m")
	p := models.ErlangCPerformance(rate, aht, 14, 20)
	fmt.Printf("load %.0f E, P(wait) %.1f%%, ASA %.1fs, %.1f%% answered within 20s, occupancy %.1f%%\n",
		p.Load, 100*p.PWait, p.ASA, 100*p.ServiceLevel, 100*p.Occupancy)

	// With 10 agents the queue cannot keep up.
	u := models.ErlangCPerformance(rate, aht, 10, 20)
	fmt.Println("stable:", u.Stable, "ASA:", u.ASA)
	// Output:
	// load 10 E, P(wait) 17.4%, ASA 7.8s, 88.8% answered within 20s, occupancy 71.4%
	// stable: false ASA: +Inf
}

func ExampleErlangAPerformance() {
	// The same calls, but callers hang up after two minutes on average.
	p := models.ErlangAPerformance(100.0/1800, 180, 120, 10, 20)
	fmt.Printf("P(wait) %.1f%%, abandoned %.1f%%, ASA %.1fs, %.1f%% answered within 20s, occupancy %.1f%%\n",
		100*p.PWait, 100*p.PAbandon, p.ASA, 100*p.ServiceLevel, 100*p.Occupancy)
	// Output:
	// P(wait) 49.7%, abandoned 13.7%, ASA 14.6s, 64.0% answered within 20s, occupancy 86.3%
}

func ExampleStaffErlangC() {
	// results.ParseTarget reads "service_level(20s) >= 80%" into this.
	target := models.Target{Metric: models.MetricServiceLevel, Op: ">=", Value: 0.8, Within: 20}
	agents, err := models.StaffErlangC(100.0/1800, 180, target)
	if err != nil {
		panic(err)
	}
	p := models.ErlangCPerformance(100.0/1800, 180, agents, target.Within)
	fmt.Printf("%d agents answer %.1f%% within 20s\n", agents, 100*p.ServiceLevel)
	// Output:
	// 14 agents answer 88.8% within 20s
}

func ExampleStaffErlangA() {
	target := models.Target{Metric: models.MetricAbandonRate, Op: "<=", Value: 0.05}
	agents, err := models.StaffErlangA(100.0/1800, 180, 120, target)
	if err != nil {
		panic(err)
	}
	p := models.ErlangAPerformance(100.0/1800, 180, 120, agents, 20)
	fmt.Printf("%d agents: %.1f%% abandon\n", agents, 100*p.PAbandon)
	// Output:
	// 13 agents: 3.8% abandon
}

func ExampleStaffErlangB() {
	target := models.Target{Metric: models.MetricBlockedRate, Op: "<=", Value: 0.01}
	lines, _ := models.StaffErlangB(10, target)
	fmt.Println(lines, "lines")
	// Output:
	// 18 lines
}
