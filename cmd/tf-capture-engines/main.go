// Command tf-capture-engines is the part of tf-capture that talks to the
// container engines (Docker, containerd): tf-capture runs it to look a pod
// or container up by name and for tf-capture why, so that tf-capture
// itself starts without the engine clients (internal/capturecli).
package main

import "github.com/tfkit/tfkit/internal/capturecli/engines"

func main() { engines.Main() }
