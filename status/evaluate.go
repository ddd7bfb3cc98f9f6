package status

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/readonly"
)

// DefaultTimeout bounds each introspect query, and so the whole run.
const DefaultTimeout = 5 * time.Second

// Options tune how services are asked.
type Options struct {
	Timeout time.Duration // per query, and for all of them together (they run in parallel)
	// SSL asks every service over HTTPS, as contrail-status does when
	// INTROSPECT_SSL_ENABLE is on in its own environment; otherwise a
	// service is asked over HTTPS when its container's env has it on.
	SSL bool
	// TLS files for daemons with INTROSPECT_SSL_ENABLE=true; "" = the
	// contrail defaults when present (/etc/contrail/ssl/...).
	CAFile, CertFile, KeyFile string
	ProcRoot                  string // "/proc" unless testing
	Hostname                  string // address used when no listener is found; "" = os.Hostname()
	Debug                     io.Writer
	// Labels, when set, keep only the containers carrying all of them
	// (e.g. refnode.tfkit/node=control-1 on a lab that runs several nodes
	// on one host).
	Labels map[string]string
}

// ServiceStatus is one line of a pod section.
type ServiceStatus struct {
	Pod, Service, Module string
	State                string
	Description          string
	URL                  string // what was asked, "" when nothing was
	Hint                 string // what to do about a failed query, in tf-status's words
	Connections          []Connection
	Processes            []Process
	Unit                 *Unit // nil when no container runs the service
}

// Line is the text after "service: ": the state and, when there is one,
// the description in parentheses.
func (s ServiceStatus) Line() string {
	if s.Description != "" {
		return s.State + " (" + s.Description + ")"
	}
	return s.State
}

// Healthy is true for the states the exit code accepts.
func (s ServiceStatus) Healthy() bool { return s.State == StateActive || s.State == StateBackup }

// PodSection is one "== Contrail <pod> ==" block.
type PodSection struct {
	Pod      string
	Services []ServiceStatus
}

// Report is everything tf-status prints.
type Report struct {
	Units    []Unit
	Messages []string // driver messages
	Warnings []string
	Pods     []PodSection
}

// ExitCode is 0 when every service is active or backup, else 1.
func (r Report) ExitCode() int {
	for _, p := range r.Pods {
		for _, s := range p.Services {
			if !s.Healthy() {
				return 1
			}
		}
	}
	return 0
}

// Evaluate asks every running service for its NodeStatus, all at once,
// under one deadline of opts.Timeout, and builds the report.
func Evaluate(ctx context.Context, d Discovery, opts Options) (Report, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.ProcRoot == "" {
		opts.ProcRoot = "/proc"
	}
	if opts.Hostname == "" {
		opts.Hostname, _ = os.Hostname()
	}
	anySSL := false
	for _, u := range d.Units {
		anySSL = anySSL || (u.Container.Running() && (opts.SSL || sslEnabled(u.Container.Env)))
	}
	cli, err := client.New(client.Config{
		Port: 8085, // no default target is used: every target is built per service
		// SSL makes the client load the CA and client certificate (it
		// loads them only when some target is https).
		SSL:     anySSL,
		Timeout: opts.Timeout,
		CAFile:  opts.CAFile, CertFile: opts.CertFile, KeyFile: opts.KeyFile,
		Debug:  opts.Debug,
		Policy: readonly.Check,
	})
	if err != nil {
		return Report{}, Rehint(err)
	}
	rep := Report{Units: d.Units, Warnings: d.Warnings}
	vrouter := false
	byPod := map[string][]*Unit{}
	for i := range d.Units {
		u := &d.Units[i]
		if u.Pod == "" || sharedServices[u.OriginalName] {
			continue
		}
		byPod[u.Pod] = append(byPod[u.Pod], u)
		vrouter = vrouter || u.Pod == "vrouter"
	}
	rep.Messages = DriverMessages(opts.ProcRoot, vrouter)

	pods := make([]string, 0, len(byPod))
	for p := range byPod {
		pods = append(pods, p)
	}
	sort.Strings(pods)
	qctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	var wg sync.WaitGroup
	for _, pod := range pods {
		sec := PodSection{Pod: pod, Services: sectionServices(pod, byPod[pod])}
		rep.Pods = append(rep.Pods, sec)
	}
	// Fill in place: each goroutine owns one slot; workers are appended after.
	type workers struct {
		after *ServiceStatus
		list  []ServiceStatus
	}
	var extra []workers
	var extraMu sync.Mutex
	for pi := range rep.Pods {
		for si := range rep.Pods[pi].Services {
			s := &rep.Pods[pi].Services[si]
			wg.Add(1)
			go func() {
				defer wg.Done()
				if ws := evaluate(qctx, cli, s, opts); len(ws) > 0 {
					extraMu.Lock()
					extra = append(extra, workers{s, ws})
					extraMu.Unlock()
				}
			}()
		}
	}
	wg.Wait()
	for _, w := range extra {
		for pi := range rep.Pods {
			if rep.Pods[pi].Pod == w.after.Pod {
				rep.Pods[pi].Services = insertAfter(rep.Pods[pi].Services, w.after.Service, w.list)
			}
		}
	}
	return rep, nil
}

