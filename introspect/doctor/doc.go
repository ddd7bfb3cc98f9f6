// Package doctor is `ist doctor`: it reads a whole cluster's introspect
// (collected by introspect/collect), runs the checks and reports each
// failed check as a Finding: severity, node, check id, what is wrong, the
// evidence (the value seen and the introspect URL that shows it), the
// likely cause and the next commands to run.
//
// Checks are data (checks.go): an id, the requests they read, a predicate
// over a View of the collection, a severity and templates for what is
// wrong, the cause and the next commands. Causes come from tables of the
// reason texts the daemons publish (causes.go). Every check has a refnode
// fault that produces it in the tests; a healthy cluster gives none.
//
//	checks := doctor.Checks
//	col, err := collector.Run(ctx, hosts, hostsFile, doctor.Plan(checks))
//	rep := doctor.Evaluate(col, checks, doctor.Options{}, time.Now())
//	out, err := doctor.Append(nil, rep, doctor.FormatTable)
//
// Output: a one-screen summary (nodes per role: answering, functional,
// sessions Established), then the findings by severity; text gives each
// finding whole, JSON is Report (schema "tfkit.doctor/v1", JSONHelp), JUnit
// has a case per check and node.
package doctor
