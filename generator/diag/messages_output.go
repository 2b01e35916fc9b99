package diag

// Messages about writing the output (issue #14): a full disk, a folder that
// cannot be replaced, an interrupted build.
var (
	MsgWriteFailed = Msg{"无法写入 %s：%s。网站没有生成，原有输出保持不变", "cannot write %s: %s. Nothing was published; the previous output is unchanged"}
	MsgDestMount   = Msg{"输出目录 %s 无法被整体替换（%s）：它可能是一个挂载点（单独挂载的磁盘或共享文件夹），或与上一级目录不在同一磁盘上。请改用它下面的一个子目录，例如 --dest %s", "the output folder %s cannot be replaced as a whole (%s): it is probably a mount point, or on another disk than its parent folder. Use a folder inside it instead, e.g. --dest %s"}
	MsgInterrupted = Msg{"已中断：临时文件夹已删除，原有输出保持不变。", "interrupted: the temporary folder was removed; the previous output is unchanged."}
	MsgSymlinkOut  = Msg{"符号链接指向网站目录以外的位置，或网站中的隐藏文件夹（如 .git），已跳过（不会发布）", "symbolic link points outside the site folder, or into a hidden folder of it (such as .git); skipped (not published)"}

	// Reasons for MsgWriteFailed and MsgDestMount.
	ReasonDiskFull   = Msg{"磁盘空间已满，请腾出空间后重试", "the disk is full; free some space and try again"}
	ReasonQuota      = Msg{"超出了磁盘配额，请腾出空间或请管理员调整配额后重试", "the disk quota is exceeded; free some space and try again"}
	ReasonReadOnly   = Msg{"磁盘是只读的，请换一个可写的 --dest 目录", "the disk is read-only; choose another --dest"}
	ReasonPermission = Msg{"没有写入权限，请换一个 --dest 目录或检查文件夹权限", "permission denied; choose another --dest or check the folder's permissions"}
	ReasonBusy       = Msg{"目录正被占用或是挂载点", "the folder is busy or a mount point"}
	ReasonOtherDisk  = Msg{"不在同一磁盘上", "it is on another disk"}
)
