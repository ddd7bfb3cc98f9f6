// Package query runs one ist catalogue command: it checks the input,
// plans the request (and the ones chained after it), fetches every host
// and prints, so that cmd/ist is flag wiring and ist doctor, trace and
// bundle can reuse the pipeline without a cli.Context.
//
//	q, err := query.New("ctr", cmd, query.Params{Args: []string{"foo"}, Strings: map[string]string{"type": "BGP"}}, query.Options{Format: "json"})
//	err = q.Run(ctx, cl, os.Stdout)
//
// # Several hosts (--host a,b,c)
//
// One rule for every command:
//
//   - a host's part of the output is printed whole or not at all;
//   - a host that fails (refused, timed out after --timeout, HTTP error,
//     bad XML) prints nothing on stdout and one error line on stderr, and
//     the hosts that answered are printed all the same;
//   - the exit status is the worst class among the failed hosts (0 when
//     all answered);
//   - output that is one document across hosts (a table with a host
//     column, a JSON array) is printed once every host has answered or
//     failed; output made of per-host sections ("== host ==": -f text,
//     ctr route show, vr route, status …) prints each section as soon as
//     it and the sections of the hosts given before it are complete, so a
//     hanging host holds back only the hosts listed after it, and only
//     until --timeout.
//
// One host prints as it always did: no "== host ==" line, and the records
// reach streaming printers while the page is still being parsed.
package query
