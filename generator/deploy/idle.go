package deploy

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"
)

// s3Idle is how long an S3 request may move no byte either way before it
// is given up: once a server had sent the headers, nothing timed out, and a
// server sending a byte now and then (or nothing) held deploy for ever.
// A variable for the tests.
var s3Idle = 60 * time.Second

// errIdle is the error of a request given up by s3Idle.
var errIdle = errors.New("服务器超过 60 秒没有传送任何数据（server sent nothing for 60 s）")

// idleTransport gives up a request when neither its body nor the answer's
// has moved a byte for s3Idle: the answer's headers, an upload the server
// stops reading and a download it stops sending all count.
type idleTransport struct {
	base http.RoundTripper
}

func (t idleTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancel(req.Context())
	w := &watch{cancel: cancel, idle: s3Idle}
	w.timer = time.AfterFunc(w.idle, w.fire)
	req = req.WithContext(ctx)
	if req.Body != nil && req.Body != http.NoBody {
		req.Body = &idleBody{ReadCloser: req.Body, w: w, keep: true}
	}
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		w.done()
		return nil, w.why(err)
	}
	w.moved()
	resp.Body = &idleBody{ReadCloser: resp.Body, w: w}
	return resp, nil
}

// watch is one request's timer.
type watch struct {
	mu     sync.Mutex
	timer  *time.Timer
	idle   time.Duration
	cancel context.CancelFunc
	fired  bool
}

func (w *watch) fire() {
	w.mu.Lock()
	w.fired = true
	w.mu.Unlock()
	w.cancel()
}

func (w *watch) moved() { w.timer.Reset(w.idle) }

func (w *watch) done() {
	w.timer.Stop()
	w.cancel()
}

// why is err, or errIdle when the timer gave the request up.
func (w *watch) why(err error) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.fired {
		return errIdle
	}
	return err
}

// idleBody restarts the timer on every byte. The answer's body ends the
// request when closed; the request's own body (keep) does not, since the
// transport closes it when it has sent it, before the answer comes.
type idleBody struct {
	io.ReadCloser
	w    *watch
	keep bool
}

func (b *idleBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 {
		b.w.moved()
	}
	if err != nil && err != io.EOF {
		err = b.w.why(err)
	}
	return n, err
}

func (b *idleBody) Close() error {
	if !b.keep {
		b.w.done()
	}
	return b.ReadCloser.Close()
}
