package status

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/internal/records"
	"github.com/tfkit/tfkit/internal/redact"
)

// Formats accepted by Render.
const (
	FormatText  = "text"
	FormatJSON  = "json"
	FormatTable = "table"
)

// Render writes the report in format; detail adds connection and process
// information. The whole output is built first, then written at once.
func Render(w io.Writer, r Report, format string, detail bool) error {
	var b bytes.Buffer
	switch format {
	case FormatText, "":
		writeText(&b, r, detail)
	case FormatJSON:
		if err := writeJSON(&b, r, detail); err != nil {
			return err
		}
	case FormatTable:
		if err := writeTable(&b, r, detail); err != nil {
			return err
		}
	default:
		return records.Check(format)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// containerRows is the container table, as contrail-status prints it.
func containerRows(r Report) [][]string {
	rows := [][]string{{"Pod", "Service", "Original Name", "Original Version", "State", "Id", "Status"}}
	for _, u := range r.Units {
		rows = append(rows, []string{u.Pod, u.Service, u.OriginalName, u.OriginalVersion,
			u.Container.State, u.Container.ShortID(), u.Container.Status})
	}
	return rows
}

// writeColumns left-aligns rows, each column 2 wider than its widest cell
// (the last column is not padded).
func writeColumns(b *bytes.Buffer, rows [][]string) {
	var width []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	for _, r := range rows {
		var line strings.Builder
		for i, c := range r {
			line.WriteString(c)
			if i < len(r)-1 {
				line.WriteString(strings.Repeat(" ", width[i]+2-len([]rune(c))))
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
}

func writeText(b *bytes.Buffer, r Report, detail bool) {
	for _, w := range r.Warnings {
		b.WriteString(w + "\n")
	}
	writeColumns(b, containerRows(r))
	b.WriteByte('\n')
	for _, m := range r.Messages {
		b.WriteString(m + "\n")
	}
	if len(r.Messages) > 0 {
		b.WriteByte('\n')
	}
	for _, p := range r.Pods {
		fmt.Fprintf(b, "== Contrail %s ==\n", p.Pod)
		for _, s := range p.Services {
			fmt.Fprintf(b, "%s: %s\n", s.Service, s.Line())
			if detail {
				writeDetail(b, s)
			}
		}
		b.WriteByte('\n')
	}
}

// writeDetail adds, under a service line, where it was asked and what its
// NodeStatus says about its connections and processes.
func writeDetail(b *bytes.Buffer, s ServiceStatus) {
	if s.URL != "" {
		fmt.Fprintf(b, "    introspect: %s\n", s.URL)
	}
	if s.Hint != "" {
		fmt.Fprintf(b, "    hint: %s\n", s.Hint)
	}
	if s.Unit != nil {
		c := s.Unit.Container
		fmt.Fprintf(b, "    container: %s (%s, pid %d, restarts %d)\n", c.Name, c.Status, c.Pid, c.Restarts)
	}
	for _, c := range s.Connections {
		line := fmt.Sprintf("    connection: %s %s", c.Type, c.Name)
		if len(c.ServerAddrs) > 0 {
			line += " [" + strings.Join(c.ServerAddrs, ", ") + "]"
		}
		line += " " + c.Status
		if c.Description != "" {
			line += " (" + c.Description + ")"
		}
		b.WriteString("    " + strings.Join(strings.Fields(line), " ") + "\n")
	}
	for _, p := range s.Processes {
		fmt.Fprintf(b, "    process: %s %s starts %d stops %d exits %d\n", p.Name, p.State, p.StartCount, p.StopCount, p.ExitCount)
	}
}

// writeTable is tfkit's table (internal/records): one row per service.
func writeTable(b *bytes.Buffer, r Report, detail bool) error {
	set := records.Set{Columns: []string{"pod", "service", "state", "description", "container", "status"}}
	if detail {
		set.Columns = append(set.Columns, "introspect")
	}
	for _, p := range r.Pods {
		for _, s := range p.Services {
			name, st := "", ""
			if s.Unit != nil {
				name, st = s.Unit.Container.Name, s.Unit.Container.Status
			}
			row := []string{p.Pod, s.Service, s.State, s.Description, name, st}
			if detail {
				row = append(row, s.URL)
			}
			set.Rows = append(set.Rows, row)
		}
	}
	return records.Write(b, records.Table, nil, set)
}

// jsonContainer is one entry of contrail-status's "containers" object.
type jsonContainer struct {
	Pod             string   `json:"Pod"`
	Service         string   `json:"Service"`
	OriginalName    string   `json:"Original Name"`
	OriginalVersion string   `json:"Original Version"`
	State           string   `json:"State"`
	Status          string   `json:"Status"`
	ID              string   `json:"Id"`
	Created         string   `json:"Created"`
	Env             []string `json:"Env"`
	EnvHash         string   `json:"env_hash"`
}

// jsonDetail is tf-status's -d addition, under "details".
type jsonDetail struct {
	State       string       `json:"state"`
	Description string       `json:"description,omitempty"`
	Introspect  string       `json:"introspect,omitempty"`
	Hint        string       `json:"hint,omitempty"`
	Connections []Connection `json:"connections,omitempty"`
	Processes   []Process    `json:"processes,omitempty"`
}

func writeJSON(b *bytes.Buffer, r Report, detail bool) error {
	out := struct {
		Containers map[string]jsonContainer         `json:"containers"`
		Pods       map[string][]map[string]string   `json:"pods"`
		Msgs       []string                         `json:"msgs"`
		Warnings   []string                         `json:"warnings,omitempty"`
		Details    map[string]map[string]jsonDetail `json:"details,omitempty"`
	}{Containers: map[string]jsonContainer{}, Pods: map[string][]map[string]string{}, Msgs: r.Messages, Warnings: r.Warnings}
	if out.Msgs == nil {
		out.Msgs = []string{}
	}
	for _, u := range r.Units {
		c := u.Container
		created := ""
		if !c.Created.IsZero() {
			created = c.Created.UTC().Format(time.RFC3339Nano)
		}
		out.Containers[u.Key] = jsonContainer{Pod: u.Pod, Service: u.Service, OriginalName: u.OriginalName,
			OriginalVersion: u.OriginalVersion, State: c.State, Status: c.Status, ID: c.ShortID(),
			Created: created, Env: redact.Env(engine.EnvList(c.Env)), EnvHash: u.EnvHash}
	}
	if detail {
		out.Details = map[string]map[string]jsonDetail{}
	}
	for _, p := range r.Pods {
		list := []map[string]string{}
		for _, s := range p.Services {
			list = append(list, map[string]string{s.Service: s.Line()})
			if detail {
				if out.Details[p.Pod] == nil {
					out.Details[p.Pod] = map[string]jsonDetail{}
				}
				out.Details[p.Pod][s.Service] = jsonDetail{State: s.State, Description: s.Description,
					Introspect: s.URL, Hint: s.Hint, Connections: s.Connections, Processes: s.Processes}
			}
		}
		out.Pods[p.Pod] = list
	}
	enc := json.NewEncoder(b)
	enc.SetIndent("", "    ")
	return enc.Encode(out)
}
