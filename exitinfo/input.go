package exitinfo

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// Args are what `why` was asked about: a pod or container name, and
// where kubectl pod JSON comes from: "" none, "-" stdin, else a file.
// Stdin is read only when asked for ("-" as an argument or --from-json -),
// never because it is a pipe: `while read c; do tf-capture why "$c"; done`
// must not swallow the loop's input, and an open pipe must not block.
type Args struct {
	Name string
	JSON string
}

// ParseArgs reads the positional arguments (a name, and/or "-") and the
// --from-json value.
func ParseArgs(args []string, fromJSON string) (Args, error) {
	a := Args{JSON: fromJSON}
	for _, arg := range args {
		switch {
		case arg == "-":
			if a.JSON != "" {
				return Args{}, fmt.Errorf("kubectl JSON given twice (- and --from-json %s): give it once", a.JSON)
			}
			a.JSON = "-"
		case a.Name == "":
			a.Name = arg
		default:
			return Args{}, fmt.Errorf("give one pod or container name, got %s and %s", a.Name, arg)
		}
	}
	if a.Name == "" && a.JSON == "" {
		return Args{}, fmt.Errorf("give a pod or container name, or kubectl pod JSON: - (stdin) or --from-json FILE")
	}
	return a, nil
}

// ReadJSON reads the kubectl JSON the arguments name (nil when none).
func (a Args) ReadJSON(stdin io.Reader) ([]byte, error) {
	var r io.Reader
	switch a.JSON {
	case "":
		return nil, nil
	case "-":
		r = stdin
	default:
		f, err := os.Open(a.JSON)
		if err != nil {
			return nil, fmt.Errorf("read kubectl JSON: %v: give the file written by kubectl get pod NAME -o json", err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read kubectl JSON: %v", err)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		where := a.JSON
		if where == "-" {
			where = "on stdin"
		}
		return nil, fmt.Errorf("kubectl JSON %s is empty: pipe kubectl get pod NAME -o json into it", where)
	}
	return b, nil
}
