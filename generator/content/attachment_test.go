package content

import "testing"

func TestFileTypeAndSize(t *testing.T) {
	for _, tc := range []struct{ path, typ string }{
		{"files/方案.pdf", "PDF"}, {"a.DOCX", "Word"}, {"a.doc", "Word"}, {"表.xlsx", "Excel"}, {"表.csv", "Excel"},
		{"a.zip", "压缩包"}, {"a.rar", "压缩包"}, {"a.7z", "压缩包"}, {"a.pptx", "PowerPoint"}, {"a.ofd", "OFD"},
		{"a.png", "图片"}, {"a.mp4", "视频"}, {"README", "文件"}, {"a.dwg", "DWG"},
	} {
		if got := FileType(tc.path); got != tc.typ {
			t.Errorf("FileType(%q) = %q, want %q", tc.path, got, tc.typ)
		}
	}
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{0, "0 B"}, {812, "812 B"}, {1024, "1 KB"}, {1536, "1.5 KB"}, {250880, "245 KB"}, {1258291, "1.2 MB"}, {12 << 20, "12 MB"}, {3 << 30, "3 GB"},
	} {
		if got := FormatSize(tc.n); got != tc.want {
			t.Errorf("FormatSize(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
	for in, want := range map[string]string{
		"files/a.pdf": "files/a.pdf", "/files/a.pdf": "files/a.pdf", "./files/a.pdf": "files/a.pdf",
		"content/files/a.pdf": "files/a.pdf", "../../etc/passwd": "etc/passwd", `files\a.pdf`: "files/a.pdf",
	} {
		if got := AttachmentPath(in); got != want {
			t.Errorf("AttachmentPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseAttachmentsAndNewsFields(t *testing.T) {
	p, probs := Parse("news/a.md", []byte("+++\ntitle = \"通知\"\ndate = 2024-03-01\ncategory = \"通知公告\"\nimage = \"images/a.png\"\nattachments = [\"files/a.pdf\", \"files/b.zip\"]\n+++\n正文\n"))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if p.News.Category != "通知公告" || p.News.Image != "images/a.png" {
		t.Errorf("news fields: %+v", p.News)
	}
	if len(p.Attachments) != 2 || p.Attachments[1].Path != "files/b.zip" || p.Attachments[0].Line != 6 {
		t.Errorf("attachments: %+v", p.Attachments)
	}
}
