package site

import (
	"sync"
	"time"
)

// FileMemo keeps what the checks read from a file (a photo's EXIF block,
// an attachment's ID numbers) while the file's size and time stay the
// same: the watch server checks after every save and keeps one FileMemo
// for as long as it runs (Options.Memo). A nil *FileMemo remembers
// nothing, which a one-shot build needs.
type FileMemo struct{ m sync.Map }

type memoKey struct {
	kind, abs string
	size      int64
	mod       time.Time
}

func (m *FileMemo) load(k memoKey) (any, bool) {
	if m == nil {
		return nil, false
	}
	return m.m.Load(k)
}

func (m *FileMemo) store(k memoKey, v any) {
	if m != nil {
		m.m.Store(k, v)
	}
}
