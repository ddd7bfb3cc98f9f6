package topo

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tfkit/tfkit/refnode/topologies"
)

// DefaultName is the embedded topology used when no file is given: the
// reference cluster of the Tungsten Fabric getting-started guides.
const DefaultName = "k8s.yaml"

// Default returns the embedded default topology.
func Default() *Topology {
	t, err := Builtin(DefaultName)
	if err != nil {
		panic("refnode/topo: embedded default topology is invalid: " + err.Error())
	}
	return t
}

// Builtin loads one of the ready-made topologies shipped in
// refnode/topologies (minimal.yaml, k8s.yaml, scale-980.yaml).
func Builtin(name string) (*Topology, error) {
	data, err := topologies.FS.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("no built-in topology %q: choose one of %s", name, strings.Join(topologies.Names(), ", "))
	}
	return Parse(data, "builtin:"+name)
}

// Load reads, expands and validates a topology file. An empty path means
// the embedded default; "builtin:<name>" names a ready-made one.
func Load(path string) (*Topology, error) {
	if path == "" {
		return Default(), nil
	}
	if name, ok := strings.CutPrefix(path, "builtin:"); ok {
		return Builtin(name)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read topology (%s): %v: give a readable YAML file or none for the default", path, err)
	}
	return Parse(data, path)
}

var yamlLine = regexp.MustCompile(`^(yaml: )?line (\d+): `)

// Parse decodes, expands and validates a topology. source names the file in
// syntax errors. Unknown keys are errors (a misspelt key must not be
// silently ignored).
func Parse(data []byte, source string) (*Topology, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var t Topology
	if err := dec.Decode(&t); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %s", source, yamlHint(err))
	}
	if err := t.normalize(); err != nil {
		var es Errors
		if errors.As(err, &es) {
			return nil, fmt.Errorf("%s: %w", source, es)
		}
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	return &t, nil
}

// yamlHint turns yaml.v3's errors into one line with what to do.
func yamlHint(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		first := te.Errors[0]
		msg := yamlLine.ReplaceAllString(first, "line $2: ")
		if strings.Contains(first, "not found in type") {
			msg += ": unknown key, check its spelling against refnode/topologies/k8s.yaml"
		}
		if len(te.Errors) > 1 {
			msg += fmt.Sprintf(" (and %d more)", len(te.Errors)-1)
		}
		return msg
	}
	return yamlLine.ReplaceAllString(err.Error(), "line $2: ") + ": fix the YAML syntax"
}

// Marshal writes the topology back as YAML (expanded: generate blocks and
// orchestrator networks appear as plain entries).
func (t *Topology) Marshal() ([]byte, error) {
	out := *t
	out.Orchestrators = nil // their networks and policies are listed
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&out); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}
