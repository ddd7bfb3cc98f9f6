package deploy

import (
	"context"
	"debug/elf"
	"fmt"
	"path/filepath"
	"sort"
	"time"

	"github.com/tfkit/tfkit/engine"
)

// CheckStatic refuses a binary that needs a dynamic loader: a scratch image
// has no libc.
func CheckStatic(path string) error {
	f, err := elf.Open(path)
	if err != nil {
		return fmt.Errorf("refnode binary %s: %v: give a static Linux build (CGO_ENABLED=0 go build ./cmd/refnode)", path, err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return fmt.Errorf("refnode binary %s is dynamically linked: rebuild it with CGO_ENABLED=0 go build ./cmd/refnode, or pass --binary", path)
		}
	}
	return nil
}

// LoadImage builds the refnode image FROM scratch from a static binary
// (entrypoint /refnode) and loads it; it returns the stored reference.
func LoadImage(ctx context.Context, rt engine.Runtime, binary string) (string, error) {
	if err := CheckStatic(binary); err != nil {
		return "", err
	}
	f, err := engine.ImageFileFrom(binary, "/refnode", 0o755)
	if err != nil {
		return "", err
	}
	return engine.LoadScratchImage(ctx, rt, engine.ScratchImage{
		Ref: ImageRef, Files: []engine.ImageFile{f}, Entrypoint: []string{"/refnode"},
		Labels: map[string]string{"org.opencontainers.image.title": "refnode"},
	})
}

// Deployed is one started container.
type Deployed struct {
	Name, ID, Role, Node string
}

// Up loads the image from binary and starts every planned container,
// replacing any left from an earlier run of the same cluster.
func Up(ctx context.Context, rt engine.Runtime, binary string, o Options) ([]Deployed, error) {
	ref, err := LoadImage(ctx, rt, binary)
	if err != nil {
		return nil, err
	}
	o.Image = ref
	specs, err := Plan(o)
	if err != nil {
		return nil, err
	}
	if err := Down(ctx, rt, o.Topology.Cluster.Name); err != nil {
		return nil, err
	}
	var out []Deployed
	for _, s := range specs {
		if s.Mounts != nil {
			for i := range s.Mounts {
				abs, err := filepath.Abs(s.Mounts[i].Source)
				if err != nil {
					return out, err
				}
				s.Mounts[i].Source = abs
			}
		}
		id, err := rt.Run(ctx, s)
		if err != nil {
			return out, fmt.Errorf("deploy up: %w (refnode deploy down removes what started)", err)
		}
		out = append(out, Deployed{Name: s.Name, ID: id, Role: s.Labels[LabelRole], Node: s.Labels[LabelNode]})
	}
	return out, nil
}

// Containers lists the containers of a deployed cluster ("" = every
// refnode cluster), sorted by name.
func Containers(ctx context.Context, e engine.Engine, cluster string) ([]engine.Container, error) {
	all, err := e.List(ctx)
	if err != nil {
		return nil, err
	}
	var out []engine.Container
	for _, c := range all {
		if v, ok := c.Labels[LabelCluster]; ok && (cluster == "" || v == cluster) {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Down removes every container of the cluster ("" = of every refnode cluster).
func Down(ctx context.Context, rt engine.Runtime, cluster string) error {
	cs, err := Containers(ctx, rt, cluster)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if err := rt.Remove(ctx, c.ID); err != nil {
			return fmt.Errorf("deploy down: %w", err)
		}
	}
	return nil
}

// WaitRunning waits until every container of the cluster runs.
func WaitRunning(ctx context.Context, e engine.Engine, cluster string, want int) error {
	for {
		cs, err := Containers(ctx, e, cluster)
		if err != nil {
			return err
		}
		n := 0
		for _, c := range cs {
			if c.Running() {
				n++
			}
		}
		if n >= want {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("deploy: %d of %d containers running: %w", n, want, ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}
