package packaging

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// docs reads every YAML document of a manifest file.
func docs(t *testing.T, name string) []map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("k8s", name))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("\t")) {
		t.Errorf("%s: a tab (YAML indents with spaces)", name)
	}
	var out []map[string]any
	dec := yaml.NewDecoder(bytes.NewReader(b))
	for {
		var d map[string]any
		err := dec.Decode(&d)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s: document %d: %v", name, len(out)+1, err)
		}
		for _, f := range []string{"apiVersion", "kind", "metadata.name"} {
			if s, _ := get(d, f).(string); s == "" {
				t.Errorf("%s: document %d has no %s", name, len(out)+1, f)
			}
		}
		out = append(out, d)
	}
}

// get walks a dotted path of maps; a number selects a list element.
func get(v any, path string) any {
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			var i int
			if _, err := fmt.Sscan(k, &i); err != nil || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func byKind(ds []map[string]any, kind string) map[string]any {
	for _, d := range ds {
		if d["kind"] == kind {
			return d
		}
	}
	return nil
}

func strs(v any) []string {
	var out []string
	l, _ := v.([]any)
	for _, x := range l {
		out = append(out, fmt.Sprint(x))
	}
	return out
}

// TestExporterDaemonSet: the DaemonSet runs tf-exporter from the tools
// image on the host network, serves /metrics on 9750 where its probes,
// annotations and Service look, and selects its own pods.
func TestExporterDaemonSet(t *testing.T) {
	ds := docs(t, "tf-exporter.yaml")
	d, svc := byKind(ds, "DaemonSet"), byKind(ds, "Service")
	if d == nil || svc == nil || byKind(ds, "Namespace") == nil || byKind(ds, "ServiceAccount") == nil {
		t.Fatalf("kinds %v: want Namespace, ServiceAccount, DaemonSet, Service", kinds(ds))
	}
	if get(d, "apiVersion") != "apps/v1" || get(d, "spec.template.spec.hostNetwork") != true {
		t.Errorf("DaemonSet: apiVersion %v, hostNetwork %v", get(d, "apiVersion"), get(d, "spec.template.spec.hostNetwork"))
	}
	labels, _ := get(d, "spec.template.metadata.labels").(map[string]any)
	for k, v := range get(d, "spec.selector.matchLabels").(map[string]any) {
		if labels[k] != v {
			t.Errorf("selector %s=%v does not select the template (labels %v)", k, v, labels)
		}
	}
	for k, v := range get(svc, "spec.selector").(map[string]any) {
		if labels[k] != v {
			t.Errorf("Service selector %s=%v does not select the DaemonSet's pods", k, v)
		}
	}
	c := get(d, "spec.template.spec.containers.0")
	if get(c, "image") != ImageRef || !slices.Equal(strs(get(c, "command")), []string{"tf-exporter"}) {
		t.Errorf("container image %v command %v, want %s and tf-exporter", get(c, "image"), get(c, "command"), ImageRef)
	}
	args := strings.Join(strs(get(c, "args")), " ")
	if !strings.Contains(args, "--listen=:9750") || !strings.Contains(args, "--hosts=") {
		t.Errorf("args %q: want --listen=:9750 and --hosts", args)
	}
	if get(c, "ports.0.containerPort") != 9750 || get(c, "ports.0.name") != "metrics" {
		t.Errorf("ports %v", get(c, "ports"))
	}
	ann, _ := get(d, "spec.template.metadata.annotations").(map[string]any)
	if ann["prometheus.io/port"] != "9750" || ann["prometheus.io/path"] != "/metrics" || ann["prometheus.io/scrape"] != "true" {
		t.Errorf("annotations %v", ann)
	}
	for _, p := range []string{"readinessProbe", "livenessProbe"} {
		if get(c, p+".httpGet.path") != "/metrics" || get(c, p+".httpGet.port") != "metrics" {
			t.Errorf("%s %v", p, get(c, p))
		}
	}
	if get(svc, "spec.ports.0.port") != 9750 || get(svc, "spec.ports.0.targetPort") != "metrics" {
		t.Errorf("Service ports %v", get(svc, "spec.ports"))
	}
	if get(c, "securityContext.runAsNonRoot") != true || get(c, "securityContext.readOnlyRootFilesystem") != true {
		t.Errorf("securityContext %v: the exporter only reads HTTP, it runs unprivileged", get(c, "securityContext"))
	}
}

// TestNodeJob: the Job runs a tool of the image once on the named node,
// with the host's PIDs, network and /run (the engines' sockets, the pods'
// namespaces) where the image's /var/run link expects it.
func TestNodeJob(t *testing.T) {
	ds := docs(t, "tfkit-node-job.yaml")
	j := byKind(ds, "Job")
	if len(ds) != 1 || j == nil || get(j, "apiVersion") != "batch/v1" {
		t.Fatalf("kinds %v: want one batch/v1 Job", kinds(ds))
	}
	spec := get(j, "spec.template.spec")
	if get(spec, "restartPolicy") != "Never" || get(spec, "hostPID") != true || get(spec, "hostNetwork") != true ||
		get(spec, "nodeName") != "NODE-NAME" || !strings.HasSuffix(get(j, "metadata.name").(string), "NODE-NAME") {
		t.Errorf("pod spec %v", spec)
	}
	c := get(spec, "containers.0")
	if cmd := strs(get(c, "command")); get(c, "image") != ImageRef || len(cmd) != 1 || !slices.Contains(Tools, cmd[0]) {
		t.Errorf("container image %v command %v: want a tool of %s", get(c, "image"), cmd, ImageRef)
	}
	if get(c, "volumeMounts.0.mountPath") != "/run" || get(c, "volumeMounts.0.name") != get(spec, "volumes.0.name") ||
		get(spec, "volumes.0.hostPath.path") != "/run" {
		t.Errorf("mounts %v volumes %v: want the host's /run on /run", get(c, "volumeMounts"), get(spec, "volumes"))
	}
}

func kinds(ds []map[string]any) []string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprint(d["kind"]))
	}
	return out
}

func TestFindTools(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ist"), nil, 0o755)
	if _, err := FindTools(dir); err == nil || !strings.Contains(err.Error(), "tf-status, tf-capture, tf-capture-engines") {
		t.Errorf("FindTools with ist alone: %v, want the missing ones named", err)
	}
	for _, n := range []string{"tf-status", "tf-capture", "tf-capture-engines", "tf-exporter"} {
		os.WriteFile(filepath.Join(dir, n), nil, 0o755)
	}
	got, err := FindTools(dir)
	if err != nil || len(got) != 5 || got["tf-exporter"] == "" {
		t.Errorf("FindTools = %v, %v: want the four tools and tf-exporter", got, err)
	}
}
