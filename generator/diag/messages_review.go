package diag

// Messages of the publication review (dangjian review, generator/review).
var (
	MsgRevOutdated     = Msg{Zh: "“%s”是%s更名以前的名称", En: "\"%s\" is the name used before the change of %s"}
	MsgRevOldName      = Msg{Zh: "“%s”是旧称", En: "\"%s\" is an old name"}
	MsgRevTypo         = Msg{Zh: "“%s”是错误写法（严重表述错误）", En: "\"%s\" is misspelt (a serious wording error)"}
	MsgRevAdWord       = Msg{Zh: "“%s”是医疗广告禁用词（《广告法》第十六条、《医疗广告管理办法》第七条）", En: "\"%s\" is forbidden in medical advertising (Advertising Law art. 16)"}
	MsgRevSiteTerm     = Msg{Zh: "“%s”不宜使用", En: "\"%s\" should not be used"}
	SugRevReplace      = Msg{Zh: "改为“%s”", En: "write \"%s\""}
	SugRevAdWord       = Msg{Zh: "删去，或如实介绍诊疗项目，不作疗效承诺", En: "remove it, or describe the service plainly without promising results"}
	SugRevRemove       = Msg{Zh: "删去或改写", En: "remove or reword it"}
	MsgRevID           = Msg{Zh: "未遮盖的居民身份证号码 %s，公开会泄露个人信息", En: "an unmasked resident ID number %s: publishing it leaks personal data"}
	SugRevID           = Msg{Zh: "遮盖为 %s，或删去", En: "mask it as %s, or remove it"}
	MsgRevPhone        = Msg{Zh: "未遮盖的手机号码 %s，公开会泄露个人信息", En: "an unmasked mobile number %s: publishing it leaks personal data"}
	SugRevPhone        = Msg{Zh: "遮盖为 %s，或删去；对外公布请用单位座机", En: "mask it as %s, or remove it; publish the office landline instead"}
	MsgRevDocBracket   = Msg{Zh: "文号“%s”的年份应写在六角括号〔〕内（GB/T 9704-2012）", En: "the year of the document number \"%s\" belongs in 〔〕 (GB/T 9704-2012)"}
	MsgRevDocZero      = Msg{Zh: "文号“%s”的序号不编虚位（1 不编为 01）", En: "the serial of the document number \"%s\" has a leading zero"}
	MsgRevDocNoYear    = Msg{Zh: "文号“%s”中没有用六角括号〔〕括起的年份（GB/T 9704-2012）", En: "the document number \"%s\" has no year in 〔〕 (GB/T 9704-2012)"}
	SugRevDocForm      = Msg{Zh: "写成“机关代字〔年份〕序号”，如 岳卫党发〔2016〕7号", En: "write it as issuer code〔year〕serial, e.g. 岳卫党发〔2016〕7号"}
	MsgRevPunct        = Msg{Zh: "半角“%s”紧挨着汉字（GB/T 15834-2011）", En: "half-width \"%s\" next to a Chinese character (GB/T 15834-2011)"}
	SugRevPunct        = Msg{Zh: "改为全角“%s”", En: "use the full-width \"%s\""}
	MsgRevDoubled      = Msg{Zh: "标点“%s”重复", En: "doubled \"%s\""}
	SugRevDoubled      = Msg{Zh: "只留一个“%s”", En: "keep one \"%s\""}
	MsgRevUnclosed     = Msg{Zh: "“%s”在本段中没有对应的“%s”", En: "\"%s\" has no matching \"%s\" in this paragraph"}
	SugRevUnclosed     = Msg{Zh: "补上“%s”，或删去多余的“%s”", En: "add the \"%s\", or remove the extra \"%s\""}
	MsgRevStale        = Msg{Zh: "栏目“%s”已 %d 天没有更新（最新一篇 %s），超过了 site.toml 规定的 %d 天", En: "section \"%s\" has not been updated for %d days (newest page %s), more than the %d days site.toml allows"}
	MsgRevStaleEmpty   = Msg{Zh: "栏目“%s”没有已发布的页面（site.toml 规定 %d 天内须有更新）", En: "section \"%s\" has no published page (site.toml asks for one every %d days)"}
	SugRevStale        = Msg{Zh: "发布新内容，或在 site.toml 的 [review] update_days 中调整天数", En: "publish something new, or change [review] update_days in site.toml"}
	MsgRevEmptySection = Msg{Zh: "栏目“%s”（content/%s/）还没有发布任何内容，读者点开是“暂无内容”：政府网站检查中，空白栏目是单项否决的问题。请发布至少一篇，或在 site.toml 中删去这个栏目的 [[menu]]", En: "the section %q (content/%s/) has nothing published, and readers who open it see 暂无内容: an inspection fails a site on a blank section alone. Publish at least one page, or remove the section's [[menu]] from site.toml"}
	MsgRevEmptyDrafts  = Msg{Zh: "栏目“%s”（content/%s/）只有 %d 篇草稿，还没有发布任何内容，读者点开是“暂无内容”：政府网站检查中，空白栏目是单项否决的问题。请把核对好的草稿改为 draft = false，或在 site.toml 中删去这个栏目的 [[menu]]", En: "the section %q (content/%s/) has only %d drafts and nothing published, and readers who open it see 暂无内容: an inspection fails a site on a blank section alone. Set draft = false on the drafts that are checked, or remove the section's [[menu]] from site.toml"}
	MsgRevEmptyGallery = Msg{Zh: "栏目“%s”（标识墙）还是空的：它展示已发布的党建品牌和单位的标识（logo），现在一个也没有，读者点开是“暂无标识”，检查时算空白栏目。请发布带 logo 的品牌（或给单位加上 logo），或在 site.toml 中删去这个栏目的 [[menu]]", En: "the section %q (the logo gallery) is blank: it shows the logos of published brands and units, and there are none, so readers see 暂无标识 and an inspection counts a blank section. Publish a brand with a logo (or give a unit one), or remove the section's [[menu]] from site.toml"}
	SugRevEmptyGallery = Msg{Zh: "发布带 logo 的品牌，或删去这个栏目的 [[menu]]", En: "publish a brand with a logo, or remove the section's [[menu]]"}
	SugRevEmptySection = Msg{Zh: "发布至少一篇，或删去这个栏目的 [[menu]]", En: "publish at least one page, or remove the section's [[menu]]"}
	SugRevSampleBody   = Msg{Zh: "改写为实际内容，或删去不需要的示例页面", En: "rewrite it, or delete the sample page"}
	SugRevNoTitle      = Msg{Zh: "在 site.toml 中写上 title = \"本单位 党建工作网\"", En: "write title = \"…\" in site.toml"}
	SugRevSample       = Msg{Zh: "改成本单位的实际名称", En: "write your own unit's name"}
	SugRevHonorEntries = Msg{Zh: "把名单逐条写成 [[honors]]", En: "write each name as an [[honors]] entry"}
	MsgRevSummary      = Msg{Zh: "审核了 %d 个页面：%d 个错误，%d 个警告", En: "reviewed %d pages: %d errors, %d warnings"}
	MsgRevRulesFailed  = Msg{Zh: "审核词表有误：%v", En: "the review word list is wrong: %v"}
	MsgRevListTOML     = Msg{Zh: "审核词表写法有误：%s", En: "the review word list is not valid TOML: %s"}
	MsgRevListUnknown  = Msg{Zh: "审核词表中有未知字段 %s：[[term]] 下可写 find、replace、rule、severity、since、note，[[allow]] 下只写 find", En: "unknown field %s in the review word list: a [[term]] takes find, replace, rule, severity, since and note, an [[allow]] only find"}
	MsgRevListNoFind   = Msg{Zh: "这一项 [[term]] 没有写要查找的词语：请加一行 find = \"要查找的词语\"，或删去这一项", En: "this [[term]] has no word to find: add a line find = \"the word\", or remove the entry"}
	MsgRevListSev      = Msg{Zh: "severity = %q 不对：请写 severity = \"error\"（错误，审核不通过）或 severity = \"warning\"（警告）", En: "severity = %q is not one of the two: write severity = \"error\" (fails the review) or severity = \"warning\""}
	MsgRevListSince    = Msg{Zh: "since = %s 不是日期：请写成 since = 2018-03-27（年-月-日，月和日都写两位，不加引号）", En: "since = %s is not a date: write since = 2018-03-27 (year-month-day, no quotes)"}
	MsgRevFileID       = Msg{Zh: "附件中有 %d 处未遮盖的居民身份证号码，附件会原样发布，任何人下载都能看到，不能发布：请在 Word 或 Excel 中把它们遮盖为 %s 这样（隐去中间几位）后重新保存，或不发布这个附件", En: "the attachment holds %d unmasked resident ID numbers, and it is published as it is, for anyone to download: mask them in Word or Excel like %s (the middle digits hidden) and save it again, or do not publish it"}
	MsgRevFilePhone    = Msg{Zh: "附件中有 %d 处未遮盖的手机号码，附件会原样发布，任何人下载都能看到：不是有意公开的，请在 Word 或 Excel 中把它们遮盖为 %s 这样后重新保存；对外公布请用单位座机", En: "the attachment holds %d unmasked mobile numbers, and it is published as it is, for anyone to download: unless meant, mask them in Word or Excel like %s and save it again; publish an office landline instead"}
	MsgRevBuildID      = Msg{Zh: "第 %d 列有未遮盖的居民身份证号码 %s，不能发布：请遮盖为 %s 或删去（确需公开的，在前一行写 <!-- review:ignore -->）", En: "column %d: an unmasked resident ID number %s must not be published: mask it as %s or remove it (to publish it on purpose, put <!-- review:ignore --> on the line before)"}
	MsgRevBuildPhone   = Msg{Zh: "第 %d 列有未遮盖的手机号码 %s，不能发布：请遮盖为 %s 或删去（确需公开的，在前一行写 <!-- review:ignore -->）", En: "column %d: an unmasked mobile number %s must not be published: mask it as %s or remove it (to publish it on purpose, put <!-- review:ignore --> on the line before)"}
	MsgRevSheetTitle   = Msg{Zh: "网站内容发布审核表", En: "Publication review sheet"}
)
