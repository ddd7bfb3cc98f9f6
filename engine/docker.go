package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/api/types/mount"
	"github.com/docker/docker/client"
)

// Docker is the Docker Engine API (socket from DOCKER_HOST or the default).
type Docker struct {
	cli *client.Client
}

var _ Runtime = (*Docker)(nil)

// OpenDocker connects to the daemon named by the environment (DOCKER_HOST,
// DOCKER_API_VERSION...) and negotiates the API version, so old daemons
// (Debian's 20.10 speaks API 1.41) work with the newer client. It pings the
// daemon so that a caller knows at once whether Docker answers.
func OpenDocker(ctx context.Context) (*Docker, error) {
	cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation())
	if err != nil {
		return nil, fmt.Errorf("docker client: %w", err)
	}
	if _, err := cli.Ping(ctx); err != nil {
		cli.Close()
		return nil, fmt.Errorf("docker at %s does not answer: %w", cli.DaemonHost(), err)
	}
	return &Docker{cli: cli}, nil
}

// Name implements Engine.
func (d *Docker) Name() string { return KindDocker }

// Close implements Engine.
func (d *Docker) Close() error { return d.cli.Close() }

// Client exposes the underlying Docker client for callers that need more.
func (d *Docker) Client() *client.Client { return d.cli }

// List implements Engine: every container, then one inspect each for the
// env, pid and exit record that the list does not carry.
func (d *Docker) List(ctx context.Context) ([]Container, error) {
	sums, err := d.cli.ContainerList(ctx, container.ListOptions{All: true})
	if err != nil {
		return nil, fmt.Errorf("docker list: %w", err)
	}
	return inspectAll(len(sums), func(i int) (Container, bool, error) {
		c, err := d.inspect(ctx, sums[i].ID)
		if errors.Is(err, ErrNotFound) {
			return c, true, nil // removed between list and inspect
		}
		c.Status = sums[i].Status // only the list has the human text
		return c, false, err
	})
}

// Get implements Engine.
func (d *Docker) Get(ctx context.Context, idOrName string) (Container, error) {
	c, err := d.inspect(ctx, idOrName)
	if err != nil {
		return c, err
	}
	sums, err := d.cli.ContainerList(ctx, container.ListOptions{All: true})
	if err == nil {
		for _, s := range sums {
			if s.ID == c.ID {
				c.Status = s.Status
			}
		}
	}
	return c, nil
}

