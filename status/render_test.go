package status

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"
	"time"

	"github.com/tfkit/tfkit/engine"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/status")

// sampleReport is a controller+vrouter node: one service down, one
// initializing, one timing out, a shared redis, a driver message.
func sampleReport() Report {
	mk := func(pod, svc, name, state, status string, id byte) Unit {
		return Unit{Key: pod + "." + svc, Pod: pod, Service: svc, OriginalName: name, OriginalVersion: "2024.1", EnvHash: "0123456789ab",
			Container: engine.Container{ID: string(bytes.Repeat([]byte{id}, 64)), Name: name, State: state, Status: status,
				Created: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Env: map[string]string{"NODE_TYPE": pod}}}
	}
	units := []Unit{
		{Key: "contrail-external-redis", OriginalName: "contrail-external-redis", OriginalVersion: "2024.1", EnvHash: "aaaaaaaaaaaa",
			Container: engine.Container{ID: string(bytes.Repeat([]byte{'e'}, 64)), State: "running", Status: "Up 3 hours"}},
		mk("control", "control", "contrail-controller-control-control", "running", "Up 3 hours", 'a'),
		mk("control", "dns", "contrail-controller-control-dns", "running", "Up 3 hours", 'b'),
		mk("control", "named", "contrail-controller-control-named", "running", "Up 3 hours", 'c'),
		mk("control", "nodemgr", "contrail-controller-control-nodemgr", "exited", "Exited (137) 2 minutes ago", 'd'),
		mk("vrouter", "agent", "contrail-vrouter-agent", "running", "Up 3 hours", 'f'),
		mk("vrouter", "nodemgr", "contrail-vrouter-nodemgr", "running", "Up 3 hours", '1'),
	}
	u := func(i int) *Unit { return &units[i] }
	return Report{
		Units:    units,
		Messages: []string{MsgKernelModule},
		Pods: []PodSection{
			{Pod: "control", Services: []ServiceStatus{
				{Pod: "control", Service: "nodemgr", State: StateInactive, Unit: u(4)},
				{Pod: "control", Service: "control", State: StateActive, Unit: u(1), URL: "http://127.0.1.1:8083/",
					Connections: []Connection{{Type: "Collector", ServerAddrs: []string{"127.0.0.1:8086"}, Status: "Up", Description: "Established"}}},
				{Pod: "control", Service: "named", State: StateActive, Unit: u(3)},
				{Pod: "control", Service: "dns", State: StateTimeout, Unit: u(2), URL: "http://127.0.1.1:8092/"},
			}},
			{Pod: "vrouter", Services: []ServiceStatus{
				{Pod: "vrouter", Service: "nodemgr", State: StateActive, Unit: u(6), URL: "http://127.0.2.1:8102/",
					Processes: []Process{{Name: "contrail-vrouter-agent", State: "PROCESS_STATE_RUNNING", StartCount: 1, StopCount: 0, ExitCount: 0}}},
				{Pod: "vrouter", Service: "agent", State: StateInitializing, Description: "No control-node connection", Unit: u(5), URL: "http://127.0.2.1:8085/"},
			}},
		},
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := fixture(name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./status -run Render -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestRenderLayouts(t *testing.T) {
	r := sampleReport()
	for _, tc := range []struct {
		file, format string
		detail       bool
	}{
		{"report.txt", FormatText, false},
		{"report-detail.txt", FormatText, true},
		{"report.json", FormatJSON, false},
		{"report-table.txt", FormatTable, false},
	} {
		var b bytes.Buffer
		if err := Render(&b, r, tc.format, tc.detail); err != nil {
			t.Fatal(err)
		}
		golden(t, tc.file, b.Bytes())
	}
	if err := Render(&bytes.Buffer{}, r, "yaml", false); err == nil {
		t.Error("Render accepted format yaml")
	}
	if r.ExitCode() != 1 {
		t.Error("exit code 0 with an inactive service")
	}
}

func TestRenderJSONSchema(t *testing.T) {
	var b bytes.Buffer
	if err := Render(&b, sampleReport(), FormatJSON, true); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Containers map[string]map[string]any      `json:"containers"`
		Pods       map[string][]map[string]string `json:"pods"`
		Msgs       []string                       `json:"msgs"`
		Details    map[string]map[string]any      `json:"details"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	c := doc.Containers["control.control"]
	for _, k := range []string{"Pod", "Service", "Original Name", "Original Version", "State", "Status", "Id", "Created", "Env", "env_hash"} {
		if _, ok := c[k]; !ok {
			t.Errorf("container entry lacks %q: %v", k, c)
		}
	}
	if c["Id"] != "aaaaaaaaaaaa" {
		t.Errorf("Id %v, want the 12-character short id", c["Id"])
	}
	if got := doc.Pods["vrouter"][1]["agent"]; got != "initializing (No control-node connection)" {
		t.Errorf("pods.vrouter[1].agent = %q", got)
	}
	if doc.Msgs[0] != MsgKernelModule || doc.Details["control"]["control"] == nil {
		t.Errorf("msgs %v details %v", doc.Msgs, doc.Details)
	}
}
