package main

import "github.com/tfkit/tfkit/introspect/client"

// exitCode maps an error to the process exit status: the introspect
// client's classes (2 usage, 3 connection, 4 HTTP, 5 parse, 6 TLS), 1 for
// anything else.
func exitCode(err error) int { return client.ExitCode(err) }
