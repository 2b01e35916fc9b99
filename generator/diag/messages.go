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
	MsgNotUTF8           = Msg{"文件不是 UTF-8 编码（本行第 %d 个字符处起无法识别），多半是记事本按“ANSI”（即 GBK）保存的：请用记事本打开它，点“文件”→“另存为”，把窗口下方的“编码”选为“UTF-8”后保存", "file is not UTF-8 (from character %d of this line), most likely saved by Notepad as ANSI (GBK); save it as UTF-8: open it in Notepad, File → Save As, choose UTF-8 under Encoding and save"}
	MsgReadFailed        = Msg{"无法读取文件：%v", "cannot read file: %v"}
	MsgFrontMatterOpen   = Msg{"前置信息以 +++ 开始，但没有找到结束的 +++", "front matter starts with +++ but has no closing +++"}
	MsgTOML              = Msg{"前置信息 TOML 格式错误：%s", "bad TOML in front matter: %s"}
	MsgFieldType         = Msg{"字段 %s 应为%s，实际为 %s", "field %s should be %s, got %s"}
	MsgFieldRequired     = Msg{"缺少必填字段 %s", "missing required field %s"}
	MsgFieldRequiredEx   = Msg{"缺少必填字段 %s：请在前置信息（+++ 之间）加一行，如 %s", "missing required field %s: add a line between the +++ lines, e.g. %s"}
	MsgFieldValue        = Msg{"字段 %s 的值 %q 无效，可选值：%s", "field %s has invalid value %q; allowed: %s"}
	MsgUnknownField      = Msg{"未知字段 %s", "unknown field %s"}
	MsgCopiedFile        = Msg{"文件名或文件夹名中有“副本”，像是复制出来的文件：它也会发布成一篇，网址是 %s，网站上会出现内容重复的两篇；不需要的话请删除它或移出 content 文件夹，要用作新的一篇请改个文件名（并改写标题和正文）", "the file or folder name says it is a copy (副本, Copy): it is published as a page of its own at %s, so the site shows the same text twice; delete it or move it out of content/, or, to make it a new page, rename the file (and rewrite its title and text)"}
	MsgUnitLooksLikeNews = Msg{"这个文件在单位文件夹 content/units/ 里，会发布成一个单位，但它有日期 date，单位的字段（short、members、branches 等）一个也没有：如果这是一篇动态，请把它移到 content/news/ 下；如果是单位，请删去 date 并填写单位的情况", "this file is in content/units/, so it is published as a unit, but it has a date and none of a unit's fields (short, members, branches …): if it is a news item, move it to content/news/; if it is a unit, delete the date and fill in the unit's fields"}
	MsgFenceFullWidth    = Msg{"第一行的 %s 是全角加号（中文输入法打出的），前置信息认不出来：请把前置信息开头和结尾两行都改为半角的 +++", "the first line's %s is full-width plus signs (typed with a Chinese input method), so the front matter is not recognised: make both its first and its closing line +++ in ASCII"}
	MsgFenceIndented     = Msg{"第一行的 +++ 前面有空格，前置信息认不出来：请删去 +++ 前面的空格（结尾的 +++ 也一样）", "the first line's +++ is indented, so the front matter is not recognised: delete the spaces before it (and before the closing +++)"}
	MsgFenceYAML         = Msg{"前置信息要写在两行 +++ 之间，每行写成 title = \"标题\"（等号，文字加半角双引号）；这里用的是 --- 和“title: 标题”的写法，网站认不出来：请把第 1 行和第 %d 行的 --- 改为 +++，冒号改为等号，文字加上半角双引号", "front matter goes between two +++ lines, each field as title = \"标题\" (an equals sign, text in double quotes); this page uses --- lines and \"title: 标题\", which the site does not read: make the --- of lines 1 and %d +++, the colons equals signs, and quote the texts"}
	MsgWrongFolderCopy   = Msg{"字段 %s 是%s的字段（%s 栏目），这个文件却在复制出来的文件夹 content/%s/ 里，会另外发布一份：这个副本文件夹不需要的话请整个删除，或移出 content 文件夹（不要移进原栏目，以免覆盖原文件）", "the fields %s belong to %s (the %s section), but the file is in a copied folder, content/%s/, which would be published as well: delete that folder or move it out of content/ (not into the section, which would overwrite the originals)"}
	MsgWrongFolder       = Msg{"字段 %s 是%s的字段（%s 栏目），本栏目没有：这个文件是否放错了文件夹？请把它移到 content/%s/ 下", "the fields %s belong to %s (the %s section), not to this one: is the file in the wrong folder? Move it to content/%s/"}
	MsgUnknownFieldDid   = Msg{"未知字段 %s，是否应为 %s？", "unknown field %s; did you mean %s?"}
	MsgUnknownUnit       = Msg{"unknown unit %q（找不到单位 content/units/%s.md）", "unknown unit %q (no content/units/%s.md)"}
	MsgDuplicateURL      = Msg{"网址 %s 与 %s 重复", "URL %s is also produced by %s"}
	MsgLogoNotFound      = Msg{"字段 logo 指向的标识图片 %q 不存在（路径从 content/ 或 static/ 文件夹算起）", "logo %q not found"}
	MsgLogoFormat        = Msg{"logo %q 格式不支持（应为 PNG、JPEG、GIF、WebP 或 SVG）", "logo %q is not PNG, JPEG, GIF, WebP or SVG"}
	MsgConfigTOML        = Msg{"site.toml 格式错误：%s", "bad TOML in site.toml: %s"}
	MsgConfigUnknown     = Msg{"site.toml 中有未知设置 %s", "unknown setting %s in site.toml"}
	MsgConfigNoTitle     = Msg{"没有填写网站名称 title，每个页面顶部和浏览器标签上显示的是通用的“%s”：请在 site.toml 中写上，如 title = \"岚江市卫生健康委员会 党建工作网\"", "site.toml has no title, so every page's header and browser tab show the generic %q: add a line at the top of site.toml, e.g. title = \"岚江市卫生健康委员会 党建工作网\""}
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
	MsgPhotoTurned       = Msg{"图片 %s 是手机竖着拍的照片：照片本身是横着存的，靠其中的旋转标记才在电脑上正着显示，老手机和一些手机应用里的浏览器不认这个标记，读者看到的会是横躺着的；请用画图等软件把照片转正后另存为新的 JPEG 文件，再换上新文件（换好后本提示会消失）", "image %s is a portrait phone photo stored on its side with a tag to turn it: your computer follows the tag, but old phones and some in-app browsers do not, so readers see it lying down; turn it upright in Paint or the like and save it as a new JPEG, then use that file (this warning goes once it is right)"}
	MsgPhotoGPS          = Msg{"图片 %s 中记录了拍摄地点（手机的定位信息），发布后任何人保存照片都能查到在哪里拍的；请在文件上点右键 →“属性”→“详细信息”→“删除属性和个人信息”，去掉位置后再发布", "image %s records where it was taken (the phone's location), which anyone who saves it can read; right-click the file → Properties → Details → Remove Properties and Personal Information, then publish it"}
	MsgRawHTMLDropped    = Msg{"网页代码 %s 不会显示在网页上（网站不发布正文中的网页代码，以免被用来攻击网站）：换行请空一行另起一段，表格中换行可写 <br>；居中、字体等格式不用写；视频或外部网页请写成链接 [名称](https://…)", "the HTML %s does not show on the page (the site publishes no HTML written in the text, so that it cannot be used to attack the site): start a new paragraph with an empty line for a line break (in a table, write <br>); leave out centring and fonts; write a video or outside page as a link [name](https://…)"}
	MsgRawHTMLMore       = Msg{"从这里起还有 %d 处网页代码不会显示在网页上（同上）", "%d more pieces of HTML from here on do not show on the page (as above)"}
	MsgImageNotFound     = Msg{"图片 %q 不存在", "image %q not found"}
	MsgAliasCollision    = Msg{"别名 %s 与页面 %s 的网址冲突", "alias %s collides with the URL of %s"}
	MsgSearchCut         = Msg{"这一页正文太长，而且几乎没有重复的字词（像随机编码或码表），站内搜索只收录了正文的前 %d 个字，后面的内容搜索不到（标题、小标题和字段仍可搜索）。全部收录会让生成网站占用过多内存。如需都能搜索，请把这一页拆成几页；编码表请作为附件（如 Excel 文件）上传", "the body of this page is very long and has almost no repeated words (like random codes or a table of codes): the site search indexes only its first %d characters, and the rest cannot be found (its title, headings and fields still can). Indexing all of it would take too much memory to build the site. Split the page into several to make all of it searchable; attach a table of codes as a file (e.g. Excel)"}
)

