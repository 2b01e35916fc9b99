package content

import (
	"fmt"
	"path"
	"strings"
)

// Attachment is one file of a page's `attachments = ["files/方案.pdf", …]`:
// a path under content/ that the build copies, shown under 附件 with its
// type and size.
type Attachment struct {
	Path string // slash path relative to content/ (and to the site root in the output)
	Line int    // line of the attachments field, for messages
	Size int64  // bytes; filled by Resolve
}

// Name is the file name a reader sees: 方案.pdf.
func (a Attachment) Name() string { return path.Base(a.Path) }

// URL is the attachment's site-relative address.
func (a Attachment) URL() string { return "/" + a.Path }

// Type is what kind of document the file is, in the words of a 附件 list.
func (a Attachment) Type() string { return FileType(a.Path) }

// SizeText is the size as readers expect it: 812 B, 245 KB, 1.2 MB.
func (a Attachment) SizeText() string { return FormatSize(a.Size) }

// FileType names a file's kind by its extension: PDF, Word, Excel, 压缩包 …
func FileType(p string) string {
	ext := strings.ToLower(strings.TrimPrefix(path.Ext(p), "."))
	switch ext {
	case "pdf":
		return "PDF"
	case "doc", "docx", "dot", "dotx", "rtf":
		return "Word"
	case "xls", "xlsx", "xlsm", "csv", "et":
		return "Excel"
	case "ppt", "pptx", "dps":
		return "PowerPoint"
	case "wps":
		return "WPS 文字"
	case "ofd":
		return "OFD"
	case "zip", "rar", "7z", "gz", "tgz", "bz2", "xz", "tar":
		return "压缩包"
	case "txt":
		return "文本"
	case "png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "tif", "tiff":
		return "图片"
	case "mp3", "wav", "m4a", "aac", "ogg":
		return "音频"
	case "mp4", "webm", "mov", "avi", "wmv", "mkv":
		return "视频"
	case "":
		return "文件"
	}
	return strings.ToUpper(ext)
}

// FormatSize writes a byte count in B, KB, MB or GB (1 KB = 1024 B), with one
// decimal below 10 of a unit: 812 B, 1.5 KB, 245 KB, 12 MB.
func FormatSize(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	units := []string{"KB", "MB", "GB", "TB"}
	v := float64(n) / 1024
	i := 0
	for v >= 1024 && i < len(units)-1 {
		v /= 1024
		i++
	}
	if v < 10 {
		s := fmt.Sprintf("%.1f", v)
		s = strings.TrimSuffix(s, ".0")
		return s + " " + units[i]
	}
	return fmt.Sprintf("%.0f %s", v, units[i])
}

// AttachmentPath cleans an attachment path as written ("files/a.pdf",
// "/files/a.pdf", "./files/a.pdf", "content/files/a.pdf") into a slash path
// relative to content/. ".." cannot climb out of content/.
func AttachmentPath(p string) string {
	p = strings.TrimPrefix(path.Clean("/"+strings.ReplaceAll(strings.TrimSpace(p), `\`, "/")), "/")
	return strings.TrimPrefix(p, "content/")
}