func (d *Docker) inspect(ctx context.Context, id string) (Container, error) {
	in, err := d.cli.ContainerInspect(ctx, id)
	if cerrdefs.IsNotFound(err) {
		return Container{}, fmt.Errorf("docker %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return Container{}, fmt.Errorf("docker inspect %s: %w", id, err)
	}
	c := Container{
		Engine:   KindDocker,
		ID:       in.ID,
		Name:     strings.TrimPrefix(in.Name, "/"),
		Restarts: in.RestartCount,
		Created:  parseTime(in.Created),
	}
	if in.HostConfig != nil {
		c.MemoryLimit = in.HostConfig.Memory
	}
	if in.Config != nil {
		c.Image = in.Config.Image
		c.Labels = in.Config.Labels
		if n, err := strconv.Atoi(c.Labels["annotation."+AnnotationRestartCount]); err == nil && c.Restarts == 0 {
			c.Restarts = n // a dockershim pod container: kubelet's count
		}
		c.Env = EnvMap(in.Config.Env)
	}
	if st := in.State; st != nil {
		c.State = st.Status
		c.Pid = st.Pid
		c.ExitCode = st.ExitCode
		c.OOMKilled = st.OOMKilled
		c.Error = st.Error
		c.StartedAt = parseTime(st.StartedAt)
		c.FinishedAt = parseTime(st.FinishedAt)
	}
	if c.State == "" {
		c.State = StateUnknown
	}
	if c.Pid > 0 {
		c.NetnsPath = fmt.Sprintf("/proc/%d/ns/net", c.Pid)
	}
	c.Status = StatusText(c, time.Now()) // replaced by the list's text when there is one
	return c, nil
}

// LoadImage implements Runtime with the image load API (`docker load`).
func (d *Docker) LoadImage(ctx context.Context, archive io.Reader) ([]string, error) {
	resp, err := d.cli.ImageLoad(ctx, archive, client.ImageLoadWithQuiet(true))
	if err != nil {
		return nil, fmt.Errorf("docker load: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var refs []string
	for _, line := range strings.Split(string(body), "\n") {
		// {"stream":"Loaded image: refnode:latest\n"} or an errorDetail.
		if i := strings.Index(line, "Loaded image: "); i >= 0 {
			ref := line[i+len("Loaded image: "):]
			ref = strings.SplitN(ref, `\n`, 2)[0]
			refs = append(refs, strings.TrimRight(ref, `"}`))
		}
		if strings.Contains(line, `"error"`) {
			return nil, fmt.Errorf("docker load: %s", strings.TrimSpace(line))
		}
	}
	if len(refs) == 0 {
		return nil, fmt.Errorf("docker load: no image in the answer: %s", strings.TrimSpace(string(body)))
	}
	return refs, nil
}

// RemoveImage implements Runtime.
func (d *Docker) RemoveImage(ctx context.Context, ref string) error {
	_, err := d.cli.ImageRemove(ctx, ref, image.RemoveOptions{Force: true, PruneChildren: true})
	if err != nil && !cerrdefs.IsNotFound(err) {
		return fmt.Errorf("docker rmi %s: %w", ref, err)
	}
	return nil
}

// Run implements Runtime.
func (d *Docker) Run(ctx context.Context, spec RunSpec) (string, error) {
	if err := checkNetwork(spec.Network); err != nil {
		return "", err
	}
	cfg := &container.Config{
		Image:  spec.Image,
		Cmd:    spec.Args,
		Env:    EnvList(spec.Env),
		Labels: spec.Labels,
	}
	hc := &container.HostConfig{NetworkMode: container.NetworkMode(spec.Network)}
	if spec.Memory > 0 {
		hc.Resources.Memory, hc.Resources.MemorySwap = spec.Memory, spec.Memory
	}
	for _, m := range spec.Mounts {
		hc.Mounts = append(hc.Mounts, mount.Mount{Type: mount.TypeBind, Source: m.Source, Target: m.Target, ReadOnly: m.ReadOnly})
	}
	created, err := d.cli.ContainerCreate(ctx, cfg, hc, nil, nil, spec.Name)
	if err != nil {
		return "", fmt.Errorf("docker create %s: %w", spec.Name, err)
	}
	if err := d.cli.ContainerStart(ctx, created.ID, container.StartOptions{}); err != nil {
		return created.ID, fmt.Errorf("docker start %s: %w", spec.Name, err)
	}
	return created.ID, nil
}

// Start implements Runtime.
func (d *Docker) Start(ctx context.Context, id string) error {
	return d.wrap("start", id, d.cli.ContainerStart(ctx, id, container.StartOptions{}))
}

// Stop implements Runtime.
func (d *Docker) Stop(ctx context.Context, id string, grace time.Duration) error {
	secs := int(grace.Round(time.Second) / time.Second)
	return d.wrap("stop", id, d.cli.ContainerStop(ctx, id, container.StopOptions{Timeout: &secs}))
}

// Kill implements Runtime.
func (d *Docker) Kill(ctx context.Context, id, signal string) error {
	return d.wrap("kill", id, d.cli.ContainerKill(ctx, id, signal))
}

// Pause implements Runtime.
func (d *Docker) Pause(ctx context.Context, id string) error {
	return d.wrap("pause", id, d.cli.ContainerPause(ctx, id))
}

// Resume implements Runtime.
func (d *Docker) Resume(ctx context.Context, id string) error {
	return d.wrap("unpause", id, d.cli.ContainerUnpause(ctx, id))
}

// Remove implements Runtime.
func (d *Docker) Remove(ctx context.Context, id string) error {
	err := d.cli.ContainerRemove(ctx, id, container.RemoveOptions{Force: true})
	if cerrdefs.IsNotFound(err) {
		return nil
	}
	return d.wrap("rm", id, err)
}

func (d *Docker) wrap(op, id string, err error) error {
	switch {
	case err == nil:
		return nil
	case cerrdefs.IsNotFound(err):
		return fmt.Errorf("docker %s %s: %w", op, id, ErrNotFound)
	default:
		return fmt.Errorf("docker %s %s: %w", op, id, err)
	}
}

func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.Year() < 1970 {
		return time.Time{} // Docker writes 0001-01-01 for "never"
	}
	return t
}

// EnvMap turns KEY=VALUE lines into a map (a later duplicate wins, as in exec).
func EnvMap(env []string) map[string]string {
	m := make(map[string]string, len(env))
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		m[k] = v
	}
	return m
}

// EnvList is the inverse of EnvMap, sorted so that specs are reproducible.
func EnvList(env map[string]string) []string {
	out := make([]string, 0, len(env))
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

func checkNetwork(n string) error {
	if n != "host" && n != "none" {
		return fmt.Errorf("network %q: use \"host\" or \"none\" (tfkit keeps test traffic on loopback)", n)
	}
	return nil
}
