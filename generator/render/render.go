package render

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"dangjian/generator/diag"
	"dangjian/generator/output"
)

// Renderer executes layouts into finished, link-rewritten, minified pages.
type Renderer struct {
	Templates *Templates
	Links     Links
	Minifier  *output.Minifier // nil: --no-minify
	// Inject is put before </body> of every page (the watch server's reload
	// script); empty in build output.
	Inject []byte
	// Prepare, when set, is called before each job of Render is made, and
	// the release it returns (if any) right after, before the page is
	// written: the site hands a page the body it keeps elsewhere for just
	// that long. An error is the job's problem; the job is not made.
	Prepare func(Job) (release func(), err error)

	pool sync.Pool
}

// Render makes every job on all cores and writes it through w. It returns
// the number of pages written and every problem met; a panic in a template
// function becomes a problem naming the page, never a crash.
func (r *Renderer) Render(jobs []Job, w output.Writer) (int, []diag.Problem) {
	var (
		probs diag.List
		done  atomic.Int64
		next  atomic.Int64
		wg    sync.WaitGroup
	)
	r.Templates.startPass()
	defer r.Templates.endPass()
	for range min(runtime.GOMAXPROCS(0), max(len(jobs), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				data, p := r.prepared(jobs[i])
				if p != nil {
					probs.Add(*p)
					continue
				}
				if err := w.WriteFile(OutPath(jobs[i].URL), data); err != nil {
					probs.Add(diag.New(OutPath(jobs[i].URL), 0, diag.MsgRender, err))
					continue
				}
				done.Add(1)
			}
		}()
	}
	wg.Wait()
	return int(done.Load()), probs.Problems()
}

// prepared is Page between Prepare and its release.
func (r *Renderer) prepared(job Job) ([]byte, *diag.Problem) {
	if r.Prepare == nil {
		return r.Page(job)
	}
	release, err := r.Prepare(job)
	if err != nil {
		name := job.URL
		if job.Ctx.Page != nil {
			name = job.Ctx.Page.Path
		}
		p := diag.New(name, 0, diag.MsgRender, err)
		return nil, &p
	}
	if release != nil {
		defer release()
	}
	return r.Page(job)
}

// maxPooledBuffer is the largest page buffer kept for reuse.
const maxPooledBuffer = 8 << 20

// Page renders one job to its final bytes.
func (r *Renderer) Page(job Job) (data []byte, problem *diag.Problem) {
	name := job.URL
	if job.Ctx.Page != nil {
		name = job.Ctx.Page.Path
	}
	defer func() {
		if v := recover(); v != nil {
			p := diag.New(name, 0, diag.MsgRender, fmt.Sprint(v))
			data, problem = nil, &p
		}
	}()
	layout, ok := r.Templates.Lookup(job.Layouts...)
	if !ok {
		p := diag.New(name, 0, diag.MsgTemplate, fmt.Sprintf("找不到模板 %v", job.Layouts))
		return nil, &p
	}
	set, entry := r.Templates.set(layout)
	job.Ctx.Root = r.Links.Root(job.URL)
	buf, _ := r.pool.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	defer func() {
		// A page of a million honors is hundreds of MB: that buffer is
		// not kept for the next page.
		if buf.Cap() <= maxPooledBuffer {
			r.pool.Put(buf)
		}
	}()
	if err := set.ExecuteTemplate(buf, entry, job.Ctx); err != nil {
		p := r.Templates.execError(err, name)
		return nil, &p
	}
	html := r.Links.Rewrite(job.URL, buf.Bytes())
	// The watch server's script is the server's, at its root: it is put in
	// after the site's links are made relative.
	if len(r.Inject) > 0 {
		if i := bytes.LastIndex(html, []byte("</body>")); i >= 0 {
			html = append(append(append([]byte(nil), html[:i]...), r.Inject...), html[i:]...)
		}
	}
	out := html
	// An HTML page comes from compacted layouts (TemplateOptions.Compact)
	// and is not minified again; a layout of another format (XML, JSON) is.
	if p := OutPath(job.URL); !strings.HasSuffix(p, ".html") {
		var err error
		if out, err = r.Minifier.Bytes(p, html); err != nil {
			p := diag.New(name, 0, diag.MsgRender, err)
			return nil, &p
		}
	}
	// The pooled buffer is reused: hand out a copy when nothing else copied.
	if len(out) > 0 && buf.Len() > 0 && &out[0] == &buf.Bytes()[0] {
		out = append([]byte(nil), out...)
	}
	return out, nil
}
