package engine

import "sync"

// inspectWorkers bounds the concurrent inspect calls of one List: enough
// to hide the per-call latency, few enough not to flood the daemon.
const inspectWorkers = 8

// inspectAll runs fn for indexes 0..n-1 on up to inspectWorkers
// goroutines and returns the results in index order. A result with skip
// set (the container vanished meanwhile) is dropped; the first error wins.
func inspectAll(n int, fn func(i int) (c Container, skip bool, err error)) ([]Container, error) {
	type res struct {
		c    Container
		skip bool
		err  error
	}
	out := make([]res, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(n, inspectWorkers); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				c, skip, err := fn(i)
				out[i] = res{c, skip, err}
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	cs := make([]Container, 0, n)
	for _, r := range out {
		if r.err != nil {
			return nil, r.err
		}
		if !r.skip {
			cs = append(cs, r.c)
		}
	}
	return cs, nil
}
