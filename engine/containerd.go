package engine

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	containerd "github.com/containerd/containerd/v2/client"
	"github.com/containerd/containerd/v2/pkg/cio"
	"github.com/containerd/containerd/v2/pkg/namespaces"
	"github.com/containerd/containerd/v2/pkg/oci"
	"github.com/containerd/errdefs"
	specs "github.com/opencontainers/runtime-spec/specs-go"
)

// Containerd defaults.
const (
	DefaultContainerdAddress = "/run/containerd/containerd.sock"
	// Snapshotter used to unpack imported images.
	DefaultSnapshotter = "overlayfs"
)

// DefaultNamespaces are searched when none is given: kubelet/CRI, Docker's
// own containerd, and ctr/nerdctl.
var DefaultNamespaces = []string{"k8s.io", "moby", "default"}

// Labels that carry Docker-like metadata on plain containerd containers.
const (
	LabelNerdctlName  = "nerdctl/name"                // nerdctl's container name
	LabelNerdctlError = "nerdctl/error"               // nerdctl's record of why a container failed (start errors)
	LabelRestartCount = "containerd.io/restart.count" // containerd restart manager
	// AnnotationRestartCount is kubelet's restart count of a Kubernetes
	// container: an OCI spec annotation under CRI, a label prefixed
	// "annotation." under dockershim.
	AnnotationRestartCount = "io.kubernetes.container.restartCount"
)

// Containerd is a containerd daemon reached over its gRPC socket. The
// client is containerd v2's; it speaks the same v1 gRPC services as
// containerd 1.6 (Debian's), which is all tfkit uses (containers, tasks,
// content, images, snapshots, leases; no transfer service).
type Containerd struct {
	cli        *containerd.Client
	address    string
	namespaces []string
}

var _ Runtime = (*Containerd)(nil)

// OpenContainerd connects to address (DefaultContainerdAddress when "") and
// checks that the daemon answers. namespaces are those List searches; the
// first one is where Run and LoadImage work (DefaultNamespaces when empty,
// so k8s.io).
func OpenContainerd(ctx context.Context, address string, nss []string) (*Containerd, error) {
	if address == "" {
		address = DefaultContainerdAddress
	}
	if len(nss) == 0 {
		nss = DefaultNamespaces
	}
	if _, err := os.Stat(address); err != nil {
		return nil, fmt.Errorf("containerd socket %s: %w", address, err)
	}
	cli, err := containerd.New(address, containerd.WithTimeout(2*time.Second))
	if err != nil {
		return nil, fmt.Errorf("containerd at %s: %w", address, err)
	}
	if _, err := cli.Version(ctx); err != nil {
		cli.Close()
		return nil, fmt.Errorf("containerd at %s does not answer: %w", address, err)
	}
	return &Containerd{cli: cli, address: address, namespaces: nss}, nil
}

// Name implements Engine.
func (c *Containerd) Name() string { return KindContainerd }

// Close implements Engine.
func (c *Containerd) Close() error { return c.cli.Close() }

// Client exposes the underlying containerd client for callers that need more.
func (c *Containerd) Client() *containerd.Client { return c.cli }

// Address is the socket this engine talks to.
func (c *Containerd) Address() string { return c.address }

func (c *Containerd) runCtx(ctx context.Context) context.Context {
	return namespaces.WithNamespace(ctx, c.namespaces[0])
}

