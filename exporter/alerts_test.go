package exporter_test

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/tfkit/tfkit/exporter"
)

const alertsFile = "tf-alerts.yml"

// TestAlertRulesPromtool: Debian's promtool (installed by
// scripts/setup-test-env.sh) accepts the example rules.
func TestAlertRulesPromtool(t *testing.T) {
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Skip("promtool not installed (scripts/setup-test-env.sh installs Debian's prometheus package); TestAlertRulesMetrics still checks the file")
	}
	out, err := exec.Command(promtool, "check", "rules", alertsFile).CombinedOutput()
	if err != nil {
		t.Fatalf("promtool check rules: %v\n%s", err, out)
	}
}

// TestAlertRulesMetrics: the rules parse, each has a severity and a
// summary, the three alerts the issue asks for are there (BGP down, fewer
// than two XMPP sessions, a process down), and every tf_ metric an
// expression uses is one the exporter serves, with the labels the
// annotations read.
func TestAlertRulesMetrics(t *testing.T) {
	data, err := os.ReadFile(alertsFile)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Groups []struct {
			Rules []struct {
				Alert       string            `yaml:"alert"`
				Expr        string            `yaml:"expr"`
				Labels      map[string]string `yaml:"labels"`
				Annotations map[string]string `yaml:"annotations"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	if err := yaml.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	served := map[string][]string{}
	for _, m := range exporter.Metrics {
		served[m.Name] = m.Labels
	}
	names, labels := regexp.MustCompile(`tf_[a-z0-9_]+`), regexp.MustCompile(`\$labels\.([a-z_]+)`)
	var alerts []string
	for _, g := range f.Groups {
		for _, r := range g.Rules {
			alerts = append(alerts, r.Alert)
			if r.Labels["severity"] == "" || r.Annotations["summary"] == "" {
				t.Errorf("%s: no severity or summary", r.Alert)
			}
			var have []string
			for _, n := range names.FindAllString(r.Expr, -1) {
				ls, ok := served[n]
				if !ok {
					t.Errorf("%s: %s is not a metric of tf-exporter", r.Alert, n)
				}
				have = append(have, ls...)
			}
			for _, a := range r.Annotations {
				for _, m := range labels.FindAllStringSubmatch(a, -1) {
					if !slices.Contains(have, m[1]) {
						t.Errorf("%s: $labels.%s is not a label of its metrics %v", r.Alert, m[1], have)
					}
				}
			}
		}
	}
	for _, a := range []string{"TFBGPPeerDown", "TFVRouterXMPPSessionsLow", "TFProcessDown"} {
		if !slices.Contains(alerts, a) {
			t.Errorf("no %s alert", a)
		}
	}
}
