package diag

import "fmt"

// Messages of the officer's first steps: init, help, new, and the common
// mistakes of writing front matter by hand (issue #15).
var (
	MsgInitNotEmpty  = Msg{"文件夹已存在且不是空的，为免覆盖其中的文件，不在这里新建网站。请换一个新的文件夹名，例如 dangjian init 我的党建网", "the folder exists and is not empty; not creating a site there, so nothing in it is overwritten. Choose a new folder name, e.g. dangjian init my-portal"}
	MsgInitNotFolder = Msg{"无法建立这个文件夹：%v", "cannot create this folder: %v"}
	MsgInitWrite     = Msg{"写入文件时出错：%v", "error while writing the files: %v"}
	MsgInitDone      = Msg{"已在 %s 新建网站（%d 个文件）。接下来：\n  cd %s\n  dangjian serve      在浏览器中预览，打开 http://127.0.0.1:1313/\n  dangjian new news 标题   新建一条动态\n使用方法见 %s 中的“使用说明.md”。", "created a site in %s (%d files). Next:\n  cd %s\n  dangjian serve      preview it at http://127.0.0.1:1313/\n  dangjian new news TITLE   start a news page\nSee 使用说明.md in %s for more."}
	MsgInitDemoDone  = Msg{"已在 %s 复制示例网站（%d 个文件）。接下来：\n  cd %s\n  dangjian serve      在浏览器中预览，打开 http://127.0.0.1:1313/", "copied the demo portal into %s (%d files). Next:\n  cd %s\n  dangjian serve      preview it at http://127.0.0.1:1313/"}
)

// TOML mistakes: the decoder's errors in the officer's words, and the
// common slips recognised on the line with the fix spelt out.
var (
	MsgFrontTOML        = Msg{"前置信息（+++ 之间）写法有误：%s", "front matter (between the +++ lines): %s"}
	MsgFrontUnclosed    = Msg{"前置信息以 +++ 开始，但没有结束的 +++：请在第 %d 行（正文开始处）前面加一行 +++", "front matter starts with +++ but is never closed: add a line +++ before line %d, where the text starts"}
	MsgHintDate         = Msg{"日期 %s 的写法不对，请写成 %s = %s（年-月-日，月和日都写两位，不加引号）", "the date %s is not written the TOML way; write %s = %s (year-month-day, two-digit month and day, no quotes)"}
	MsgHintQuotes       = Msg{"%s 是中文引号或全角引号，请改用英文半角直引号，写成 %s = %s", "%s is a curly or full-width quote; use straight quotes: %s = %s"}
	MsgHintEquals       = Msg{"等号“＝”是全角字符，请改为半角等号，写成 %s = %s", "\"＝\" is a full-width equals sign; write %s = %s"}
	MsgHintFullWidth    = Msg{"%s 含全角字符（%s），请改为半角，写成 %s = %s", "%s contains full-width characters (%s); write %s = %s"}
	MsgHintColon        = Msg{"字段名和值之间要用半角等号 =，不用冒号，请写成 %s = %s", "a field name and its value are joined by \"=\", not a colon; write %s = %s"}
	MsgHintList         = Msg{"%s 是列表，各项用半角双引号括起、半角逗号隔开，外面加方括号，请写成 %s = %s", "%s is a list: each item in double quotes, separated by commas, all in square brackets; write %s = %s"}
	MsgHintIdeoSpace    = Msg{"本行有全角空格（中文输入法打出的空格），请删去或改为半角空格，写成 %s = %s", "the line holds a full-width space (typed with a Chinese input method); delete it or use a normal space: %s = %s"}
	MsgHintQuoteText    = Msg{"文本要用半角双引号括起，请写成 %s = %s", "a text goes in double quotes; write %s = %s"}
	MsgHintBoolWord     = Msg{"%s 要写成 true（是）或 false（否），不加引号，请写成 %s = %s", "%s: write true or false, without quotes: %s = %s"}
	MsgHintFullWidthKey = Msg{"字段名 %s 含全角字符，请改为半角，写成 %s", "field name %s contains full-width characters; write %s"}
	MsgHintThousands    = Msg{"数字 %s 中不要加千位分隔符，请写成 %s = %s", "do not group the digits of %s; write %s = %s"}
	MsgHintNumberUnit   = Msg{"数字后面不要写单位或文字，请写成 %s = %s（只写数字）", "no unit or word after a number; write %s = %s (the number alone)"}
	MsgHintFieldNumber  = Msg{"字段 %s 应为%s，实际为 %s；请只写数字，不加引号：%s = %s", "field %s should be %s, got %s; write the number alone, without quotes: %s = %s"}
	MsgHintFieldDate    = Msg{"字段 %s 应为%s，实际为 %s；请写成 %s = %s（不加引号）", "field %s should be %s, got %s; write %s = %s (no quotes)"}
	MsgFieldTypeTOML    = Msg{"字段 %s 应为%s，实际为%s", "field %s should be %s, got %s"}
)

