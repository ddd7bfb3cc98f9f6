// Command guarded is a program on clikit.Main for the kit's tests: each
// command ends in a way the exit status must tell apart.
package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	_ "github.com/tfkit/tfkit/internal/clikit/guard" // crashes exit 70: runs the program as a child of itself
)

// started is set by this package's initialization, which only the
// guard's child runs (TestMainGuardParentInitsLittle traces it).
var started = time.Now()

func main() {
	do := func(name string, f func() error) *cli.Command {
		return &cli.Command{Name: name, Action: func(*cli.Context) error { return f() }}
	}
	clikit.Main(&cli.App{Name: "guarded", Commands: []*cli.Command{
		do("ok", func() error { return nil }),
		do("exit3", func() error { return clikit.Exit(3) }),
		do("usage", func() error { return clikit.Usagef("see guarded --help", "bad") }),
		do("panic", func() error { panic("in the action") }),
		do("goroutine-panic", func() error {
			go func() { panic("in another goroutine") }()
			time.Sleep(time.Minute)
			return nil
		}),
		do("fatal", func() error {
			var mu sync.Mutex
			mu.Unlock() // fatal error: not a panic, cannot be recovered
			return nil
		}),
		do("cat", func() error {
			_, err := io.Copy(os.Stdout, os.Stdin)
			return err
		}),
		do("env", func() error {
			_, err := fmt.Println(os.Getenv("TFKIT_CLIKIT_CRASH_FD") == "")
			return err
		}),
		do("wait", func() error {
			fmt.Println("waiting")
			time.Sleep(time.Minute)
			return nil
		}),
	}}, clikit.Options{})
}
