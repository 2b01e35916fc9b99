package diag

// Messages about logos and SVG files that cannot be published (issue #14):
// each says what is wrong with the file and what to do. A logo's reason is
// worded to follow its name (Logo); a static SVG's stands alone, after the
// file's path.
var (
	MsgLogoTooBig      = Msg{"文件有 %s，超过 %s 的上限；请压缩或缩小后再用", "is %s, over the %s limit; compress or shrink it"}
	MsgSVGDoctype      = Msg{"第 %d 行有 DOCTYPE 内部定义（<!DOCTYPE … [ <!ENTITY …> ]>），可被用来耗尽内存，不予发布；请删去方括号及其中的内容，或在绘图软件中重新导出不含 DTD 的 SVG", "has a DOCTYPE internal subset (<!DOCTYPE … [ <!ENTITY …> ]>) on line %d, which can exhaust memory; it is not published. Delete the brackets and what is inside them, or export the SVG again without a DTD"}
	MsgSVGSyntax       = Msg{"第 %d 行不是有效的 SVG（%s）；请在绘图软件中重新导出", "is not valid SVG on line %d (%s); export it again"}
	MsgSVGNotSVG       = Msg{"不是 SVG 图形（最外层元素是 <%s>，应为 <svg>）", "is not an SVG drawing (its root element is <%s>, not <svg>)"}
	MsgSVGTooDeep      = Msg{"元素嵌套超过 %d 层（第 %d 行），不予发布；请在绘图软件中简化（取消多余的编组）后重新导出", "nests elements deeper than %d levels (line %d); it is not published. Ungroup and export it again"}
	MsgSVGTooMany      = Msg{"有超过 %d 个元素，不予发布；请在绘图软件中简化后重新导出", "has more than %d elements; it is not published. Simplify it and export it again"}
	MsgSVGExpands      = Msg{"处理后会超过 %s，不予发布；请在绘图软件中重新导出", "would grow over %s; it is not published. Export it again"}
	MsgSVGRasterSize   = Msg{"第 %d 行嵌入的位图为 %d×%d 像素，超过限制（每边最多 %d 像素、总共最多 %s像素、长宽比最多 %d:1）；网站不解码它，但每位读者的手机都要解码，可被用来让手机卡死，不予发布；请在绘图软件中缩小嵌入的图片后重新导出，或改用 PNG、JPEG 标识", "embeds on line %d a raster image of %d×%d pixels, over the limits (at most %d pixels a side, %s pixels in all, an aspect ratio of %d:1); every reader's phone would have to decode it, which can be used to freeze it, so it is not published. Shrink the embedded image and export again, or use a PNG or JPEG logo"}
	MsgSVGRastersTotal = Msg{"嵌入的位图合计超过 %s像素（到第 %d 行为止），每位读者的手机都要解码，不予发布；请在绘图软件中缩小或删去嵌入的图片后重新导出，或改用 PNG、JPEG 标识", "embeds raster images of more than %s pixels in all (by line %d), which every reader's phone would have to decode; it is not published. Shrink or remove the embedded images and export again, or use a PNG or JPEG logo"}
	MsgSVGRasterBad    = Msg{"第 %d 行嵌入的图片无法识别（%s）；只可嵌入 PNG、JPEG、GIF 或 WebP 图片，不予发布；请在绘图软件中重新导出", "embeds an image on line %d that cannot be read (%s); only PNG, JPEG, GIF or WebP may be embedded, so it is not published. Export it again"}
	MsgImageTruncated  = Msg{"文件不完整（可能没有上传完，或已损坏），无法读取；请重新导出或重新上传", "is truncated (an upload cut short, or a damaged file) and cannot be read; export or upload it again"}
	MsgImageBroken     = Msg{"无法解码（%s）：文件已损坏，或扩展名与实际格式不符；请用图片软件重新另存", "cannot be decoded (%s): the file is damaged or not in the format its name says; save it again from an image editor"}
	MsgImageDimensions = Msg{"为 %d×%d 像素，超过限制（每边最多 %d 像素、总共最多 %s像素、长宽比最多 %d:1）；请缩小或裁剪后再用", "is %d×%d pixels, over the limits (at most %d pixels a side, %s pixels in all, an aspect ratio of %d:1); shrink or crop it"}
	MsgImageMemory     = Msg{"为 %d×%d 像素（%s），解码需要约 %d MB 内存，超过 %d MB 的上限；请缩小，或另存为 8 位色的 PNG 或 JPEG", "is %d×%d pixels (%s) and would take about %d MB to decode, over the %d MB limit; shrink it or save it as an 8-bit PNG or a JPEG"}
	MsgImageScans      = Msg{"是分成超过 %d 遍扫描的 JPEG，解码要很久（可被用来拖垮生成），不予发布；请用图片软件另存为普通 JPEG（不选“渐进式”）或 PNG", "is a JPEG of more than %d scans, which takes very long to decode (it can stall the build); it is not published. Save it again from an image editor as a plain (not progressive) JPEG or a PNG"}
	MsgImagePhoto      = Msg{"图片为 %d×%d 像素，超过 %s像素的上限：网站不解码它，但每位读者的手机打开网页时都要解码，可被用来让手机卡死，不予发布；请用图片软件缩小（长边 4000 像素左右即可）后再用", "the picture is %d×%d pixels, over the %s pixel limit: every reader's phone would have to decode it, which can be used to freeze it, so it is not published. Shrink it (about 4000 pixels on the long side is plenty)"}
	MsgLogoUnreadable  = Msg{"无法读取：%v", "cannot be read: %v"}
)

// Logo words a reason about a logo as a sentence about it: its first
// argument is the logo as the page wrote it, then the reason's own.
func Logo(reason Msg) Msg {
	return Msg{"标识图片 %q " + reason.Zh, "logo %q " + reason.En}
}