// Messages of the check and new commands.
var (
	MsgSymlinkDangling  = Msg{"符号链接指向的文件不存在（可能已被移动或删除），已跳过", "symbolic link points to a file that does not exist; skipped"}
	MsgBrokenAnchorHere = Msg{"链接 %q：本页没有这个锚点（#%s 应与本页某个标题的锚点相同）", "link %q: no heading on this page has the anchor #%s"}
	MsgLinkCloseName    = Msg{"“%s” 找不到（网址中要用正斜杠 /，大小写也要与文件名一致：网站服务器区分大小写）；请写成 %s", "%q leads nowhere (addresses use forward slashes and the file name's exact case: web servers tell upper from lower case); write %s"}
	MsgSpacedLink       = Msg{"%s 的地址中有空格，网页上不会生成链接或图片，而是原样显示这段文字；请把地址用尖括号括起，写成 %s，或删去文件名中的空格", "the address of %s holds a space, so no link or image is made and the page shows the text as typed; put the address in angle brackets, %s, or take the space out of the file name"}
	MsgSampleBody       = Msg{"正文中还有新建网站时的示例文字“%s”，生成的网站会原样显示给读者；请改写为实际内容（不需要的示例页面可以删去）", "the text still holds the sample text %q of a new site, which the site shows to readers as it is; rewrite it (or delete a sample page you do not need)"}
	MsgSampleText       = Msg{"%s 中还有示例文字“%s”，生成的网站会原样显示；请改成本单位的实际名称", "%s still holds the sample text %q, which the site shows as it is; write your own unit's name"}
	MsgLinkData         = Msg{"图片“%s”是粘贴进来的内嵌数据（data:），网站不会显示它；请把图片另存为文件放到 content/images/ 下，写成 ![说明](/images/文件名.png)", "the image %q is pasted-in data (data:), which the site does not show; save it as a file under content/images/ and write ![text](/images/name.png)"}
	MsgLinkLocalFile    = Msg{"链接“%s”指向您电脑上的文件，网站上打不开，会被去掉；请把文件复制到 content/files/ 下，写成 [说明](/files/文件名)", "the link %q points at a file on your own computer, which readers cannot open, so it is taken out; copy the file under content/files/ and write [text](/files/name)"}
	MsgImageLocalFile   = Msg{"图片“%s”是您电脑上的文件，网站上显示不出来；请把图片复制到 content/images/ 下，写成 ![说明](/images/%s)", "the image %q is a file on your own computer, which readers cannot see; copy it under content/images/ and write ![text](/images/%s)"}
	MsgLinkPreview      = Msg{"链接“%s”是预览地址（%s 是您自己的电脑），读者点开打不开；请写成站内地址 %s", "the link %q is a preview address (%s is your own computer), which readers cannot open; write the site's own address %s"}
	MsgLinkOwnSite      = Msg{"链接“%s”写的是本站的完整网址：从内网电脑或本机打开网站时，点它会跳到外网（不能上网时打不开），预览中也看不到改动；请写成站内地址 %s", "the link %q is this site's full address: opened on an intranet PC or from disk, it leads to the internet (nowhere, offline), and the preview does not follow it; write the site's own address %s"}
	MsgMDLinkFromSite   = Msg{"链接 %q 找不到：.md 链接从本页所在的文件夹算起，网址中用正斜杠 /；请写成 %s", "link %q leads nowhere: a .md link is counted from this page's folder, with forward slashes; write %s"}
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
