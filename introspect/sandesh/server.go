package sandesh

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"reflect"
	"sort"
	"sync"
)

// Server answers introspect HTTP requests the way a Sandesh daemon does
// (spec §1): /Snh_<Request> runs a registered handler and writes its parts
// with the C++ framing, / and /<module>.xml list the requests, anything
// else is the library's 404. One Server is one daemon persona.
type Server struct {
	// Module is the daemon's module name (index page title), e.g.
	// "contrail-control".
	Module string
	// Python selects the pysandesh persona: arguments by name (+ the x
	// alias), Content-Type text/xsl, one body, no `more` in responses.
	Python bool
	// TLS, when set, makes Serve and Start speak HTTPS (see TLSConfig).
	TLS *tls.Config

	mu      sync.Mutex
	reqs    map[string]*reqEntry
	modules map[string][]*reqEntry // module file name -> requests in registration order
	ln      net.Listener
	conns   map[net.Conn]struct{}
	resume  chan struct{} // non-nil while paused; closed by Resume
	done    chan struct{} // closed by Close
	closed  bool
	wg      sync.WaitGroup
}

// reqEntry is one registered request type.
type reqEntry struct {
	name   string
	module string
	typ    reflect.Type
	plan   *structPlan
	call   func(req reflect.Value) []any
}

// Defaulter is implemented by request structs whose fields have defaults
// other than the zero value (e.g. KInterfaceReq.if_id = -1): SetDefaults
// runs on the fresh request before the query is decoded into it.
type Defaulter interface{ SetDefaults() }

// NewServer returns a Server for a daemon with the given module name.
func NewServer(module string) *Server {
	return &Server{Module: module, reqs: map[string]*reqEntry{}, modules: map[string][]*reqEntry{},
		conns: map[net.Conn]struct{}{}, done: make(chan struct{})}
}

// Handle registers the request type R (a tagged struct; its element name
// is the request name) in module (the .sandesh file name, e.g. "bgp_peer"
// for /bgp_peer.xml). h gets the decoded request and returns the parts of
// the answer: Part values or tagged structs (responses), at least one.
// Registering a name twice panics.
func Handle[R any](s *Server, module string, h func(*R) []any) {
	t := reflect.TypeFor[R]()
	if t.Kind() != reflect.Struct {
		panic(fmt.Sprintf("sandesh: request type %s is not a struct", t))
	}
	sp, err := planFor(t)
	if err != nil {
		panic(err)
	}
	name := sp.elemName(reflect.New(t).Elem())
	e := &reqEntry{name: name, module: module, typ: t, plan: sp,
		call: func(v reflect.Value) []any { return h(v.Interface().(*R)) }}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.reqs[name]; dup {
		panic("sandesh: request " + name + " registered twice")
	}
	s.reqs[name] = e
	s.modules[module] = append(s.modules[module], e)
}

// moduleNames returns the registered module files in name order.
func (s *Server) moduleNames() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.modules))
	for m := range s.modules {
		names = append(names, m)
	}
	sort.Strings(names)
	return names
}

// ErrServerClosed is returned by Serve after Close.
var ErrServerClosed = errors.New("sandesh: server closed")

// Serve accepts connections on l until Close (HTTPS when s.TLS is set).
func (s *Server) Serve(l net.Listener) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		l.Close()
		return ErrServerClosed
	}
	if s.TLS != nil {
		l = tls.NewListener(l, s.TLS)
	}
	s.ln = l
	s.mu.Unlock()
	for {
		c, err := l.Accept()
		if err != nil {
			select {
			case <-s.done:
				return ErrServerClosed
			default:
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			return err
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			c.Close()
			return ErrServerClosed
		}
		s.conns[c] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go func() {
			defer s.wg.Done()
			s.serveConn(c)
			s.mu.Lock()
			delete(s.conns, c)
			s.mu.Unlock()
			c.Close()
		}()
	}
}

// Start listens on addr ("127.0.0.2:8083") and serves in the background;
// it returns the bound address (useful with port 0).
func (s *Server) Start(addr string) (net.Addr, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	go s.Serve(l)
	return l.Addr(), nil
}

// Close stops accepting, drops open connections (also paused ones) and
// waits for their goroutines.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	close(s.done)
	var err error
	if s.ln != nil {
		err = s.ln.Close()
	}
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	return err
}

// Pause makes the server behave like a stopped (SIGSTOP) process:
// connections are still accepted but nothing is read or answered until
// Resume.
func (s *Server) Pause() {
	s.mu.Lock()
	if s.resume == nil {
		s.resume = make(chan struct{})
	}
	s.mu.Unlock()
}

// Resume lets paused connections proceed.
func (s *Server) Resume() {
	s.mu.Lock()
	if s.resume != nil {
		close(s.resume)
		s.resume = nil
	}
	s.mu.Unlock()
}

// Paused reports whether the server is paused.
func (s *Server) Paused() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.resume != nil
}

// waitRunning blocks while paused; false when the server closed.
func (s *Server) waitRunning() bool {
	s.mu.Lock()
	ch := s.resume
	s.mu.Unlock()
	if ch != nil {
		select {
		case <-ch:
		case <-s.done:
			return false
		}
	}
	select {
	case <-s.done:
		return false
	default:
		return true
	}
}
