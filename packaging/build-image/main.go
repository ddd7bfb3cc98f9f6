// Command build-image builds tfkit's tools image FROM scratch, without a
// registry, and writes it as a Docker archive and/or loads it into a
// local engine. It is a build tool (`go run ./packaging/build-image`),
// not one of the shipped binaries; the logic is in package packaging.
package main

import (
	"context"
	"os"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/internal/clikit"
	_ "github.com/tfkit/tfkit/internal/clikit/guard" // crashes exit 70: runs the program as a child of itself
	"github.com/tfkit/tfkit/packaging"
)

const help = `Builds the tools image (ist, tf-status, tf-capture with tf-capture-engines, and tf-exporter when its
command exists) FROM scratch: the binaries in /usr/local/bin with the loader and
libraries a plain go build needs (tf-capture's libpcap), /var/run linking to /run,
tf-status as the default command. Nothing is pulled. Write it as a Docker archive
for the nodes (docker load, ctr -n k8s.io images import), or load it into this
host's engine.

EXAMPLES:
   go run ./packaging/build-image -o tfkit.tar                     # for every node
   go run ./packaging/build-image --load docker
   go run ./packaging/build-image --load containerd --namespace k8s.io --tag tfkit:1.0
   go run ./packaging/build-image --bin bin/ -o tfkit.tar          # binaries built already
   ctr -n k8s.io images import tfkit.tar                           # on a Kubernetes node`

func newApp() *cli.App {
	return &cli.App{
		Name:        "build-image",
		Usage:       "build tfkit's tools image FROM scratch (no registry)",
		Description: help,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "tag", Value: packaging.ImageRef, Usage: "image reference"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the image as a Docker archive to this file"},
			&cli.StringFlag{Name: "load", Usage: "load the image into this host's engine: docker or containerd"},
			&cli.StringFlag{Name: "containerd-address", Value: engine.DefaultContainerdAddress, Usage: "containerd socket (with --load containerd)"},
			&cli.StringFlag{Name: "namespace", Value: "k8s.io", Usage: "containerd namespace (with --load containerd): k8s.io is kubelet's"},
			&cli.StringFlag{Name: "bin", Usage: "directory of built binaries (default: build them now)"},
		},
		Action: run,
	}
}

func main() { clikit.Main(newApp(), clikit.Options{}) }

func run(c *cli.Context) error {
	if c.NArg() > 0 {
		return clikit.Usagef("see build-image --help", "unexpected argument %q", c.Args().First())
	}
	if c.String("output") == "" && c.String("load") == "" {
		return clikit.Usagef("give -o FILE and/or --load docker|containerd", "nothing to do")
	}
	bins, cleanup, err := tools(c.String("bin"))
	if err != nil {
		return err
	}
	defer cleanup()
	im, err := packaging.ToolsImage(c.String("tag"), bins)
	if err != nil {
		return clikit.Wrap(clikit.ExitFailure, err, "")
	}
	if out := c.String("output"); out != "" {
		if err := writeArchive(im, out); err != nil {
			return clikit.Wrap(clikit.ExitFailure, err, "")
		}
	}
	if kind := c.String("load"); kind != "" {
		ctx, cancel := context.WithTimeout(c.Context, 5*time.Minute)
		defer cancel()
		rt, err := engine.Open(ctx, engine.Options{Kind: kind, ContainerdAddress: c.String("containerd-address"), Namespaces: []string{c.String("namespace")}})
		if err != nil {
			return clikit.Wrap(clikit.ExitUsage, err, "start the engine, or pick it with --load docker|containerd")
		}
		defer rt.Close()
		ref, err := engine.LoadScratchImage(ctx, rt, im)
		if err != nil {
			return clikit.Wrap(clikit.ExitFailure, err, "")
		}
		c.App.Writer.Write([]byte(ref + "\n"))
	}
	return nil
}

// tools finds the binaries in dir, or builds them into a temporary one
// that cleanup removes.
func tools(dir string) (bins map[string]string, cleanup func(), err error) {
	if dir != "" {
		if bins, err = packaging.FindTools(dir); err != nil {
			return nil, nil, clikit.Wrap(clikit.ExitUsage, err, "")
		}
		return bins, func() {}, nil
	}
	tmp, err := os.MkdirTemp("", "tfkit-image-")
	if err != nil {
		return nil, nil, err
	}
	cleanup = func() { os.RemoveAll(tmp) }
	if bins, err = packaging.BuildTools(tmp); err != nil {
		cleanup()
		return nil, nil, clikit.Wrap(clikit.ExitFailure, err, "run it inside the tfkit checkout, or give --bin")
	}
	return bins, cleanup, nil
}

// writeArchive writes the image to path through a temporary name, so a
// failed build leaves no half archive.
func writeArchive(im engine.ScratchImage, path string) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := im.WriteArchive(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}
