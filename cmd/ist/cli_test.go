package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/internal/clikit/clitest"
	"github.com/tfkit/tfkit/internal/testnet"
	"github.com/tfkit/tfkit/introspect/catalog"
)

// bin is ist built once by TestMain: the tests below run it, so the exit
// status checked is the one main() exits with.
var bin string

func TestMain(m *testing.M) { clitest.Main(m, "github.com/tfkit/tfkit/cmd/ist", &bin) }

// TestUsageErrorsOnEveryCommand tries a bad flag on every command of the
// tree (every role, every catalogue command, follow), an unknown command
// under every role and group, and a bad --format on every command.
func TestUsageErrorsOnEveryCommand(t *testing.T) {
	clitest.CheckUsageErrors(t, bin, newApp(), 250)
}

// TestSomeHostsDownThroughMain: the answering host is printed on stdout,
// each failed host is one line on stderr, the status is the worst class.
func TestSomeHostsDownThroughMain(t *testing.T) {
	good := serve(t, map[string]string{neiPath: fixture(t, "BgpNeighborReq.xml")})
	stuck := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer stuck.Close()
	hang, dead := strings.TrimPrefix(stuck.URL, "http://"), testnet.DeadAddr(t)
	r := clitest.Exec(t, bin, "ctr", "nei", "-t", "BGP", "-c", "peer", "state", "--host", dead+","+good+","+hang, "--timeout", "0.5")
	lines := strings.Split(strings.TrimSuffix(r.Stderr, "\n"), "\n")
	if r.Code != 3 || strings.Count(r.Stdout, "| "+good+" |") != 2 || len(lines) != 2 ||
		!strings.HasPrefix(lines[0], "ist: connection refused ("+dead) || !strings.HasPrefix(lines[1], "ist: no answer within 500ms ("+hang) {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", r.Code, r.Stdout, r.Stderr)
	}
}

// TestHelpExamplesParse runs every example of every catalogue command's
// help against a refused address: none may be a usage error (a flag the
// command lacks, a bad value, an unknown command).
func TestHelpExamplesParse(t *testing.T) {
	dead := testnet.DeadAddr(t)
	n := 0
	for _, role := range catalog.Roles() {
		for _, cmd := range catalog.ForRole(role.Name) {
			for _, ex := range cmd.Examples {
				line, _, _ := strings.Cut(ex, "|") // the shell's part
				line, _, _ = strings.Cut(line, "#")
				words := strings.Fields(line)
				if len(words) == 0 || words[0] != "ist" {
					continue
				}
				n++
				_, errs, code := runMain(t, append(words[1:], "--host", dead, "--timeout", "1")...)
				if code == 2 {
					t.Errorf("%s: usage error: %s", ex, errs)
				}
			}
		}
	}
	if n < 50 {
		t.Fatalf("only %d examples", n)
	}
}
