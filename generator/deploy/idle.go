package deploy

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// serverIdle is how long an S3 request, or SFTP work under way, may go
// without the server sending a byte before it is given up: once an S3
// server had sent the headers, or an SFTP server was logged in to, nothing
// timed out, and a server sending nothing held deploy for ever. A variable
// for the tests.
var serverIdle = 60 * time.Second

// errIdle is the error of a request given up by serverIdle.
var errIdle = errors.New("服务器超过 60 秒没有传送任何数据（server sent nothing for 60 s）")

// idleTransport gives up a request when neither its body nor the answer's
// has moved a byte for serverIdle: the answer's headers, an upload the server
// stops reading and a download it stops sending all count.
type idleTransport struct {
	base http.RoundTripper
}

func (t idleTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancel(req.Context())
	w := &watch{cancel: cancel, idle: serverIdle}
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

// stallWatch closes an SFTP connection on which work is under way (begin
// … end) and from which nothing has been read for serverIdle. Between
// operations the connection may rest: only waiting for an answer counts.
type stallWatch struct {
	net.Conn
	last    atomic.Int64 // UnixNano of the last byte read, or of the work's start
	busy    atomic.Int32
	stalled atomic.Bool
	stop    chan struct{}
	once    sync.Once
}

func newStallWatch(c net.Conn) *stallWatch {
	w := &stallWatch{Conn: c, stop: make(chan struct{})}
	w.last.Store(time.Now().UnixNano())
	go w.run(serverIdle)
	return w
}

func (w *stallWatch) Read(p []byte) (int, error) {
	n, err := w.Conn.Read(p)
	if n > 0 {
		w.last.Store(time.Now().UnixNano())
	}
	return n, err
}

func (w *stallWatch) Close() error {
	w.once.Do(func() { close(w.stop) })
	return w.Conn.Close()
}

func (w *stallWatch) run(idle time.Duration) {
	tick := time.NewTicker(idle / 4)
	defer tick.Stop()
	for {
		select {
		case <-w.stop:
			return
		case now := <-tick.C:
			if w.busy.Load() > 0 && now.UnixNano()-w.last.Load() > int64(idle) {
				w.stalled.Store(true)
				w.Close()
				return
			}
		}
	}
}

// begin marks work under way; the time to the first answer counts from
// here when nothing else was waiting.
func (w *stallWatch) begin() {
	if w.busy.Add(1) == 1 {
		w.last.Store(time.Now().UnixNano())
	}
}

// end marks the work done, and says errIdle for its error when the
// connection was closed for want of an answer.
func (w *stallWatch) end(err *error) {
	w.busy.Add(-1)
	if *err != nil && w.stalled.Load() {
		*err = errIdle
	}
}
