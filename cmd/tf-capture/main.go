// Command tf-capture captures packets in a pod's or container's network
// namespace, runs host commands there, and explains why containers exited.
// Name lookups and why run tf-capture-engines (internal/capturecli).
package main

import "github.com/tfkit/tfkit/internal/capturecli"

func main() { capturecli.Main(capturecli.Helper{}) }
