package client

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"
)

// ctxReader reads a --file while ctx lives: a FIFO, a device or a slow
// filesystem must not keep ist running past --timeout or a signal. A
// cancelled ctx fails the next Read, and unblocks a pending one on files
// the runtime can poll (pipes, FIFOs, terminals).
type ctxReader struct {
	ctx  context.Context
	f    *os.File
	stop func() bool
}

func newCtxReader(ctx context.Context, f *os.File) *ctxReader {
	r := &ctxReader{ctx: ctx, f: f}
	r.stop = context.AfterFunc(ctx, func() { f.SetReadDeadline(time.Now()) })
	return r
}

func (r *ctxReader) Read(b []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := r.f.Read(b)
	if err != nil && r.ctx.Err() != nil {
		err = r.ctx.Err()
	}
	return n, err
}

// fileCtxError is the error of a --file read stopped by ctx: the timeout
// (a connection-class failure, exit 3, like a fetch) or a signal.
func (c *Client) fileCtxError(ctx context.Context) error {
	e := &Error{Class: ClassConnection, Where: c.cfg.File, Err: ctx.Err()}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		e.What = fmt.Sprintf("reading the file took longer than %s", c.cfg.Timeout)
		e.Hint = "is it a FIFO or device that never ends? raise --timeout for a slow filesystem"
	} else {
		e.What = "interrupted"
	}
	return e
}