// The TOML decoder's own errors, worded for the officer.
var (
	MsgTOMLAfterValue  = Msg{"值后面多出了 %s：一行只写一个“字段 = 值”，文本要用半角双引号括起，如 title = \"标题\"", "unexpected %s after the value: one \"key = value\" a line, text in double quotes, e.g. title = \"标题\""}
	MsgTOMLValue       = Msg{"等号后面的值写法不对，遇到了 %s：文本要用半角双引号括起，如 title = \"标题\"；数字、日期、true/false 不加引号", "the value after \"=\" is not valid (found %s): text goes in double quotes, e.g. title = \"标题\"; numbers, dates and true/false without quotes"}
	MsgTOMLNoValue     = Msg{"等号后面缺少值", "a value is missing after \"=\""}
	MsgTOMLKey         = Msg{"字段名后面应是等号 =，遇到了 %s：字段名只用英文字母、数字和下划线，如 title = \"标题\"", "expected \"=\" after the field name, found %s: field names are ASCII letters, digits and underscores, e.g. title = \"标题\""}
	MsgTOMLBlankKey    = Msg{"等号前面缺少字段名", "the field name before \"=\" is missing"}
	MsgTOMLArray       = Msg{"列表中的各项要用半角逗号 , 隔开，并以 ] 结束，遇到了 %s，如 tags = [\"党建\", \"志愿服务\"]", "list items are separated by \",\" and the list ends with \"]\"; found %s, e.g. tags = [\"a\", \"b\"]"}
	MsgTOMLUnclosedStr = Msg{"文本缺少结束的半角双引号 \"", "a text is missing its closing double quote"}
	MsgTOMLDuplicate   = Msg{"字段 %s 写了两次，请删去其中一个", "field %s is written twice; remove one"}
	MsgTOMLBadDate     = Msg{"日期 %s 无效，请写成 2021-03-05 这样的格式（不加引号）", "invalid date %s; write it like 2021-03-05 (no quotes)"}
	MsgTOMLEscape      = Msg{"文本中的反斜杠 \\ 写法不对；要写反斜杠本身，请写两个 \\\\", "a backslash in a text is not valid; write \\\\ for a backslash"}
	MsgTOMLNumber      = Msg{"数字写法不对，只写阿拉伯数字，如 80 或 3.5", "the number is not valid; write digits only, e.g. 80 or 3.5"}
	MsgTOMLTable       = Msg{"表格名写法不对，应写成 [名称] 或 [[名称]]", "a table header is not valid; write [name] or [[name]]"}
	MsgTOMLRange       = Msg{"数字 %s 太大", "the number %s is too large"}
	MsgTOMLControl     = Msg{"含有不可见的控制字符，请删去后重新输入这一行", "contains an invisible control character; delete it and retype the line"}
	MsgTOMLNesting     = Msg{"方括号 [ ] 或花括号 { } 套了超过 %d 层；正常的内容最多两三层，请删去多余的括号（这样的写法会让生成耗尽内存）", "brackets [ ] or braces { } are nested more than %d deep; real content needs two or three levels, remove the extra ones (such nesting runs the build out of memory)"}
	MsgTOMLDots        = Msg{"这一行括号和引号以外的点号“.”超过 %d 个；键名如 a.b.c 只需两三段，请删去多余的点号，或把含点号的文字用双引号括起（这样的写法会让生成耗尽内存）", "more than %d dots on this line outside quotes; a key like a.b.c needs two or three parts, remove the extra dots or put text with dots in double quotes (such keys run the build out of memory)"}
	MsgTOMLOther       = Msg{"写法有误，请检查这一行的引号、等号、逗号是否都是半角，文本是否用双引号括起", "%s"}
	MsgTOMLTypeText    = Msg{"文本", "text"}
	MsgTOMLTypeInt     = Msg{"整数", "a whole number"}
	MsgTOMLTypeFloat   = Msg{"数字", "a number"}
	MsgTOMLTypeBool    = Msg{"true 或 false", "true or false"}
	MsgTOMLTypeArray   = Msg{"列表 [...]", "a list [...]"}
	MsgTOMLTypeTable   = Msg{"表格", "a table"}
	MsgTOMLTypeDate    = Msg{"日期", "a date"}
	MsgTOMLTypeOther   = Msg{"其他类型", "another type"}
)

