package diag

// Messages of the officer's first steps: init, help, new, and the common
// mistakes of writing front matter by hand (issue #15).
var (
	MsgInitNotEmpty  = Msg{"文件夹已存在且不是空的，为免覆盖其中的文件，不在这里新建网站。请换一个新的文件夹名，例如 dangjian init 我的党建网", "the folder exists and is not empty; not creating a site there, so nothing in it is overwritten. Choose a new folder name, e.g. dangjian init my-portal"}
	MsgInitNotFolder = Msg{"无法建立这个文件夹：%v", "cannot create this folder: %v"}
	MsgInitWrite     = Msg{"写入文件时出错：%v", "error while writing the files: %v"}
	MsgInitDone      = Msg{"已在 %s 新建网站（%d 个文件）。接下来：\n  cd %s\n  dangjian serve      在浏览器中预览，打开 http://127.0.0.1:1313/\n  dangjian new news 标题   新建一条动态\n使用方法见 %s 中的“使用说明.md”。", "created a site in %s (%d files). Next:\n  cd %s\n  dangjian serve      preview it at http://127.0.0.1:1313/\n  dangjian new news TITLE   start a news page\nSee 使用说明.md in %s for more."}
	MsgInitDemoDone  = Msg{"已在 %s 复制示例网站（%d 个文件）。接下来：\n  cd %s\n  dangjian serve      在浏览器中预览，打开 http://127.0.0.1:1313/", "copied the demo portal into %s (%d files). Next:\n  cd %s\n  dangjian serve      preview it at http://127.0.0.1:1313/"}
)
