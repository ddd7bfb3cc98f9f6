package catalog

// Analytics daemons with commands of their own (ist.py CLI_collector; the
// collector is C++, its two requests take no arguments). analytics,
// alarm_gen and qe have only the common commands in ist.py, as they do here.
func init() {
	Register(
		&Command{
			Role: "collector", Words: []string{"server"}, Usage: "collector server info: socket and DB stats, generators, DB tables",
			Examples: []string{"ist collector server generators", "ist collector server generators -c source module_id state",
				"ist collector server stats", "ist collector server table"},
			Params: []Param{{Name: "type", Positional: true, Required: true, Choices: []string{"stats", "generators", "table", "stats_table"},
				Usage: "what to show"}},
			Resolve: func(in Input) (Query, error) {
				q := Query{Request: "ShowCollectorServerReq"}
				switch in.String("type") {
				case "stats":
					// ist.py prints /ShowCollectorServerResp/{rx_socket_stats,
					// tx_socket_stats,stats,cql_metrics,errors/DbErrors} as text.
					q.Records, q.Field, q.Format = []string{"ShowCollectorServerResp"}, "*", "text"
					q.Filter = onlyPaths("rx_socket_stats", "tx_socket_stats", "stats", "cql_metrics", "errors/DbErrors")
				case "generators":
					q.Records = []string{"GeneratorSummaryInfo"}
				case "table":
					q.Records, q.Filter = []string{"DbTableInfo", "table_info"}, underPath("table_info/list")
				case "stats_table":
					q.Records, q.Filter = []string{"DbTableInfo", "statistics_table_info"}, underPath("statistics_table_info/list")
				}
				return q, nil
			},
		},
		&Command{
			Role: "collector", Words: []string{"redis"}, Usage: "redis UVE connection counters",
			Examples: []string{"ist collector redis", "ist collector redis --format json"}, NoFormat: true,
			Query: Query{Request: "RedisUVERequest", Records: []string{"RedisUveInfo"}, Field: "*", Format: "text"},
		},
	)
}
