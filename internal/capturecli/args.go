package capturecli

// SplitDashDash cuts the command line at the first "--": what follows is
// the command of --exec (or filter words), kept intact, flags included,
// instead of being read as tf-capture's own.
func SplitDashDash(args []string) (own, rest []string) {
	for i, a := range args {
		if a == "--" {
			return args[:i], append([]string{}, args[i+1:]...)
		}
	}
	return args, nil
}