// Sentence returns the message inner, with its arguments, worded in each
// language and put into outer's %s: one Msg with no arguments left. (A
// Msg argument of Text takes no arguments of its own.)
func Sentence(outer, inner Msg, args ...any) Msg {
	return Msg{
		Zh: fmt.Sprintf(outer.Zh, inner.Text(Chinese, args...)),
		En: fmt.Sprintf(outer.En, inner.Text(English, args...)),
	}
}

// Units named by slug, title or short name.
var (
	MsgUnitUnknownDid  = Msg{"找不到单位 %q（%s 可写 content/units/ 下的文件名、单位全称或简称）；是否应为 %q（%s）？", "unknown unit %q (%s takes a unit's file name in content/units/, its full title or its short name); did you mean %q (%s)?"}
	MsgUnitDraft       = Msg{"单位 %q（%s）还是草稿（draft = true），没有发布，本页不能指向它：请先把该单位的 draft = true 改为 false 发布它，或者本页也暂时保留 draft = true", "unit %q (%s) is a draft (draft = true) and not published, so this page cannot name it: publish the unit first (draft = false), or keep this page a draft too"}
	MsgUnitUnknown     = Msg{"找不到单位 %q（%s 可写 content/units/ 下的文件名、单位全称或简称），本站的单位见 content/units/", "unknown unit %q (%s takes a unit's file name in content/units/, its full title or its short name); the site's units are in content/units/"}
	MsgUnitByFullTitle = Msg{"%q 是单位 %q 的全称，本页按全称指向该单位；但它也是 %s的简称：如指的是后者，请改写为其文件名，如 %s = %q；如指的就是前者，可写文件名消除本提示", "%q is the full title of unit %q, so this page names that unit; it is also the short name of %s: if you mean that one, write its file name, e.g. %s = %q; if not, write the first unit's file name to silence this warning"}
	MsgUnitAmbiguous   = Msg{"%q 同时是几个单位的名称：%s；请改写为所指那个单位的文件名，如 %s = %q", "%q names several units: %s; write the file name of the one you mean, e.g. %s = %q"}
)

// Nothing wrong is published silently.
var (
	MsgPlaceholder     = Msg{"字段 %s 还是模板里的占位文字 %q：请改为实际内容；暂不发布就保留 draft = true", "field %s still holds the template's placeholder %q: write the real value, or keep draft = true to leave the page unpublished"}
	MsgPlaceholderLogo = Msg{"字段 %s 还是模板预填的通用党徽 %s：请换成本页自己的标识图片；暂不发布就保留 draft = true", "field %s is still the template's generic emblem %s: use the page's own logo, or keep draft = true to leave the page unpublished"}
	MsgPlaceholderBody = Msg{"正文还是模板里的提示文字 %q：请改写为实际内容；暂不发布就保留 draft = true", "the text still holds the template's prompt %q: write the real text, or keep draft = true to leave the page unpublished"}
	MsgUnknownKeyDid   = Msg{"未知字段 %s，是否应为 %s？（本站自定义的其他内容请写在 [params] 下）", "unknown field %s; did you mean %s? (other data of your own goes under [params])"}
	MsgUnknownKey      = Msg{"未知字段 %s，可用的字段：%s（本站自定义的其他内容请写在 [params] 下）", "unknown field %s; the fields are: %s (other data of your own goes under [params])"}
)

// MsgNewPreview follows MsgNewCreated: serve shows drafts, marked 草稿.
var MsgNewPreview = Msg{"运行 dangjian serve 后，在浏览器中打开 %s 即可预览（草稿页标有“草稿”）", "run dangjian serve and open %s to preview it (a draft is marked 草稿)"}

// MsgConfigUnknownDid is an unknown setting in site.toml close to a known one.
var MsgConfigUnknownDid = Msg{"site.toml 中有未知设置 %s，是否应为 %s？", "unknown setting %s in site.toml; did you mean %s?"}
