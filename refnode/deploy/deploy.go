package deploy

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"time"

	"github.com/tfkit/tfkit/engine"
)

// LoadImage builds the refnode image FROM scratch from a refnode binary
// (entrypoint /refnode) and loads it as ref ("" = ImageRef); it returns
// the stored reference. The binary may be static or a plain `go build`
// (cgo on): engine.ExecutableFiles brings its loader and libraries.
func LoadImage(ctx context.Context, rt engine.Runtime, binary, ref string) (string, error) {
	files, env, err := engine.ExecutableFiles(binary, "/refnode")
	if err != nil {
		return "", fmt.Errorf("refnode image: %w", err)
	}
	if ref == "" {
		ref = ImageRef
	}
	return engine.LoadScratchImage(ctx, rt, engine.ScratchImage{
		Ref: ref, Files: files, Env: env, Entrypoint: []string{"/refnode"},
		Labels: map[string]string{"org.opencontainers.image.title": "refnode"},
	})
}

// Deployed is one started container.
type Deployed struct {
	Name, ID, Role, Node string
}

// Up loads the image from binary (as o.Image) and starts every planned container,
// replacing any left from an earlier run of the same cluster.
func Up(ctx context.Context, rt engine.Runtime, binary string, o Options) ([]Deployed, error) {
	ref, err := LoadImage(ctx, rt, binary, o.Image)
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
