package diag

// Messages about URLs: the base URL, menu links, collisions between pages
// and the files the build makes, and portable output.
var (
	MsgBaseURLChar  = Msg{"%s 的值 %q 含有引号、尖括号、空格或其他不能出现在网址中的字符；请写成 \"https://dj.example.gov.cn/\" 这样的完整网址，或 \"/portal/\" 这样的路径", "%s %q contains quotes, angle brackets, spaces or other characters a URL cannot have; write a full address such as \"https://dj.example.gov.cn/\" or a path such as \"/portal/\""}
	MsgBaseURLQuery = Msg{"%s 的值 %q 不能含有 ? 或 #；请写成 \"https://dj.example.gov.cn/\" 这样的完整网址，或 \"/portal/\" 这样的路径", "%s %q cannot contain ? or #; write a full address such as \"https://dj.example.gov.cn/\" or a path such as \"/portal/\""}
	MsgBaseURLForm  = Msg{"%s 的值 %q 无效：只能是以 http:// 或 https:// 开头的完整网址（如 \"https://dj.example.gov.cn/\"），或以单个 / 开头的路径（如 \"/portal/\"）", "%s %q is not valid: use a full http:// or https:// address (\"https://dj.example.gov.cn/\") or a path starting with a single / (\"/portal/\")"}
	MsgMenuURLHost  = Msg{"菜单链接 %q 缺少开头的 https://（或 http://），会被当作本站里的地址而打不开；请写成 %q", "menu url %q lacks its https:// (or http://), so it would be read as a path of this site; write %q"}
	MsgFooterLink   = Msg{"[footer] 的 %s 应是 https:// 或 http:// 开头的完整网址，实际为 %q；请写成 %q 这样的网址", "[footer] %s must be a full address starting https:// or http://, got %q; write an address like %q"}
	MsgMenuURL      = Msg{"菜单链接 %q 无效：只能是站内路径（如 \"/news/\"），或 http://、https://、mailto:、tel: 开头的地址", "menu url %q is not valid: use a site path (\"/news/\") or an http://, https://, mailto: or tel: address"}

	MsgNoFullBaseURL = Msg{"baseURL 不是完整网址（%q），所以没有生成 sitemap.xml、RSS 订阅（index.xml）和 robots.txt 中的 Sitemap 行：这些格式只能使用完整网址。网站本身不受影响。如需生成，请在 site.toml 中设置 baseURL = \"https://你的网站域名/\"，或构建时加 --base-url https://你的网站域名/", "baseURL is not a full address (%q), so sitemap.xml, the RSS feeds (index.xml) and robots.txt's Sitemap line were left out: those formats need full URLs. The site itself is not affected. To have them, set baseURL = \"https://your.domain/\" in site.toml or build with --base-url https://your.domain/"}
)

// MsgBuiltPortable ends the build summary: where the site is and that it
// works from anywhere (the links are relative).
var MsgBuiltPortable = Msg{"网站已生成到 %s：可以直接双击其中的 index.html 从本机打开，也可以把整个文件夹复制到任意网站服务器（根目录或子目录均可）。", "the site is in %s: open its index.html straight from disk, or copy the whole folder to any web server (at its root or in a sub-folder)."}

// Names that would put a page somewhere else, and URL collisions.
var (
	MsgNameIndex      = Msg{"%s 的值 %q 含有 index.html：每个页面都以 index.html 的文件名生成，这个名称会和栏目或列表页的文件冲突；请改用普通的名称", "%s %q holds index.html, the file name every page is written under, so it would collide with a list page's file; use a plain name"}
	MsgNameDots       = Msg{"%s 的值 %q 含有 . 或 .. 这样的路径段，会让页面覆盖其他页面或生成的文件；请改用普通的名称", "%s %q has a . or .. path segment, which would make the page replace another page or a generated file; use a plain name"}
	MsgNameSeparator  = Msg{"%s 的值 %q 含有 / 或 \\，不能用作网址中的一个名称；请去掉这些符号", "%s %q contains / or \\, which cannot be part of one name in a URL; remove them"}
	MsgNameTooLong    = Msg{"%s 的值 %q 太长：网址中的一段最多 255 字节（约 85 个汉字），否则无法保存为文件；请改短", "%s %q is too long: one URL segment can have at most 255 bytes (about 85 Chinese characters), or it cannot be saved as a file; shorten it"}
	MsgURLGenerated   = Msg{"网址 %s 与 dangjian 自动生成的%s 冲突，两者会互相覆盖；请改文件名或设置 slug", "URL %s is where dangjian writes %s; one would replace the other. Rename the file or set slug"}
	MsgAliasGenerated = Msg{"别名 %s 与 dangjian 自动生成的%s 冲突，会覆盖它；请删除或修改这个别名", "alias %s is where dangjian writes %s and would replace it; remove or change the alias"}
	MsgFileOverFolder = Msg{"%s 是一个文件，而网站还要把 %s 写进同名的文件夹 /%s/，两者不能同时存在；请给这个文件改名", "%s is a file, but the site also writes %s inside a folder of that name (/%s/); both cannot exist. Rename the file"}
	MsgFolderOverFile = Msg{"所在的文件夹 /%s/ 与 dangjian 自动生成的%s 同名，两者不能同时存在；请给文件夹改名", "its folder /%s/ has the name of %s, which dangjian writes; both cannot exist. Rename the folder"}
	MsgCaseCollision  = Msg{"网址 %s 与 %s 只有大小写不同：在 Windows、macOS 等不区分大小写的系统和服务器上两者是同一个文件，会互相覆盖；请改文件名或设置 slug", "URL %s differs from %s only in letter case: on case-insensitive systems and servers (Windows, macOS) they are one file and would replace each other. Rename the file or set slug"}
)

// Names dangjian new refuses.
var (
	MsgNewNameWindows = Msg{"名称 %q 是 Windows 保留的设备名（CON、PRN、AUX、NUL、COM1–COM9、LPT1–LPT9，带不带扩展名都一样），这样的文件在 Windows 上无法打开；请换一个名称", "name %q is a device name Windows reserves (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9, with or without an extension) and cannot be opened there; choose another name"}
	MsgNewNameChars   = Msg{"名称 %q 不能用作文件名：不能含有 < > : \" / \\ | ? * # %% 和控制字符，不能以 . 开头或结尾（Windows 等系统无法保存这样的文件）；请去掉这些字符", "name %q cannot be a file name: it may not contain < > : \" / \\ | ? * # %% or control characters, nor start or end with a dot (Windows and other systems cannot save it); remove them"}
)

// MsgBuiltDrafts ends the summary of a build with drafts in it.
var MsgBuiltDrafts = Msg{"网站已生成到 %s，其中包含 %d 篇草稿（--drafts），只供在本机查看：不要把它复制到网站服务器，dangjian deploy 和 dangjian package 也会拒绝发布它。正式发布前，请不加 --drafts 重新运行 dangjian build。", "the site is in %s with %d drafts in it (--drafts), for looking at on this computer only: do not copy it to a web server; dangjian deploy and dangjian package refuse to publish it. Before publishing, run dangjian build again without --drafts."}
