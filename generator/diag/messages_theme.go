package diag

// Messages of the theme's features: attachments, focus images, the footer.
var (
	MsgAttachmentNotFound = Msg{"附件 %q 不存在（attachments 中的路径相对于 content/ 文件夹，如 \"files/方案.pdf\"，请检查文件名和文件夹）", "attachment %q not found (attachments are paths under content/, e.g. \"files/plan.pdf\")"}
	MsgAttachmentPage     = Msg{"附件 %q 是 Markdown 页面，不能作为附件下载；请改为普通文件（PDF、Word 等）或在正文中链接该页面", "attachment %q is a Markdown page, not a file to download; link the page in the body instead"}
	MsgNewsImageNotFound  = Msg{"焦点图 image %q 不存在（路径相对于 content/ 或 static/ 文件夹）", "image %q not found (a path under content/ or static/)"}
	MsgNewsImageFormat    = Msg{"焦点图 image %q 格式不支持（应为 PNG、JPEG、GIF、WebP 或 SVG）", "image %q is not PNG, JPEG, GIF, WebP or SVG"}
	MsgBaseofNoFirst      = Msg{"自定义的 _default/baseof.html 缺少 {{- block \"first\" .}}{{end}}，%s 放在其中的脚本不会输出：站内搜索页将无法搜索。请在 <head> 里、样式表之前加上这一行（参照 themes/default/layouts/_default/baseof.html）", "the site's _default/baseof.html lacks {{- block \"first\" .}}{{end}}, so the scripts %s puts there are never written: the search page cannot search. Add the line in <head>, before the stylesheets (see the default theme's baseof.html)"}
	MsgFooterImage        = Msg{"[footer] 中 %s 指定的图片 %q 不存在（路径相对于 content/ 或 static/ 文件夹）", "[footer] %s: image %q not found (a path under content/ or static/)"}
)
