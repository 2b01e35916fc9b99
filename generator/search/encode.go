package search

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"dangjian/generator/output"
)

// File encoding: every file is a script; the jobs make them on all cores.

// runJobs makes and writes the jobs' files on opts.Workers goroutines (at
// least two), and returns how many files and bytes it wrote.
func runJobs(jobs []job, w output.Writer, opts Options) (int, int64, error) {
	var wg sync.WaitGroup
	var nfiles, nbytes atomic.Int64
	var firstErr error
	var mu sync.Mutex
	var next atomic.Int64
	for range max(2, opts.Workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A file's bytes are made in the last one's buffer: the writer
			// does not keep them, and 116 MB of files at 10,000 pages made
			// as much garbage, which raised the build's peak memory.
			var buf []byte
			for {
				i := int(next.Add(1) - 1)
				if i >= len(jobs) {
					return
				}
				name, data, err := jobs[i](buf[:0])
				if cap(data) <= maxReused {
					buf = data
				}
				if err == nil && name != "" {
					err = w.WriteFile(opts.Dir+"/"+name+".js", data)
					nfiles.Add(1)
					nbytes.Add(int64(len(data)))
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	return int(nfiles.Load()), nbytes.Load(), firstErr
}

// A file is a script, DJS("name",data); — it registers itself with the
// page that loaded it, which works from file:// where fetch() does not.
// startScript and endScript put the call around data appended between;
// startScript starts in buf, grown to hold size bytes of data.
func startScript(buf []byte, name string, size int) []byte {
	b := slices.Grow(buf[:0], size+len(name)+12)
	b = append(b, `DJS("`...)
	b = append(b, name...)
	return append(b, `",`...)
}

func endScript(b []byte) []byte { return append(b, ");\n"...) }

func script(name string, data []byte) []byte {
	return endScript(append(startScript(nil, name, len(data)), data...))
}

// appendJSONString appends s as a JSON string that is also safe in a
// script: quotes, backslashes, control characters and the JavaScript line
// separators escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < 0x80 {
			i++
			continue
		}
		if c < 0x80 {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = fmt.Appendf(b, `\u%04x`, c)
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			if r == utf8.RuneError {
				b = append(b, `\ufffd`...)
			} else {
				b = fmt.Appendf(b, `\u%04x`, r)
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