// List implements Engine over every configured namespace.
func (c *Containerd) List(ctx context.Context) ([]Container, error) {
	var out []Container
	for _, ns := range c.namespaces {
		nctx := namespaces.WithNamespace(ctx, ns)
		cs, err := c.cli.Containers(nctx)
		if err != nil {
			return nil, fmt.Errorf("containerd list (namespace %s): %w", ns, err)
		}
		got, err := inspectAll(len(cs), func(i int) (Container, bool, error) {
			ct, err := c.inspect(nctx, ns, cs[i])
			if errdefs.IsNotFound(err) {
				return ct, true, nil // deleted while we looked
			}
			return ct, false, err
		})
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	return out, nil
}

// Get implements Engine: an exact id, a nerdctl name, or a unique id prefix,
// in any configured namespace.
func (c *Containerd) Get(ctx context.Context, idOrName string) (Container, error) {
	all, err := c.List(ctx)
	if err != nil {
		return Container{}, err
	}
	return pick(all, idOrName, "containerd")
}

// pick finds one container by id, name or unique id prefix.
func pick(all []Container, idOrName, engine string) (Container, error) {
	var prefix []Container
	for _, ct := range all {
		if ct.ID == idOrName || ct.Name == idOrName {
			return ct, nil
		}
		if strings.HasPrefix(ct.ID, idOrName) {
			prefix = append(prefix, ct)
		}
	}
	if len(prefix) == 1 {
		return prefix[0], nil
	}
	if len(prefix) > 1 {
		return Container{}, fmt.Errorf("%s %s: id prefix matches %d containers, give more of the id", engine, idOrName, len(prefix))
	}
	return Container{}, fmt.Errorf("%s %s: %w", engine, idOrName, ErrNotFound)
}

func (c *Containerd) inspect(ctx context.Context, ns string, k containerd.Container) (Container, error) {
	info, err := k.Info(ctx)
	if err != nil {
		return Container{}, err
	}
	ct := Container{
		Engine:    KindContainerd,
		Namespace: ns,
		ID:        info.ID,
		Name:      info.ID,
		Image:     info.Image,
		Labels:    info.Labels,
		Created:   info.CreatedAt,
		State:     StateCreated, // no task yet
	}
	if n := info.Labels[LabelNerdctlName]; n != "" {
		ct.Name = n
	}
	if n, err := strconv.Atoi(info.Labels[LabelRestartCount]); err == nil {
		ct.Restarts = n
	}
	var spec oci.Spec
	if info.Spec != nil {
		if err := json.Unmarshal(info.Spec.GetValue(), &spec); err != nil {
			return Container{}, fmt.Errorf("containerd %s: bad OCI spec: %w", info.ID, err)
		}
	}
	if spec.Process != nil {
		ct.Env = EnvMap(spec.Process.Env)
	}
	if n, err := strconv.Atoi(spec.Annotations[AnnotationRestartCount]); err == nil && ct.Restarts == 0 {
		ct.Restarts = n // kubelet's count, which CRI puts in the spec
	}
	if spec.Linux != nil && spec.Linux.Resources != nil && spec.Linux.Resources.Memory != nil && spec.Linux.Resources.Memory.Limit != nil {
		ct.MemoryLimit = *spec.Linux.Resources.Memory.Limit
	}
	if spec.Linux != nil {
		for _, n := range spec.Linux.Namespaces {
			if n.Type == specs.NetworkNamespace && n.Path != "" {
				ct.NetnsPath = n.Path // CRI sandboxes and pod members
			}
		}
	}
	task, err := k.Task(ctx, nil)
	switch {
	case errdefs.IsNotFound(err):
		ct.Error = info.Labels[LabelNerdctlError] // containerd keeps no start error; nerdctl (and Run) do
		ct.Status = StatusText(ct, time.Now())
		return ct, nil
	case err != nil:
		return Container{}, fmt.Errorf("containerd task %s: %w", info.ID, err)
	}
	st, err := task.Status(ctx)
	if err != nil && !errdefs.IsNotFound(err) {
		return Container{}, fmt.Errorf("containerd task status %s: %w", info.ID, err)
	}
	ct.State = taskState(st.Status)
	if ct.State == StateRunning || ct.State == StatePaused {
		ct.Pid = int(task.Pid())
		ct.NetnsPath = fmt.Sprintf("/proc/%d/ns/net", ct.Pid)
		ct.StartedAt = procStart(ct.Pid)
	}
	if ct.State == StateExited {
		ct.ExitCode = int(st.ExitStatus)
		ct.FinishedAt = st.ExitTime
		// containerd keeps no OOM flag on the task (its CRI plugin keeps
		// one in its own store); the cgroup lives until the task is
		// deleted and counts the OOM kills.
		if spec.Linux != nil {
			ct.OOMKilled = cgroupOOMKills(spec.Linux.CgroupsPath) > 0
		}
	}
	ct.Status = StatusText(ct, time.Now())
	return ct, nil
}

func taskState(s containerd.ProcessStatus) string {
	switch s {
	case containerd.Running:
		return StateRunning
	case containerd.Stopped:
		return StateExited
	case containerd.Paused, containerd.Pausing:
		return StatePaused
	case containerd.Created:
		return StateCreated
	}
	return StateUnknown
}

// procStart approximates a process's start time by its /proc directory,
// which the kernel creates when the process appears; containerd does not
// record when a task started.
func procStart(pid int) time.Time {
	fi, err := os.Stat(fmt.Sprintf("/proc/%d", pid))
	if err != nil {
		return time.Time{}
	}
	return fi.ModTime()
}

// LoadImage implements Runtime: import a Docker-archive or OCI tar into the
// run namespace and unpack it for the default snapshotter.
func (c *Containerd) LoadImage(ctx context.Context, archive io.Reader) ([]string, error) {
	ctx = c.runCtx(ctx)
	imgs, err := c.cli.Import(ctx, archive)
	if err != nil {
		return nil, fmt.Errorf("containerd import: %w", err)
	}
	var refs []string
	for _, im := range imgs {
		img := containerd.NewImage(c.cli, im)
		if err := img.Unpack(ctx, DefaultSnapshotter); err != nil {
			return nil, fmt.Errorf("containerd unpack %s: %w", im.Name, err)
		}
		refs = append(refs, im.Name)
	}
	if len(refs) == 0 {
		return nil, errors.New("containerd import: the archive holds no named image")
	}
	return refs, nil
}

// RemoveImage implements Runtime.
func (c *Containerd) RemoveImage(ctx context.Context, ref string) error {
	err := c.cli.ImageService().Delete(c.runCtx(ctx), ref)
	if err != nil && !errdefs.IsNotFound(err) {
		return fmt.Errorf("containerd rmi %s: %w", ref, err)
	}
	return nil
}

// Run implements Runtime. Like nerdctl, the container id is random hex and
// the name lives in the nerdctl/name label (Get, Stop... accept either).
func (c *Containerd) Run(ctx context.Context, spec RunSpec) (string, error) {
	if err := checkNetwork(spec.Network); err != nil {
		return "", err
	}
	ctx = c.runCtx(ctx)
	img, err := c.cli.GetImage(ctx, NormalizeRef(spec.Image))
	if err != nil {
		return "", fmt.Errorf("containerd image %s: %w", spec.Image, err)
	}
	labels := map[string]string{LabelNerdctlName: spec.Name}
	for k, v := range spec.Labels {
		labels[k] = v
	}
	sopts := []oci.SpecOpts{
		oci.WithImageConfigArgs(img, spec.Args),
		oci.WithEnv(EnvList(spec.Env)),
	}
	if spec.Network == "host" {
		sopts = append(sopts, oci.WithHostNamespace(specs.NetworkNamespace))
	}
	if spec.Memory > 0 {
		sopts = append(sopts, oci.WithMemoryLimit(uint64(spec.Memory)))
		if swapLimitable() {
			sopts = append(sopts, oci.WithMemorySwap(spec.Memory))
		}
	}
	var mounts []specs.Mount
	for _, m := range spec.Mounts {
		opts := []string{"rbind"}
		if m.ReadOnly {
			opts = append(opts, "ro")
		}
		mounts = append(mounts, specs.Mount{Destination: m.Target, Type: "bind", Source: m.Source, Options: opts})
	}
	if len(mounts) > 0 {
		sopts = append(sopts, oci.WithMounts(mounts))
	}
	if _, err := c.load(ctx, spec.Name); err == nil {
		return "", fmt.Errorf("containerd create %s: a container with that name exists: remove it first", spec.Name)
	}
	id, err := randomID()
	if err != nil {
		return "", err
	}
	k, err := c.cli.NewContainer(ctx, id,
		containerd.WithImage(img),
		containerd.WithSnapshotter(DefaultSnapshotter),
		containerd.WithNewSnapshot(id, img),
		containerd.WithNewSpec(sopts...),
		containerd.WithContainerLabels(labels),
	)
	if err != nil {
		return "", fmt.Errorf("containerd create %s: %w", spec.Name, err)
	}
	if err := c.newTask(ctx, k); err != nil {
		// Keep the reason on the container as nerdctl does: containerd
		// itself records no start error.
		k.SetLabels(ctx, map[string]string{LabelNerdctlError: err.Error()})
		return k.ID(), err
	}
	return k.ID(), nil
}

// randomID is a 64-hex-digit container id, as Docker and nerdctl make.
func randomID() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// LogPath is where a containerd container's stdout/stderr go (containerd
// has no log store of its own).
func LogPath(id string) string {
	return filepath.Join(os.TempDir(), "tfkit-containerd-"+id+".log")
}

func (c *Containerd) newTask(ctx context.Context, k containerd.Container) error {
	task, err := k.NewTask(ctx, cio.LogFile(LogPath(k.ID())))
	if err != nil {
		return fmt.Errorf("containerd task %s: %w", k.ID(), err)
	}
	if err := task.Start(ctx); err != nil {
		task.Delete(ctx)
		return fmt.Errorf("containerd start %s: %w", k.ID(), err)
	}
	return nil
}

// load finds a container of the run namespace by id or nerdctl name.
func (c *Containerd) load(ctx context.Context, idOrName string) (containerd.Container, error) {
	k, err := c.cli.LoadContainer(ctx, idOrName)
	if err == nil {
		return k, nil
	}
	if !errdefs.IsNotFound(err) {
		return nil, fmt.Errorf("containerd %s: %w", idOrName, err)
	}
	cs, err := c.cli.Containers(ctx, fmt.Sprintf(`labels.%q==%s`, LabelNerdctlName, idOrName))
	if err != nil {
		return nil, fmt.Errorf("containerd %s: %w", idOrName, err)
	}
	if len(cs) == 0 {
		return nil, fmt.Errorf("containerd %s (namespace %s): %w", idOrName, c.namespaces[0], ErrNotFound)
	}
	return cs[0], nil
}

// task returns the container's task, or nil when it has none.
func (c *Containerd) task(ctx context.Context, idOrName string) (containerd.Container, containerd.Task, error) {
	ctx = c.runCtx(ctx)
	k, err := c.load(ctx, idOrName)
	if err != nil {
		return nil, nil, err
	}
	t, err := k.Task(ctx, nil)
	if errdefs.IsNotFound(err) {
		return k, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("containerd task %s: %w", idOrName, err)
	}
	return k, t, nil
}

// Start implements Runtime: a stopped task is deleted and a new one started
// (containerd tasks cannot be restarted).
func (c *Containerd) Start(ctx context.Context, idOrName string) error {
	k, t, err := c.task(ctx, idOrName)
	if err != nil {
		return err
	}
	ctx = c.runCtx(ctx)
	if t != nil {
		st, err := t.Status(ctx)
		if err == nil && st.Status == containerd.Running {
			return nil
		}
		if _, err := t.Delete(ctx, containerd.WithProcessKill); err != nil && !errdefs.IsNotFound(err) {
			return fmt.Errorf("containerd start %s: delete old task: %w", idOrName, err)
		}
	}
	return c.newTask(ctx, k)
}

// Stop implements Runtime. The stopped task is kept so that its exit
// status stays visible (as Docker keeps an exited container's).
func (c *Containerd) Stop(ctx context.Context, idOrName string, grace time.Duration) error {
	_, t, err := c.task(ctx, idOrName)
	if err != nil || t == nil {
		return err
	}
	return stopTask(c.runCtx(ctx), t, grace)
}

func stopTask(ctx context.Context, t containerd.Task, grace time.Duration) error {
	st, err := t.Status(ctx)
	if err != nil {
		return fmt.Errorf("containerd stop %s: %w", t.ID(), err)
	}
	if st.Status == containerd.Stopped {
		return nil
	}
	if st.Status == containerd.Paused {
		_ = t.Resume(ctx) // a frozen process cannot handle SIGTERM
	}
	exited, err := t.Wait(ctx)
	if err != nil {
		return fmt.Errorf("containerd stop %s: %w", t.ID(), err)
	}
	if err := t.Kill(ctx, syscall.SIGTERM); err != nil && !errdefs.IsNotFound(err) {
		return fmt.Errorf("containerd stop %s: %w", t.ID(), err)
	}
	select {
	case <-exited:
		return nil
	case <-time.After(grace):
	case <-ctx.Done():
		return ctx.Err()
	}
	if err := t.Kill(ctx, syscall.SIGKILL); err != nil && !errdefs.IsNotFound(err) {
		return fmt.Errorf("containerd kill %s: %w", t.ID(), err)
	}
	select {
	case <-exited:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Kill implements Runtime; signal is a name ("KILL", "SIGTERM") or a number.
func (c *Containerd) Kill(ctx context.Context, idOrName, signal string) error {
	sig, err := ParseSignal(signal)
	if err != nil {
		return err
	}
	_, t, err := c.task(ctx, idOrName)
	if err != nil {
		return err
	}
	if t == nil {
		return fmt.Errorf("containerd kill %s: not running", idOrName)
	}
	return t.Kill(c.runCtx(ctx), sig)
}

// Pause implements Runtime.
func (c *Containerd) Pause(ctx context.Context, idOrName string) error {
	_, t, err := c.task(ctx, idOrName)
	if err != nil {
		return err
	}
	if t == nil {
		return fmt.Errorf("containerd pause %s: not running", idOrName)
	}
	return t.Pause(c.runCtx(ctx))
}

// Resume implements Runtime.
func (c *Containerd) Resume(ctx context.Context, idOrName string) error {
	_, t, err := c.task(ctx, idOrName)
	if err != nil {
		return err
	}
	if t == nil {
		return fmt.Errorf("containerd resume %s: not running", idOrName)
	}
	return t.Resume(c.runCtx(ctx))
}

// Remove implements Runtime: kill, delete the task, the container and its
// snapshot.
func (c *Containerd) Remove(ctx context.Context, idOrName string) error {
	k, t, err := c.task(ctx, idOrName)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	ctx = c.runCtx(ctx)
	if t != nil {
		if err := stopTask(ctx, t, 0); err != nil {
			return err
		}
		if _, err := t.Delete(ctx); err != nil && !errdefs.IsNotFound(err) {
			return fmt.Errorf("containerd rm %s: %w", idOrName, err)
		}
	}
	if err := k.Delete(ctx, containerd.WithSnapshotCleanup); err != nil && !errdefs.IsNotFound(err) {
		return fmt.Errorf("containerd rm %s: %w", idOrName, err)
	}
	os.Remove(LogPath(k.ID()))
	return nil
}

// ParseSignal accepts "KILL", "SIGKILL" or "9".
func ParseSignal(s string) (syscall.Signal, error) {
	if n, err := strconv.Atoi(s); err == nil {
		return syscall.Signal(n), nil
	}
	name := strings.TrimPrefix(strings.ToUpper(s), "SIG")
	if sig, ok := signals[name]; ok {
		return sig, nil
	}
	return 0, fmt.Errorf("signal %q: use a name such as TERM, KILL, INT, HUP or a number", s)
}

var signals = map[string]syscall.Signal{
	"HUP": syscall.SIGHUP, "INT": syscall.SIGINT, "QUIT": syscall.SIGQUIT, "ABRT": syscall.SIGABRT,
	"KILL": syscall.SIGKILL, "USR1": syscall.SIGUSR1, "USR2": syscall.SIGUSR2, "TERM": syscall.SIGTERM,
	"STOP": syscall.SIGSTOP, "CONT": syscall.SIGCONT, "SEGV": syscall.SIGSEGV,
}

// NormalizeRef turns a short reference ("refnode:latest", "refnode") into
// the full name containerd stores ("docker.io/library/refnode:latest"),
// which is how a Docker-archive's RepoTags are imported.
func NormalizeRef(ref string) string {
	name := ref
	if !strings.Contains(name, "@") && !strings.Contains(name[strings.LastIndex(name, "/")+1:], ":") {
		name += ":latest"
	}
	first, _, hasSlash := strings.Cut(name, "/")
	if !hasSlash {
		return "docker.io/library/" + name
	}
	if !strings.ContainsAny(first, ".:") && first != "localhost" {
		return "docker.io/" + name
	}
	return name
}