// sectionServices lists a pod's map row (absent services included), then
// any other service found in the pod.
func sectionServices(pod string, units []*Unit) []ServiceStatus {
	byService := map[string]*Unit{}
	for _, u := range units {
		if old, ok := byService[u.Service]; !ok || better(u.Container, old.Container) {
			byService[u.Service] = u
		}
	}
	var out []ServiceStatus
	listed := map[string]bool{}
	for _, ps := range podServices[pod] {
		out = append(out, ServiceStatus{Pod: pod, Service: ps.Service, Module: ps.Module, Unit: byService[ps.Service]})
		listed[ps.Service] = true
	}
	var rest []string
	for svc := range byService {
		if !listed[svc] {
			rest = append(rest, svc)
		}
	}
	sort.Strings(rest)
	for _, svc := range rest {
		out = append(out, ServiceStatus{Pod: pod, Service: svc, Unit: byService[svc]})
	}
	return out
}

// evaluate fills s; for a multi-worker config API it returns the worker lines.
func evaluate(ctx context.Context, cli *client.Client, s *ServiceStatus, opts Options) []ServiceStatus {
	if s.Unit == nil || !s.Unit.Container.Running() {
		s.State = StateInactive
		return nil
	}
	if !uveImplemented[s.Module] {
		s.State = StateActive
		return nil
	}
	c := s.Unit.Container
	port := introspectPort(s.Module, c.Env)
	host := opts.Hostname
	if a, ok := ListenAddr(opts.ProcRoot, c.Pid, port); ok && a != "" {
		host = a
	}
	t := client.Target{Scheme: "http", Addr: net.JoinHostPort(host, strconv.Itoa(port))}
	if opts.SSL || sslEnabled(c.Env) {
		t.Scheme = "https" // never retried over plain HTTP
	}
	t.Label = t.Addr
	s.URL = cli.URL(t, "")
	ns, err := fetchNodeStatus(ctx, cli, t)
	s.State, s.Description = judge(s.Module, ns, classify(ctx, err), err)
	s.Connections, s.Processes, s.Hint = ns.connections, ns.processes, hint(err)

	n, _ := strconv.Atoi(c.Env["CONFIG_API_WORKER_COUNT"])
	if s.Module != "contrail-api" || n <= 1 || err != nil {
		return nil
	}
	ws, err := fetchAPIWorkers(ctx, cli, t)
	if err != nil {
		return nil
	}
	out := make([]ServiceStatus, len(ws))
	var wg sync.WaitGroup
	for i, w := range ws {
		out[i] = ServiceStatus{Pod: s.Pod, Service: s.Service + "-" + w.id, Module: s.Module, Unit: s.Unit}
		wt := client.Target{Scheme: t.Scheme, Addr: net.JoinHostPort(host, strconv.Itoa(w.port))}
		wt.Label = wt.Addr
		out[i].URL = cli.URL(wt, "")
		wg.Add(1)
		go func(o *ServiceStatus) {
			defer wg.Done()
			ns, err := fetchNodeStatus(ctx, cli, wt)
			o.State, o.Description = judge(o.Module, ns, classify(ctx, err), err)
			o.Connections, o.Processes, o.Hint = ns.connections, ns.processes, hint(err)
		}(&out[i])
	}
	wg.Wait()
	return out
}

