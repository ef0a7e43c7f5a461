// The reproducer of Go commit 2b62e1e (Go issue 9186), instrumented for
// make bench: run in the same VM as gcsched, with the same Ps and pairs,
// it prints GC cycles per second, pause percentiles from MemStats.PauseNs
// and netpoll round trips per second. Built statically with Debian's Go.
// Run with GODEBUG=gctrace=1, its stderr has each cycle's three clock
// fields (sweep termination + concurrent mark + mark termination).
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"runtime"
	"sort"
	"sync/atomic"
	"time"
)

var trips int64
var depth int

func main() {
	pairs := flag.Int("pairs", 100, "connection pairs")
	dur := flag.Duration("duration", 10*time.Second, "how long")
	flag.IntVar(&depth, "depth", 1000, "bigstack's depth, as gcschedctl's --depth")
	flag.Parse()

	var firstConn []net.Conn
	for i := 0; i < *pairs; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			log.Fatal(err)
		}
		ch := make(chan net.Conn, 1)
		go func() {
			c1, err := net.Dial("tcp", l.Addr().String())
			if err != nil {
				log.Fatal(err)
			}
			ch <- c1
		}()
		c2, err := l.Accept()
		if err != nil {
			log.Fatal(err)
		}
		c1 := <-ch
		l.Close()
		go netguy(c1, c2)
		go netguy(c2, c1)
		firstConn = append(firstConn, c1)
	}
	// The first messages once every pair exists: with 10,000 pairs, pairs
	// already echoing starved the setup of the rest (seen at 20,000 Gs).
	for _, c1 := range firstConn {
		c1.Write(make([]byte, 100))
	}

	var pauses []float64
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	first := ms.NumGC
	start := time.Now()
	for time.Since(start) < *dur {
		runtime.GC()
	}
	elapsed := time.Since(start).Seconds()
	runtime.ReadMemStats(&ms)
	n := ms.NumGC - first
	for i := uint32(0); i < n && i < 256; i++ {
		pauses = append(pauses, float64(ms.PauseNs[(ms.NumGC-1-i)%256]))
	}
	sort.Float64s(pauses)
	pct := func(p float64) float64 {
		if len(pauses) == 0 {
			return 0
		}
		return pauses[int(p*float64(len(pauses)-1))]
	}
	fmt.Printf("GOSEED gomaxprocs=%d pairs=%d seconds=%.2f gc_cycles=%d cycles_per_s=%.2f pause_p50_ns=%.0f pause_p99_ns=%.0f pause_max_ns=%.0f roundtrips_per_s=%.0f\n",
		runtime.GOMAXPROCS(0), *pairs, elapsed, n, float64(n)/elapsed,
		pct(0.50), pct(0.99), pct(1.0), float64(atomic.LoadInt64(&trips))/elapsed)
}

func netguy(r, w net.Conn) {
	buf := make([]byte, 100)
	for {
		bigstack(depth)
		if _, err := io.ReadFull(r, buf); err != nil {
			log.Fatal(err)
		}
		w.Write(buf)
		atomic.AddInt64(&trips, 1)
	}
}

var g int

func bigstack(n int) {
	var buf [100]byte
	if n > 0 {
		bigstack(n - 1)
	}
	g = int(buf[0]) + int(buf[99])
}
