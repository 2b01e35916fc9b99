package content

import (
	"strings"
	"testing"

	"dangjian/generator/diag"
)

// TestNotUTF8SaysWhere: the error names the line and the column of the
// first byte that is not UTF-8 (issue #14, low).
func TestNotUTF8SaysWhere(t *testing.T) {
	data := []byte("+++\ntitle = \"党建\"\n+++\n第一段。\n正文\xd5\xfd\xce\xc4\n")
	_, probs := Parse("news/gbk.md", data)
	if len(probs) != 1 || probs[0].Msg != diag.MsgNotUTF8 {
		t.Fatalf("problems %v", probs)
	}
	if got := probs[0].Format(diag.Chinese); !strings.HasPrefix(got, "content/news/gbk.md:5: 文件不是 UTF-8 编码（本行第 3 个字符处起无法识别）") {
		t.Errorf("message %q", got)
	}
	if got := probs[0].Format(diag.English); !strings.Contains(got, "content/news/gbk.md:5: file is not UTF-8 (from character 3 of this line)") {
		t.Errorf("English %q", got)
	}
}