// judge maps a NodeStatus answer (or the failure to get one) to a state
// and description, by contrail-status's rules.
func judge(module string, ns nodeStatus, f failure, err error) (state, desc string) {
	switch f {
	case failRefused:
		if backupCapable[module] {
			return StateBackup, ""
		}
		return StateInitializing, ""
	case failTimeout:
		return StateTimeout, ""
	case failOther:
		// tfkit addition: say why (TLS, HTTP error, bad XML) instead of
		// hiding it behind a bare "initializing".
		return StateInitializing, oneLine(err)
	}
	if !ns.found {
		return StateInitializing, ""
	}
	desc = ns.description
	for _, c := range ns.connections {
		if c.Type == "ToR" {
			desc = "ToR:" + c.Name + " connection " + strings.ToLower(c.Status)
		}
	}
	if ns.state == "Functional" {
		return StateActive, desc
	}
	return StateInitializing, desc
}

func oneLine(err error) string {
	var ce *client.Error
	if errors.As(err, &ce) {
		return ce.What
	}
	return strings.ReplaceAll(err.Error(), "\n", " ")
}

// introspectPort is the container's override for module, else the standard port.
func introspectPort(module string, env map[string]string) int {
	if v := env[portEnv[module]]; v != "" {
		if p, err := strconv.Atoi(v); err == nil && p > 0 && p < 65536 {
			return p
		}
	}
	return defaultPort[module]
}

func sslEnabled(env map[string]string) bool { return client.SwitchOn(env[client.EnvSSL]) }

func insertAfter(list []ServiceStatus, service string, add []ServiceStatus) []ServiceStatus {
	for i, s := range list {
		if s.Service == service {
			out := append([]ServiceStatus{}, list[:i+1]...)
			out = append(out, add...)
			return append(out, list[i+1:]...)
		}
	}
	return append(list, add...)
}

// ErrNothingSelected is returned (wrapped) by Run when no Contrail
// container is left to report: the engines list none, or the --label
// selection keeps none.
var ErrNothingSelected = errors.New("no Contrail container")

// Run discovers the Contrail containers among all (vendor domain vendor,
// "" = DefaultVendorDomain; only those carrying opts.Labels) and
// evaluates them. When none is left the error wraps ErrNothingSelected
// and says what was looked for.
func Run(ctx context.Context, all []engine.Container, vendor string, opts Options) (Report, error) {
	kept := make([]engine.Container, 0, len(all))
	for _, c := range all {
		if hasLabels(c, opts.Labels) {
			kept = append(kept, c)
		}
	}
	d := Discover(kept, vendor)
	if len(d.Units) == 0 {
		return Report{}, nothingSelected(len(all), len(kept), vendor, opts.Labels)
	}
	return Evaluate(ctx, d, opts)
}

// nothingSelected says why no container is left: none at all, none with
// the labels, or none that looks like a Contrail service.
func nothingSelected(listed, labelled int, vendor string, labels map[string]string) error {
	if vendor == "" {
		vendor = DefaultVendorDomain
	}
	var sel []string
	for k, v := range labels {
		sel = append(sel, k+"="+v)
	}
	sort.Strings(sel)
	switch {
	case listed == 0:
		return fmt.Errorf("%w: the engines list no containers at all", ErrNothingSelected)
	case labelled == 0:
		return fmt.Errorf("%w: none of the %d containers carries the labels %s", ErrNothingSelected, listed, strings.Join(sel, ", "))
	}
	return fmt.Errorf("%w among %d containers: none has the label %s.container.name or %s.service, nor SERVICE_NAME in its env",
		ErrNothingSelected, labelled, vendor, vendor)
}

func hasLabels(c engine.Container, want map[string]string) bool {
	for k, v := range want {
		if got, ok := c.Labels[k]; !ok || got != v {
			return false
		}
	}
	return true
}
