// Package topologies holds the ready-made refnode topology files, embedded
// in the binary so `refnode up` works without any file on disk.
package topologies

import (
	"embed"
	"io/fs"
	"sort"
)

// FS holds every *.yaml of this directory.
//
//go:embed *.yaml
var FS embed.FS

// Names lists the embedded topology files.
func Names() []string {
	ents, _ := fs.ReadDir(FS, ".")
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}
