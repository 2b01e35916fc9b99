package diag

// Messages of the import command (dangjian import FILE.docx …).
var (
	MsgImportOldFormat   = Msg{"这是旧版 Word/WPS 文件（.doc 或 .wps），不能直接导入。请在 Word 或 WPS 中打开它，点“文件 → 另存为”，保存类型选“Word 文档（*.docx）”，再导入新文件", "this is an old binary Word/WPS file (.doc or .wps); open it in Word or WPS, save it as a Word document (.docx) and import that"}
	MsgImportPDF         = Msg{"这是 PDF 文件，不能导入。请找到它的原稿，在 Word 或 WPS 中另存为 .docx 后再导入", "this is a PDF file; find the original document and save it as .docx in Word or WPS"}
	MsgImportRTF         = Msg{"这是 RTF 文件，不能直接导入。请在 Word 或 WPS 中打开它，另存为 .docx 后再导入", "this is an RTF file; open it in Word or WPS and save it as .docx"}
	MsgImportODT         = Msg{"这是 OpenDocument 文件（.odt），不能直接导入。请在 WPS、Word 或 LibreOffice 中打开它，另存为 .docx 后再导入", "this is an OpenDocument (.odt) file; save it as .docx first"}
	MsgImportEncrypted   = Msg{"文件设置了打开密码（已加密），无法读取。请在 Word 或 WPS 中打开它，取消密码（文件 → 信息 → 保护文档 / 文档加密），保存后再导入", "the file is encrypted (it has an opening password); remove the password in Word or WPS, save, and import again"}
	MsgImportNotFound    = Msg{"找不到这个文件。请检查文件名（含 .docx）是否写对，以及命令是否在文件所在的文件夹中运行；文件名含空格时请用英文引号括起，如 \"督查 通报.docx\"", "no such file; check the name (with .docx) and that you are in its folder; quote a name with spaces, e.g. \"my report.docx\""}
	MsgImportLockFile    = Msg{"这是 Word 打开文档时自动生成的临时文件（文件名以 ~$ 开头），不是文档本身：请导入文档 %s（最好先在 Word 中保存并关闭它）", "this is the lock file Word makes while a document is open (its name starts with ~$), not the document: import %s (best saved and closed in Word first)"}
	MsgImportLockSkipped = Msg{"已跳过：这是 Word 打开文档时自动生成的临时文件（文件名以 ~$ 开头），不是文档本身；对应的文档正在 Word 中打开，如有未保存的修改，请保存后重新导入", "skipped: the lock file Word makes while a document is open (its name starts with ~$), not a document; that document is open in Word: if it has unsaved changes, save them and import it again"}
	MsgImportNotDocx     = Msg{"不是 Word 文档（.docx），无法导入。请在 Word 或 WPS 中另存为 .docx 后再导入", "not a Word document (.docx); save it as .docx in Word or WPS first"}
	MsgImportBroken      = Msg{"文件已损坏，无法读取（%s）。请在 Word 或 WPS 中打开它，另存为新的 .docx 后再导入", "the file is damaged and cannot be read (%s); open it in Word or WPS and save it as a new .docx"}
	MsgImportTooBig      = Msg{"文件中的 %s 解压后超过 %d MB，不像正常的文档（可能是恶意构造的压缩包），已拒绝导入", "%s would unpack to more than %d MB; this is not an ordinary document (perhaps a zip bomb), refused"}
	MsgImportTooMany     = Msg{"文件包含的部件过多（%d 个，上限 %d 个），不像正常的文档，已拒绝导入", "the file has too many parts (%d, at most %d); not an ordinary document, refused"}
	MsgImportTooComplex  = Msg{"文件中的 %s 元素过多，不像正常的文档（可能是恶意构造的文件），已拒绝导入", "%s has too many elements for an ordinary document (perhaps a hostile file); refused"}
	MsgImportTooDeep     = Msg{"文件中的 %s 层层嵌套超过 %d 层，不像正常的文档（可能是恶意构造的文件），已拒绝导入。如确是正常文档，请在 Word 或 WPS 中另存为新的 .docx 后再导入", "%s nests elements more than %d levels deep; not an ordinary document (perhaps a hostile file), refused. If it is an ordinary document, save it as a new .docx in Word or WPS and import that"}
	MsgImportFileTooBig  = Msg{"文件有 %d MB，超过导入上限 %d MB。请压缩其中的图片（WPS/Word：图片 → 压缩图片）后再导入", "the file is %d MB, more than the %d MB import limit; compress its pictures first"}
	MsgImportUsage       = Msg{"用法：dangjian import 文件.docx… --kind 类型 [--source 目录] [--unit 单位]    类型：news | brand | model | honor | unit", "usage: dangjian import FILE.docx… --kind KIND [--source DIR] [--unit UNIT]    KIND: news | brand | model | honor | unit"}
	MsgImportKind        = Msg{"未知类型 %q，可选：news（工作动态/通报）、brand（党建品牌）、model（示范点）、honor（荣誉榜）、unit（单位）", "unknown kind %q; use news, brand, model, honor or unit"}
	MsgImportUnknownUnit = Msg{"--unit %q 不是本站的单位（content/units/ 下没有这个文件名、标题或简称）%s", "--unit %q is no unit of this site (no file name, title or short name in content/units/)%s"}
	MsgImportUnitHint    = Msg{"，是否应为 %s？", "; did you mean %s?"}
	MsgImportWriteFailed = Msg{"无法写入 %s：%v（已撤销本次导入写入的所有文件）", "cannot write %s: %v (every file this import wrote was removed)"}
	MsgImportNothing     = Msg{"文档中没有文字，未导入", "the document has no text; nothing imported"}
	MsgImportSecret      = Msg{"文档标有密级“%s”，未导入：涉密文件不得在网站上发布（涉密不上网，上网不涉密）。如文件已经解密，请在 Word 或 WPS 中删去版头的密级标志后再导入", "the document is marked %q (classified); not imported: classified documents must not be published. If it has been declassified, delete the marking in Word or WPS and import it again"}
	MsgImportDone        = Msg{"已导入 %s → %s（草稿）", "imported %s → %s (a draft)"}
	MsgImportRenamed     = Msg{"%s 已存在，不会覆盖，新文件名加了序号：%s", "%s already exists and is not overwritten; the new file is %s"}
	MsgImportPreview     = Msg{"预览：先运行 dangjian serve（预览中包含草稿），再打开 %s ；核对无误后把 draft = true 改为 false 即可发布", "preview: run dangjian serve (drafts are shown) and open %s; when it reads right, set draft = false to publish"}
	MsgImportImages      = Msg{"图片已保存到 %s（%d 张）", "pictures saved to %s (%d)"}

	// Warnings: the page is written, but the officer should look at these.
	MsgImportMerged          = Msg{"第 %d 个表格有合并单元格：上下合并的内容已在每一行重复，左右合并的其余格留空，请核对", "table %d has merged cells: vertically merged text is repeated in each row, the rest of a horizontal merge is left empty; please check"}
	MsgImportTableRows       = Msg{"第 %d 个表格的单元格里还有表格，无法做成网页表格，已改为逐行列出，请核对", "table %d has a table inside a cell and cannot be a Markdown table; it is kept as a list of rows, please check"}
	MsgImportEMF             = Msg{"图片 %s 是 EMF/WMF 格式，浏览器无法显示，未导入。请在 Word/WPS 中把它另存为 PNG 图片后插入网页", "picture %s is EMF/WMF, which browsers cannot show; not imported. Save it as PNG and add it to the page"}
	MsgImportImageBad        = Msg{"图片 %s 的格式无法识别或不安全（%s），未导入", "picture %s is in an unknown or unsafe format (%s); not imported"}
	MsgImportImageLinked     = Msg{"有一张图片只是链接到外部文件（%s），没有嵌入文档，未导入", "a picture only links to an outside file (%s) and is not embedded; not imported"}
	MsgImportNoAlt           = Msg{"图片 %s 没有替代文字（Word：右键图片 → 编辑替代文字），请在 ![…] 的方括号中补写图片内容，方便视障读者", "picture %s has no alternative text; describe it inside the ![…] brackets for readers who cannot see it"}
	MsgImportTracked         = Msg{"文档中有 %d 处修订痕迹：插入的内容已保留，删除的内容已去掉（相当于“接受所有修订”），请核对", "the document has %d tracked changes: insertions were kept, deletions dropped (as \"accept all changes\"); please check"}
	MsgImportComments        = Msg{"文档中的 %d 条批注未导入", "%d comment(s) were not imported"}
	MsgImportBanji           = Msg{"版记未导入正文：%s", "the closing record (版记) was left out: %s"}
	MsgImportTextBox         = Msg{"文本框中的文字已放在所在段落之后，请核对位置", "text in text boxes was placed after its paragraph; please check"}
	MsgImportHonorList       = Msg{"第 %d 个表格的名单已写成 %d 条 [[honors]]（计入荣誉统计和获奖单位的页面），正文中不再重复这张表格：请逐条核对 name（荣誉名称）、recipient（获奖者）、type、unit", "the names of table %d are now %d [[honors]] entries (counted in the statistics and on the winners' unit pages) and the table is no longer repeated in the text: check each name, recipient, type and unit"}
	MsgImportHonorNoTable    = Msg{"没有找到表头含“姓名”“名称”或“获奖者”的名单表格，也没有认出“××名单”下面写成“姓名（单位）、姓名（单位）”的名单，名单（如有）留在正文中，没有变成 [[honors]] 条目，不计入荣誉统计和获奖单位的页面：请把名单逐条写成 [[honors]]（name、recipient，可加 type、level、unit），写法见 dangjian new honor 生成的模板", "no list table (a header with 姓名, 名称 or 获奖者) was found; the names, if any, stay in the text and are not [[honors]] entries, so the statistics and unit pages do not count them: write each as [[honors]] (name, recipient, and type, level, unit), as in the template of dangjian new honor"}
	MsgImportHonorKept       = Msg{"第 %d 个表格留在正文中，因为%s：已写成 [[honors]] 的行请核对；其余内容请补写成 [[honors]] 条目（name、recipient，可加 type、level、unit）或写进正文，核对后删去正文中的这张表格", "table %d stays in the text because %s: check the rows written as [[honors]]; write the rest as [[honors]] entries (name, recipient, and type, level, unit) or into the text, then delete the table from the text"}
	MsgImportHonorNoName     = Msg{"第 %d 个表格有获奖者，但找不到荣誉名称（没有“荣誉称号”列、分类行，表格上方也没有“××名单”一行），表格留在正文中，没有写成 [[honors]]：请在表格中加一列“荣誉称号”后重新导入，或把名单逐条写成 [[honors]]", "table %d has recipients but no honor name (no 荣誉称号 column, no category row, no “… 名单” line above it); it stays in the text: add a 荣誉称号 column and import again, or write each entry as [[honors]]"}
	MsgImportHonorUnit       = Msg{"第 %d 个表格第 %d 行（%s）：单位“%s”不是本站的单位，已写进 recipient 的括号中，没有填写 unit，这一项不计入任何单位的页面：如是本站单位，请在这一条加上 unit = \"单位文件名\"（content/units/ 中的文件名、全称或简称），或先新建该单位", "table %d row %d (%s): unit %q is not one of the site's units; it is kept in the recipient, in brackets, with no unit, so no unit page counts it: if it is one, add unit = \"slug\" (its file name in content/units/, full title or short name) to this entry, or create the unit first"}
	MsgImportHonorNoUnit     = Msg{"第 %d 个表格第 %s 行的获奖者中找不到本站单位的全称或简称，这几条没有填写 unit，不计入任何单位的页面：如属本站单位，请在这一条加上 unit = \"单位文件名\"（content/units/ 中的文件名、全称或简称）", "table %d rows %s name none of the site's units, so they have no unit and no unit page counts them: if they belong to one, add unit = \"slug\" (its file name in content/units/, full title or short name)"}
	MsgImportHonorType       = Msg{"第 %d 个表格：看不出第 %s 行是集体还是个人荣誉，这几条没有填写 type：请加上 type = \"集体\" 或 type = \"个人\"", "table %d: rows %s do not say whether the honor is collective or personal, so they have no type: add type = \"集体\" or type = \"个人\""}
	MsgImportPropsTitle      = Msg{"文档中没有找到标题（文号下居中的标题行，或“标题”样式的段落），title 暂取文档属性中的标题 %q（常常是模板留下的），请核对", "no title found in the document; title is set to the document properties' title, %q (often the template's), please check"}
	MsgImportPropsDate       = Msg{"文档中没有找到成文日期，date 暂填文档属性中的创建日期 %s（常常是模板的日期），请改为成文日期", "no date found in the document; date is set to the document's creation date, %s (often the template's), please correct it"}
	MsgImportNoDate          = Msg{"文档中没有找到成文日期，date 暂写为“请填写成文日期”：请改为实际日期（如 date = 2024-03-05，不加引号），否则不能发布", "no date found in the document; date is left as a placeholder: write the real date (e.g. date = 2024-03-05, no quotes), or the page cannot be published"}
	MsgImportGuessUnit       = Msg{"未用 --unit 指定单位，unit 暂填 %q，请核对（可用 --unit 单位文件名、全称或简称 指定）", "no --unit given; unit is set to %q, please check (give --unit SLUG, title or short name)"}
	MsgImportUnitFromText    = Msg{"未用 --unit 指定单位，按文档中出现的“%s”把 unit 填为 %q，请核对", "no --unit given; the document names %q, so unit is set to %q; please check"}
	MsgImportNoUnit          = Msg{"本站还没有单位（content/units/ 为空），unit 暂填 %q，请先用 dangjian new unit 新建单位", "the site has no unit yet; unit is set to %q; create one with dangjian new unit"}
	MsgImportNoLogo          = Msg{"文档中没有可用作标识的图片，logo 暂用主题的党徽 %s，请换成品牌标识", "no picture to use as the logo; logo is set to the theme's emblem %s, replace it with the brand's logo"}
	MsgImportHonorLevel      = Msg{"文档中没有写明荣誉级别，已按%s推断为 %s，写进了 level（没有单独写级别的条目都算这一级）：请核对；不对就改为国家级、省级、市级、县级或院级，某一条级别不同就在那一条加上 level", "the document does not state the honors' level; it was taken to be %[2]s from %[1]s and written as level (entries without their own level count at it): check it, change it to 国家级, 省级, 市级, 县级 or 院级 if wrong, and add level to any entry that differs"}
	MsgImportHonorNoLevel    = Msg{"文档中看不出荣誉级别（没有“级别”列，发文机关和标题也看不出是哪一级），这些荣誉在 /stats/ 的按级别统计中算作“未填写”：请在 year 下面加一行 level = \"市级\"（国家级、省级、市级、县级或院级）", "the document does not show the honors' level (no 级别 column, and neither the issuer nor the title tells), so /stats/ counts them as 未填写 by level: add a line level = \"市级\" (国家级, 省级, 市级, 县级 or 院级) below year"}
	MsgImportHonorPara       = Msg{"“%s”下面 %d 段文字中的名单已写成 [[honors]]（计入荣誉统计和获奖单位的页面），正文中不再重复这份名单：请逐条核对 name（荣誉名称）、recipient（获奖者）、type、unit", "the names under %q (%d paragraphs) are now [[honors]] entries (counted in the statistics and on the winners' unit pages) and are no longer repeated in the text: check each name, recipient, type and unit"}
	MsgImportHonorParaKept   = Msg{"“%s”下面的文字（%s）没能逐个认出获奖者，留在正文中，没有写成 [[honors]]，不计入荣誉统计：请写成“姓名（单位）、姓名（单位）”的格式后重新导入，或把名单逐条写成 [[honors]]（name、recipient，可加 type、level、unit）", "the text under %q (%s) could not be read name by name; it stays in the text, not as [[honors]], and is not counted: write it as 姓名（单位）、姓名（单位） and import again, or write each entry as [[honors]]"}
	MsgImportHonorParaUnit   = Msg{"名单“%s”中 %s 的单位“%s”不是本站的单位，已写进 recipient 的括号中，没有填写 unit，这一项不计入任何单位的页面：如是本站单位，请在这一条加上 unit = \"单位文件名\"（content/units/ 中的文件名、全称或简称），或先新建该单位", "list %q: the unit %[3]q of %[2]s is not one of the site's units; it is kept in the recipient, in brackets, with no unit: if it is one, add unit = \"slug\" to this entry, or create the unit first"}
	MsgImportHonorParaNoUnit = Msg{"名单“%s”中 %s 找不到本站单位的全称或简称，这几条没有填写 unit，不计入任何单位的页面：如属本站单位，请在这一条加上 unit = \"单位文件名\"（content/units/ 中的文件名、全称或简称）", "list %q: %s name none of the site's units, so they have no unit and no unit page counts them: if they belong to one, add unit = \"slug\""}
	MsgImportLevel           = Msg{"文档中没有写明示范点级别，level 暂填 %q，请核对", "the document does not say the model site's level; level is set to %q, please check"}
	MsgImportLongCell        = Msg{"第 %d 个表格的单元格里有多段文字，已合并为一行，请核对", "table %d has cells with several paragraphs; they were joined into one line, please check"}
)
