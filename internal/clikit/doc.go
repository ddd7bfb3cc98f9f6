// Package clikit is what the four tfkit binaries (ist, tf-status,
// tf-capture, refnode) share on the command line, so that they keep one
// contract (docs/ARCHITECTURE.md):
//
//   - Run/Main: flags anywhere on the line (Normalize), usage errors of
//     the app and of every subcommand as one line on stderr and status 2,
//     unknown subcommands likewise, errors as "<binary>: <what> (<where>):
//     <hint>", exit status from the error (ExitCode), panics as status 70;
//     every binary that imports the kit runs as a guarded child of itself
//     (package guard, from its initialization, before the heavy packages
//     are initialized), so that a crash the runtime ends with status 2 (a
//     panic in another goroutine, out of memory) exits 70 too;
//   - Error, Usagef, Failf, Exit: errors that carry their exit status;
//   - FormatFlag: -f/--format, checked once, with one wording
//     (internal/records writes the formats);
//   - DurationFlag: every --timeout-like flag takes seconds or a duration.
package clikit
