package enginetest

import (
	"encoding/json"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// FakeContainer is one container FakeDocker reports.
type FakeContainer struct {
	ID, Name string
	State    string // running, exited, ... ("" = running)
	Labels   map[string]string
	Env      []string
}

// FakeDocker serves the few Docker Engine API calls a listing makes (ping,
// list, inspect) on a unix socket of the test's own, and sets DOCKER_HOST
// to it for the test (child processes inherit it): how Search and
// tf-status treat an engine's answer is tested without a daemon and
// without root. It returns the DOCKER_HOST value.
func FakeDocker(t testing.TB, cs ...FakeContainer) string {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "docker.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]FakeContainer{}
	for i := range cs {
		if cs[i].State == "" {
			cs[i].State = "running"
		}
		byID[cs[i].ID] = cs[i]
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/_ping", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("API-Version", "1.41")
		w.Write([]byte("OK"))
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		p := r.URL.Path
		switch {
		case strings.HasSuffix(p, "/containers/json"):
			list := []map[string]any{}
			for _, c := range cs {
				list = append(list, map[string]any{"Id": c.ID, "Names": []string{"/" + c.Name}, "State": c.State, "Labels": c.Labels})
			}
			json.NewEncoder(w).Encode(list)
		case strings.Contains(p, "/containers/") && strings.HasSuffix(p, "/json"):
			id := strings.TrimSuffix(p[strings.Index(p, "/containers/")+len("/containers/"):], "/json")
			c, ok := byID[id]
			if !ok {
				w.WriteHeader(http.StatusNotFound)
				json.NewEncoder(w).Encode(map[string]string{"message": "No such container: " + id})
				return
			}
			pid := 0
			if c.State == "running" {
				pid = 1
			}
			json.NewEncoder(w).Encode(map[string]any{"Id": c.ID, "Name": "/" + c.Name,
				"State":  map[string]any{"Status": c.State, "Running": c.State == "running", "Pid": pid},
				"Config": map[string]any{"Labels": c.Labels, "Env": c.Env}})
		default:
			http.NotFound(w, r)
		}
	})
	srv := &http.Server{Handler: mux}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	host := "unix://" + sock
	t.Setenv("DOCKER_HOST", host)
	return host
}
