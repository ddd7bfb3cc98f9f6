// Package exporter is tf-exporter's logic: Prometheus metrics read from
// the Contrail daemons' introspect pages on each scrape, so monitoring
// needs no analytics (OpenSDN runs without it).
//
// On each scrape the Exporter collects (introspect/collect, read-only
// requests, at most Parallel connections, one deadline per scrape):
// either the cluster found from control nodes (Config.Controls, like ist
// doctor), or the daemons of the given hosts (Config.Hosts: every role
// at its port; a port that refuses the connection has no daemon and is
// left out, unless a daemon answered there before: then it is down, and
// tf_up is 0). Metrics follow node_exporter's conventions: the tf_ prefix,
// base units, _total for counters, one series per state with the state
// as a label where a value is an enum. Every metric is listed in Metrics
// with its labels and help (tf-exporter --help prints them).
package exporter
