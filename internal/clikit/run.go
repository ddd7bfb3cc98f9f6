package clikit

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"
)

// Options tune how Run reads the command line.
type Options struct {
	// ListFlags take every word that follows them up to the next flag,
	// joined with commas (argparse nargs='*': ist's "-c peer state"); a
	// list flag with no word after it is dropped (the default applies).
	ListFlags []string
}

// Main runs app on os.Args and exits with its status (see Run). The
// binary's main package imports internal/clikit/guard, so this runs in
// the child process the guard started at initialization, whose crashes
// exit 70; the parent never gets here.
func Main(app *cli.App, opt Options) {
	os.Exit(Run(app, os.Args, opt))
}

// Run runs app on args (args[0] is the program name) and returns the exit
// status, after the contract of every tfkit binary:
//
//   - flags may follow positional arguments (Normalize);
//   - a usage error anywhere (unknown flag, bad flag value, missing
//     required flag, unknown command) is one line on stderr,
//     "<binary>: <problem>: see <binary> <command> --help", nothing on
//     stdout, and status 2;
//   - an error returned by an action is printed as "<binary>: <line>"
//     for each of its lines, and the status is ExitCode(err);
//   - a panic in the action's goroutine is printed with its stack and the
//     status is ExitCrash (70), never a documented code.
//
// Output goes to app.Writer and app.ErrWriter (os.Stdout and os.Stderr
// when nil), so tests can run an app in process.
func Run(app *cli.App, args []string, opt Options) (code int) {
	if app.Writer == nil {
		app.Writer = os.Stdout
	}
	if app.ErrWriter == nil {
		app.ErrWriter = os.Stderr
	}
	if len(args) > 1 && args[1] == GenerateCommand {
		// Before prepare: the tree as written, where a command without
		// an action of its own only groups others or carries global
		// options.
		return report(app.ErrWriter, app.Name, generate(app, args[2:]))
	}
	prepare(app)
	defer func() {
		if err := Recovered(recover()); err != nil {
			code = report(app.ErrWriter, app.Name, err)
		}
	}()
	err := app.Run(append([]string{args[0]}, Normalize(app, args[1:], opt)...))
	return report(app.ErrWriter, app.Name, err)
}

// report prints err, one "<binary>: " line per line of its text, and
// returns its exit status.
func report(w io.Writer, binary string, err error) int {
	if err == nil {
		return ExitOK
	}
	var b strings.Builder
	for _, line := range strings.Split(err.Error(), "\n") {
		if line != "" {
			b.WriteString(binary + ": " + line + "\n")
		}
	}
	io.WriteString(w, b.String())
	return ExitCode(err)
}

// prepare installs the kit's handlers on the app and every command under
// it: urfave/cli sets OnUsageError per command and would print a help page
// on stdout (exit 1) for a subcommand's bad flag, answer an unknown
// subcommand with "No help topic" (exit 3), and call os.Exit itself for
// cli.Exit errors.
func prepare(app *cli.App) {
	app.OnUsageError = usageError
	app.ExitErrHandler = func(*cli.Context, error) {}
	app.HideHelpCommand = true
	if app.Action == nil && len(app.Commands) > 0 {
		app.Action = group
	}
	app.Action = checkRequired(app.Flags, app.Action)
	for _, c := range app.Commands {
		prepareCommand(c)
	}
}

func prepareCommand(c *cli.Command) {
	c.HelpName = "" // urfave/cli derives it again, and would prefix it once more on every run of a reused command
	c.OnUsageError = usageError
	c.HideHelpCommand = true
	if c.Action == nil && len(c.Subcommands) > 0 {
		c.Action = group
	}
	c.Action = checkRequired(c.Flags, c.Action)
	for _, s := range c.Subcommands {
		prepareCommand(s)
	}
}

// helpName is the command line that names c's command ("refnode ctl
// state"), for "see … --help".
func helpName(c *cli.Context) string {
	if c.Command != nil && c.Command.HelpName != "" {
		return c.Command.HelpName
	}
	return c.App.Name
}

// helpHint is "see <command> --help".
func helpHint(c *cli.Context) string { return "see " + helpName(c) + " --help" }

func usageError(c *cli.Context, err error, _ bool) error {
	return Usagef(helpHint(c), "%v", err)
}

// group is the action of a command that only holds subcommands: no
// argument shows its help; anything else is an unknown command.
func group(c *cli.Context) error {
	if c.NArg() == 0 {
		if c.Command == nil || c.Command.HelpName == "" || c.Command.HelpName == c.App.Name {
			return cli.ShowAppHelp(c)
		}
		return cli.ShowSubcommandHelp(c)
	}
	words := strings.TrimPrefix(strings.TrimPrefix(helpName(c), c.App.Name), " ")
	if words != "" {
		words += " "
	}
	return Usagef(helpHint(c)+" for the commands", "unknown command %q", words+c.Args().First())
}

// checkRequired takes the Required mark off flags (urfave/cli answers a
// missing one with a help page on stdout) and checks them in the action
// instead, as a usage error.
func checkRequired(flags []cli.Flag, action cli.ActionFunc) cli.ActionFunc {
	var names []string
	for _, f := range flags {
		if n := unrequire(f); n != "" {
			names = append(names, n)
		}
	}
	if len(names) == 0 || action == nil {
		return action
	}
	return func(c *cli.Context) error {
		for _, n := range names {
			if !c.IsSet(n) {
				return Usagef(helpHint(c), "missing --%s", n)
			}
		}
		return action(c)
	}
}

// unrequire clears the Required field of the flag types tfkit uses and
// returns the flag's name when it was set.
func unrequire(f cli.Flag) string {
	var req *bool
	switch f := f.(type) {
	case *cli.StringFlag:
		req = &f.Required
	case *cli.IntFlag:
		req = &f.Required
	case *cli.BoolFlag:
		req = &f.Required
	case *cli.Float64Flag:
		req = &f.Required
	case *cli.DurationFlag:
		req = &f.Required
	case *cli.StringSliceFlag:
		req = &f.Required
	case *cli.GenericFlag:
		req = &f.Required
	default:
		if rf, ok := f.(cli.RequiredFlag); ok && rf.IsRequired() {
			panic(fmt.Sprintf("clikit: required flag %s of type %T: add the type to unrequire", f.Names()[0], f))
		}
		return ""
	}
	if !*req {
		return ""
	}
	*req = false
	return f.Names()[0]
}
