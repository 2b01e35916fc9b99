package diag

import "fmt"

// Msg is one kind of message, with its Chinese and English wording. Field
// names, paths and slugs go in as arguments so they appear exactly as written.
type Msg struct {
	Zh, En string
}

// Text formats the message in lang.
func (m Msg) Text(lang Lang, args ...any) string {
	f := m.Zh
	if lang == English && m.En != "" {
		f = m.En
	}
	if len(args) == 0 {
		return f
	}
	// An argument that is itself a Msg (a field's expected type) is worded
	// in the same language as the sentence around it.
	for i, a := range args {
		if m, ok := a.(Msg); ok {
			args = append([]any(nil), args...)
			args[i] = m.Text(lang)
		}
	}
	return fmt.Sprintf(f, args...)
}

// The catalogue. Keep the Chinese plain: officers are not programmers.
var (
	MsgRaw               = Msg{"%s", "%s"}
	MsgNotUTF8           = Msg{"文件不是 UTF-8 编码（本行第 %d 个字符处起无法识别），请用 UTF-8 重新保存（如 GBK 编码需另存为 UTF-8）", "file is not UTF-8 (from character %d of this line); save it as UTF-8"}
	MsgReadFailed        = Msg{"无法读取文件：%v", "cannot read file: %v"}
	MsgFrontMatterOpen   = Msg{"前置信息以 +++ 开始，但没有找到结束的 +++", "front matter starts with +++ but has no closing +++"}
	MsgTOML              = Msg{"前置信息 TOML 格式错误：%s", "bad TOML in front matter: %s"}
	MsgFieldType         = Msg{"字段 %s 应为%s，实际为 %s", "field %s should be %s, got %s"}
	MsgFieldRequired     = Msg{"缺少必填字段 %s", "missing required field %s"}
	MsgFieldRequiredEx   = Msg{"缺少必填字段 %s：请在前置信息（+++ 之间）加一行，如 %s", "missing required field %s: add a line between the +++ lines, e.g. %s"}
	MsgFieldValue        = Msg{"字段 %s 的值 %q 无效，可选值：%s", "field %s has invalid value %q; allowed: %s"}
	MsgUnknownField      = Msg{"未知字段 %s", "unknown field %s"}
	MsgUnknownFieldDid   = Msg{"未知字段 %s，是否应为 %s？", "unknown field %s; did you mean %s?"}
	MsgUnknownUnit       = Msg{"unknown unit %q（找不到单位 content/units/%s.md）", "unknown unit %q (no content/units/%s.md)"}
	MsgDuplicateURL      = Msg{"网址 %s 与 %s 重复", "URL %s is also produced by %s"}
	MsgLogoNotFound      = Msg{"字段 logo 指向的标识图片 %q 不存在（路径从 content/ 或 static/ 文件夹算起）", "logo %q not found"}
	MsgLogoFormat        = Msg{"logo %q 格式不支持（应为 PNG、JPEG、GIF、WebP 或 SVG）", "logo %q is not PNG, JPEG, GIF, WebP or SVG"}
	MsgConfigTOML        = Msg{"site.toml 格式错误：%s", "bad TOML in site.toml: %s"}
	MsgConfigUnknown     = Msg{"site.toml 中有未知设置 %s", "unknown setting %s in site.toml"}
	MsgConfigMissing     = Msg{"找不到网站配置文件 site.toml", "site.toml not found"}
	MsgTemplate          = Msg{"模板错误：%s", "template error: %s"}
	MsgRender            = Msg{"生成页面时出错：%s", "error while rendering page: %s"}
	MsgMarkdownFootnotes = Msg{"本页有 %d 条脚注（[^…]: 开头的行，从这一行起）和 %d 处脚注引用，生成时每处引用都要逐条查找脚注，会非常慢，页面未生成。请减少脚注，或把内容拆成几页", "this page has %d footnotes (lines starting [^…]:, from this one) and %d footnote references; each reference is looked up among all footnotes, which would take very long; the page was not made. Use fewer footnotes, or split the page"}
	MsgMarkdownLinks     = Msg{"从这一行起的一段里有 %d 处“](”后面不是完整的链接地址（缺少右括号 )，或地址中有括号、反斜杠），处理起来会非常慢，页面未生成。请把每个链接写成 [文字](地址)，或在段落之间空一行", "from this line, a paragraph holds %d \"](\" not followed by a whole link address (a missing \")\", or brackets or backslashes in the address), which would take very long to process; the page was not made. Write each link as [text](address), or put blank lines between paragraphs"}
	MsgMarkdownNesting   = Msg{"这一行开头的引用符号 >、列表符号（- + * 1.）和缩进嵌套了 %d 层，超过上限 %d 层，页面未生成。请删去行首多余的 > 、列表符号或空格（正常文章只嵌套几层）", "this line nests block quotes (>), list markers (- + * 1.) and indentation %d levels deep, more than the limit of %d; the page was not made. Remove the extra >, list markers or spaces at the start of the line (an article nests a few levels)"}
	MsgSymlinkLoop       = Msg{"符号链接形成循环，已跳过", "symbolic link loop; skipped"}
	MsgActiveFile        = Msg{"这种文件（%s）不会发布：网站服务器或浏览器会运行其中的代码，放在 content/ 中可能被用来攻击网站。请删去它：正文请写成 .md 页面，附件请改用 PDF、Word 或打包成 .zip；确需原样发布的，请交网站管理员放入网站文件夹的 static/ 中", "files of this type (%s) are not published: a web server or browser runs the code in them, so in content/ they could be used to attack the site. Remove it: write the text as a .md page, attach a PDF, Word file or .zip instead; a file that must be published as it is belongs in the site's static/ folder, put there by whoever runs the site"}
	MsgOutsideContent    = Msg{"符号链接指向 content/ 以外的位置，已跳过", "symbolic link points outside content/; skipped"}
	MsgDestInSources     = Msg{"输出目录 %s 在网站的 %s 文件夹里：生成的网页会混进网站的源文件，下次生成时出错。请换一个 --dest 目录（不写 --dest 时生成到网站文件夹下的 public）", "destination %s is inside the site's %s folder: the built pages would mix with the sources and break the next build. Choose another --dest (without --dest the site goes to public in the site folder)"}
	MsgDestNotOurs       = Msg{"输出目录 %s 不是空目录，且不是 dangjian 生成的（缺少标记文件 %s），为安全起见不会覆盖。请换一个 --dest 目录或手动清空它", "destination %s is not empty and was not made by dangjian (no %s marker file); refusing to replace it. Choose another --dest or empty it"}
	MsgBrokenLink        = Msg{"链接 %q 指向的页面或文件不存在", "link %q points to no page or file"}
	MsgBrokenAnchor      = Msg{"链接 %q 中的锚点 #%s 在目标页面中不存在", "link %q: anchor #%s not found on the target page"}
	MsgFutureDate        = Msg{"日期 %s 在未来：常见原因是年份或月份写错，请核对后改正（网站会把它排在最前面）", "date %s is in the future: usually a slip in the year or month; please check it (the site lists it first)"}
	MsgHonorNoEntries    = Msg{"荣誉榜没有 [[honors]] 条目：正文里的名单不计入荣誉统计，也不会显示在获奖单位的页面上。请把名单逐条写成 [[honors]]（name、recipient，可加 type、level、unit），写法见 dangjian new honor 生成的模板", "the honor list has no [[honors]] entries: names in the text are not counted in the statistics nor shown on the winners' unit pages; write each as [[honors]] (name, recipient, and type, level, unit), as in the template of dangjian new honor"}
	MsgHonorYear         = Msg{"荣誉“%s”的日期 %s 不在本榜单年份 %d 内", "honor %q is dated %s, outside the list's year %d"}
	MsgPhotoHeavy        = Msg{"图片 %s 有 %.1f MB，老年读者用手机流量打开要等很久，也费流量；建议缩小到 1 MB 以内再发布（例如用 WPS 图片或画图把宽度改为 1600 像素左右，另存为 JPEG）", "image %s is %.1f MB: on an old phone over a mobile network it takes long to open and costs data; shrink it below 1 MB (for example about 1600 pixels wide, saved as JPEG)"}
	MsgRawHTMLDropped    = Msg{"网页代码 %s 不会显示在网页上（网站不发布正文中的网页代码，以免被用来攻击网站）：换行请空一行另起一段，表格中换行可写 <br>；居中、字体等格式不用写；视频或外部网页请写成链接 [名称](https://…)", "the HTML %s does not show on the page (the site publishes no HTML written in the text, so that it cannot be used to attack the site): start a new paragraph with an empty line for a line break (in a table, write <br>); leave out centring and fonts; write a video or outside page as a link [name](https://…)"}
	MsgRawHTMLMore       = Msg{"从这里起还有 %d 处网页代码不会显示在网页上（同上）", "%d more pieces of HTML from here on do not show on the page (as above)"}
	MsgImageNotFound     = Msg{"图片 %q 不存在", "image %q not found"}
	MsgAliasCollision    = Msg{"别名 %s 与页面 %s 的网址冲突", "alias %s collides with the URL of %s"}
)

