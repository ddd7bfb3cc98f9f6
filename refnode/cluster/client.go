package cluster

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Client talks to a cluster's admin API.
type Client struct {
	Addr string // host:port, e.g. 127.0.0.1:9880
	HTTP *http.Client
}

// NewClient returns a client for the admin API at addr.
func NewClient(addr string) *Client {
	return &Client{Addr: addr, HTTP: &http.Client{Timeout: 30 * time.Second}}
}

// APIError is an error answer of the admin API.
type APIError struct {
	Status int
	Msg    string
}

func (e *APIError) Error() string { return e.Msg }

// NodeOp runs stop, start, pause or resume on a node.
func (c *Client) NodeOp(ctx context.Context, node, op string) error {
	return c.do(ctx, http.MethodPost, "/v1/nodes/"+url.PathEscape(node)+"/"+url.PathEscape(op), nil)
}

// SessionOp runs cut, partition, heal or flap on the session a/b.
func (c *Client) SessionOp(ctx context.Context, a, b, op string, fo FlapOptions) error {
	p := "/v1/sessions/" + url.PathEscape(a) + "/" + url.PathEscape(b) + "/" + url.PathEscape(op)
	q := url.Values{}
	if fo.Count > 0 {
		q.Set("count", fmt.Sprint(fo.Count))
	}
	if fo.Interval > 0 {
		q.Set("interval", fo.Interval.String())
	}
	if len(q) > 0 {
		p += "?" + q.Encode()
	}
	return c.do(ctx, http.MethodPost, p, nil)
}

// State fetches the cluster state.
func (c *Client) State(ctx context.Context) (*State, error) {
	var st State
	if err := c.do(ctx, http.MethodGet, "/v1/state", &st); err != nil {
		return nil, err
	}
	return &st, nil
}

func (c *Client) do(ctx context.Context, method, path string, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, "http://"+c.Addr+path, nil)
	if err != nil {
		return err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return fmt.Errorf("admin API (%s): %v: is `refnode up` running? give its address with --admin", c.Addr, unwrapURL(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("admin API (%s): reading answer: %v", c.Addr, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct{ Error string }
		if json.Unmarshal(body, &e) != nil || e.Error == "" {
			e.Error = strings.TrimSpace(string(body))
		}
		return &APIError{Status: resp.StatusCode, Msg: e.Error}
	}
	if out != nil {
		if err := json.Unmarshal(body, out); err != nil {
			return fmt.Errorf("admin API (%s): answer is not the expected JSON: %v", c.Addr, err)
		}
	}
	return nil
}

func unwrapURL(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}
