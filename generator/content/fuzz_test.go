package content

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"dangjian/generator/diag"
	"dangjian/generator/textfile"
)

// fuzzFolders are the folders a fuzzed file is put in, so every kind's
// decoder (and a section index) gets the same bytes.
var fuzzFolders = []string{"units/a.md", "brands/a.md", "models/a.md", "honors/a.md", "news/a.md", "about.md", "news/_index.md"}

// FuzzParse feeds arbitrary bytes to the front matter splitter, the TOML
// decoder and the typed field readers. Besides not panicking, Parse must name
// the file it was given in every problem, point at a line that exists, and
// read a file saved with CRLF line endings or a BOM, or as UTF-16 with a
// BOM, exactly as the plain one.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"+++\ntitle = \"市妇幼保健院\"\nmembers = 80\n+++\n正文\n",
		"+++\ntitle = \"a\"\nmembers = \"80人\"\nmenbers = 3\n+++\n",
		"+++\ntitle = \"表彰\"\nyear = 2020\n[[honors]]\nname = \"先进\"\nrecipient = \"张三\"\ndate = 2020-03-05\n[[honors]]\nnmae = \"x\"\n+++\n",
		"+++\ntitle = \"\"\"多行\n标题\"\"\"\ndate = \"2021年3月5日\"\n+++\n",
		"+++\ntitle = \"未闭合\"\n",
		"\xef\xbb\xbf+++\r\ntitle = \"BOM\"\r\n+++\r\nbody\r\n",
		"no front matter at all",
		"+++\n[params]\nx = 1\n+++\n",
		"+++\ntags = \"单个\"\naliases = [\"/old/\", 3]\nweight = 1.5\ninvestment = 1e400\n+++\n",
		"\xb5\xb3\xbd\xa8", // GBK 党建
		"\xff\xfe+\x00+\x00+\x00\n\x00t\x00i\x00t\x00l\x00e\x00=\x00\"\x00\x5a\x51\"\x00\n\x00+\x00+\x00+\x00\n\x00", // UTF-16 LE: title="党"
		"+++\ntitle ＝ “请填写”\ndate = 2019年7月1日\nmembers = 1,280\nbranches = ８０人\n+++\n请在这里写\n",
		"+++\ntitle = \"x\"\nunit = \"请填写所属单位\"\nlogo = \"img/emblem.svg\"\ndraft = true\ntags = [\"党建 品牌\", \"请填写标签\"]\n+++\n",
	} {
		for i := range fuzzFolders {
			f.Add(uint8(i), []byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, folder uint8, data []byte) {
		rel := fuzzFolders[int(folder)%len(fuzzFolders)]
		p, probs := Parse(rel, data)
		if p == nil {
			t.Fatal("nil page")
		}
		// The file's text as Parse reads it: UTF-16 with a byte-order
		// mark (Notepad's "Unicode") converted, anything else as it is.
		// A converted file reads as its UTF-8 text would.
		text := textfile.UTF8(data)
		if !bytes.Equal(text, data) {
			q, qprobs := Parse(rel, text)
			if !sameProblems(probs, qprobs) || p.Title != q.Title || p.BodyLine != q.BodyLine || !bytes.Equal(p.Body, q.Body) {
				t.Errorf("UTF-16 read otherwise than its UTF-8 text:\n%v\n%v", probs, qprobs)
			}
		}
		lines := bytes.Count(text, []byte("\n")) + 1
		for _, pr := range probs {
			if pr.Path != "content/"+rel {
				t.Errorf("problem names %q, want content/%s", pr.Path, rel)
			}
			if pr.Line < 0 || pr.Line > lines {
				t.Errorf("problem on line %d of a %d-line file: %s", pr.Line, lines, pr.Format(diag.English))
			}
			if msg := pr.Format(diag.Chinese); !utf8.ValidString(msg) && utf8.Valid(text) {
				t.Errorf("invalid UTF-8 in message %q", msg)
			}
		}
		if !utf8.Valid(text) {
			if len(probs) != 1 || probs[0].Msg != diag.MsgNotUTF8 {
				t.Errorf("invalid UTF-8 gave %v", probs)
			}
			return
		}
		if p.BodyLine < 0 || p.BodyLine > lines+1 {
			t.Errorf("body starts on line %d of a %d-line file", p.BodyLine, lines)
		}
		if !bytes.Contains(text, []byte("\r")) && !bytes.HasPrefix(text, utf8BOM) {
			crlf := append(append([]byte(nil), utf8BOM...), bytes.ReplaceAll(text, []byte("\n"), []byte("\r\n"))...)
			q, qprobs := Parse(rel, crlf)
			if !sameProblems(probs, qprobs) {
				t.Errorf("CRLF+BOM changed the problems:\n%v\n%v", probs, qprobs)
			}
			if p.Title != q.Title || p.BodyLine != q.BodyLine || !bytes.Equal(p.Body, q.Body) || p.URL != q.URL {
				t.Errorf("CRLF+BOM changed the page: %q/%q line %d/%d", p.Title, q.Title, p.BodyLine, q.BodyLine)
			}
		}
	})
}

// sameProblems compares problems by what the officer reads, ignoring the
// TOML decoder's wording of a CR it never sees (Parse strips CRs first).
func sameProblems(a, b []diag.Problem) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Line != b[i].Line || a[i].Msg != b[i].Msg || !reflect.DeepEqual(a[i].Args, b[i].Args) {
			return false
		}
	}
	return true
}

// A file saved by a Windows editor (BOM, CRLF) reads like the plain one, with
// the same lines in its messages.
func TestParseCRLFAndBOM(t *testing.T) {
	plain := "+++\ntitle = \"市妇幼保健院\"\nmembers = \"80人\"\n+++\n\n## 概况\n正文\n"
	withBoth := "\xef\xbb\xbf" + strings.ReplaceAll(plain, "\n", "\r\n")
	p, probs := Parse("units/fuyou.md", []byte(plain))
	q, qprobs := Parse("units/fuyou.md", []byte(withBoth))
	if p.Title != "市妇幼保健院" || q.Title != p.Title {
		t.Fatalf("titles %q %q", p.Title, q.Title)
	}
	if len(probs) != 1 || probs[0].Line != 3 || !sameProblems(probs, qprobs) {
		t.Fatalf("problems differ: %v / %v", probs, qprobs)
	}
	if bytes.Contains(q.Body, []byte("\r")) || !bytes.Equal(p.Body, q.Body) || q.BodyLine != 5 {
		t.Fatalf("body %q line %d", q.Body, q.BodyLine)
	}
}

// GBK is what Windows Notepad on a Chinese system used to save; the bytes are
// the GBK encoding of "+++\ntitle = \"党建\"\n+++\n", written out by hand
// because golang.org/x/text is not a dependency.
func TestParseGBK(t *testing.T) {
	gbk := []byte("+++\ntitle = \"\xb5\xb3\xbd\xa8\"\n+++\n\xd5\xfd\xce\xc4\n") // 党建 / 正文
	_, probs := Parse("news/gbk.md", gbk)
	if len(probs) != 1 || probs[0].Msg != diag.MsgNotUTF8 || probs[0].Path != "content/news/gbk.md" {
		t.Fatalf("problems %v", probs)
	}
	if msg := probs[0].Format(diag.Chinese); !strings.Contains(msg, "UTF-8") || !strings.HasPrefix(msg, "content/news/gbk.md") {
		t.Fatalf("message %q", msg)
	}
}