// Messages of the check and new commands.
var (
	MsgSymlinkDangling  = Msg{"符号链接指向的文件不存在（可能已被移动或删除），已跳过", "symbolic link points to a file that does not exist; skipped"}
	MsgBrokenAnchorHere = Msg{"链接 %q：本页没有这个锚点（#%s 应与本页某个标题的锚点相同）", "link %q: no heading on this page has the anchor #%s"}
	MsgLinkCloseName    = Msg{"“%s” 找不到（网址中要用正斜杠 /，大小写也要与文件名一致：网站服务器区分大小写）；请写成 %s", "%q leads nowhere (addresses use forward slashes and the file name's exact case: web servers tell upper from lower case); write %s"}
	MsgSpacedLink       = Msg{"%s 的地址中有空格，网页上不会生成链接或图片，而是原样显示这段文字；请把地址用尖括号括起，写成 %s，或删去文件名中的空格", "the address of %s holds a space, so no link or image is made and the page shows the text as typed; put the address in angle brackets, %s, or take the space out of the file name"}
	MsgSampleText       = Msg{"%s 中还有示例文字“%s”，生成的网站会原样显示；请改成本单位的实际名称", "%s still holds the sample text %q, which the site shows as it is; write your own unit's name"}
	MsgLinkData         = Msg{"图片“%s”是粘贴进来的内嵌数据（data:），网站不会显示它；请把图片另存为文件放到 content/images/ 下，写成 ![说明](/images/文件名.png)", "the image %q is pasted-in data (data:), which the site does not show; save it as a file under content/images/ and write ![text](/images/name.png)"}
	MsgLinkLocalFile    = Msg{"链接“%s”指向您电脑上的文件，网站上打不开，会被去掉；请把文件复制到 content/files/ 下，写成 [说明](/files/文件名)", "the link %q points at a file on your own computer, which readers cannot open, so it is taken out; copy the file under content/files/ and write [text](/files/name)"}
	MsgLinkScheme       = Msg{"链接“%s”以 %s: 开头，不是网页地址，网站会去掉这个链接；只能用站内路径，或 http://、https://、mailto:、tel: 开头的地址", "the link %q starts with %s:, which is no web address, so the site takes it out; use a path of the site, or an address starting http://, https://, mailto: or tel:"}
	MsgLinkNoScheme     = Msg{"链接 %q 缺少开头的 https://（或 http://），浏览器会把它当作本站里的文件而打不开；请写成 %s", "link %q lacks its https:// (or http://), so the browser looks for it on this site; write %s"}
	MsgRelativeToFile   = Msg{"%q 在网页中按本页网址 %s 计算，找不到文件；若要指向 content/ 下的这个文件，请写成 %s", "%q is resolved from the page's address %s and finds nothing; to point at that file, write %s"}
	MsgURLIsList        = Msg{"网址 %s 已被栏目或列表页使用，两者会互相覆盖；请改文件名或设置 slug", "URL %s is used by a section or list page; one would replace the other. Rename the file or set slug"}
	MsgBrokenMDLink     = Msg{"链接 %q 指向的文件 %s 不存在（或是草稿，不会发布）", "link %q: %s does not exist (or is a draft, which is not published)"}
	MsgWarningPrefix    = Msg{"警告：", "warning: "}
	MsgCheckSummary     = Msg{"检查了 %d 个页面、%d 个站内链接：%d 处错误，%d 处警告。", "checked %d pages and %d internal links: %d error(s), %d warning(s)."}
	MsgNewExists        = Msg{"%s 已存在，不会覆盖。请换一个名称，或直接编辑这个文件", "%s already exists; not overwriting it. Choose another name or edit that file"}
	MsgNewKind          = Msg{"未知类型 %q，可选：unit（单位）、brand（党建品牌）、model（示范点）、honor（荣誉榜）、news（工作动态）", "unknown kind %q; use unit, brand, model, honor or news"}
	MsgNewName          = Msg{"名称 %q 不能用作文件名", "name %q cannot be used as a file name"}
	MsgNoArchetype      = Msg{"找不到模板文件 archetypes/%s", "archetype archetypes/%s not found"}
	MsgArchetypeBad     = Msg{"模板 %s 生成的内容有误：%s", "archetype %s produces a broken file: %s"}
	MsgNewCreated       = Msg{"已创建 %s（草稿）。填写好各字段后，把 draft = true 改为 false 即可发布", "created %s (a draft). Fill in the fields, then set draft = false to publish it"}
)
