package diag

// Messages of `dangjian deploy` and `dangjian package`.
var (
	MsgDeployNoTarget    = Msg{"没有指定发布目标：请在命令后写上目标（如 dangjian deploy sftp://web@192.168.1.10/var/www/dangjian），或在 site.toml 的 [deploy] 中设置 target", "no deploy target: give one on the command line (e.g. dangjian deploy sftp://web@192.168.1.10/var/www/dangjian) or set target in site.toml's [deploy]"}
	MsgDeployNoBuild     = Msg{"找不到已生成的网站文件夹 %s：请先运行 dangjian build", "no built site in %s: run dangjian build first"}
	MsgDeployDrafts      = Msg{"%s 是用 dangjian build --drafts 生成的，含 %d 篇草稿（%s），草稿还没有经过审核，不能发布。请不加 --drafts 重新运行 dangjian build，再发布", "%s was built with dangjian build --drafts and holds %d drafts (%s), which are not yet approved and must not be published. Run dangjian build again without --drafts, then publish"}
	MsgPublishStale      = Msg{"%s 是 %s 生成的，之后 %s 又修改过：发送的是修改前的网站。要发布修改，请先运行 dangjian build", "%s was built at %s and %s changed after that: what is sent is the site before the change. To publish the change, run dangjian build first"}
	MsgPublishReview     = Msg{"发布前审核在已发布的页面中发现 %d 个错误（见上），为免把严重表述错误、未遮盖的个人信息等发布出去，没有发送任何文件。请改正后重新运行 dangjian build 再发布；确需保留的写法，在那一行的前一行写 <!-- review:ignore -->。运行 dangjian review 可查看全部审核结果", "the publication review found %d errors on published pages (above), so nothing was sent, to keep serious wording errors, unmasked personal data and the like off the public site. Correct them, run dangjian build again and publish; to keep a wording on purpose, put <!-- review:ignore --> on the line before. dangjian review shows every finding"}
	MsgPublishReviewDry  = Msg{"发布前审核在已发布的页面中发现 %d 个错误（见上）：正式发布时会因此拒绝发送。请改正后重新运行 dangjian build", "the publication review found %d errors on published pages (above): a real deploy would refuse to send. Correct them and run dangjian build again"}
	MsgPublishMore       = Msg{"……另有 %d 个错误，运行 dangjian review 查看", "… and %d more errors: run dangjian review"}
	MsgDeployNotBuilt    = Msg{"%s 不是 dangjian 生成的网站文件夹（缺少标记文件 %s），为安全起见不会发送。请先运行 dangjian build", "%s was not made by dangjian (no %s marker file); refusing to send it. Run dangjian build first"}
	MsgDeployBadTarget   = Msg{"发布目标 %q 无法识别：%s。支持的写法：文件夹路径、file:///路径、sftp://用户@服务器[:端口]/路径、s3://存储桶[/前缀]?endpoint=服务器&region=地域", "deploy target %q not understood: %s. Use a folder, file:///path, sftp://user@host[:port]/path or s3://bucket[/prefix]?endpoint=host&region=region"}
	MsgDeployPassword    = Msg{"发布目标 %q 中不能写密码：SFTP 请用密钥登录（--identity 私钥文件），对象存储的密钥请放在环境变量中", "do not put a password in the deploy target %q: use a key for SFTP (--identity FILE) and environment variables for object storage keys"}
	MsgDeploySource      = Msg{"发布目标 %s 是网站文件夹 %s 本身，或其中的 content、static、layouts、themes 文件夹：生成的网页会混进网站的源文件，下次生成时出错。请换一个网站文件夹以外的文件夹，如 D:\\网站发布", "deploy target %s is the site folder %s itself or its content, static, layouts or themes folder: the built pages would mix with the site's sources and break the next build. Choose a folder outside the site folder"}
	MsgDeployInside      = Msg{"发布目标 %s 就是网站文件夹 %s 或在它里面，请换一个文件夹", "deploy target %s is the built folder %s or inside it; choose another folder"}
	MsgDeployEnvName     = Msg{"[deploy] 的 %s 应当写环境变量的名字（如 OSS_ACCESS_KEY_ID），而不是密钥本身：%q 不是有效的变量名", "[deploy] %s must name an environment variable (e.g. OSS_ACCESS_KEY_ID), not hold the key: %q is not a variable name"}
	MsgDeployKeyInTarget = Msg{"发布目标 %q 中不能写对象存储的密钥（%s）：地址会显示在屏幕和日志里，也常写在 site.toml 中。请从地址中删去它，把密钥放在环境变量 %s 和 %s 中", "do not put object storage keys in the deploy target %q (%s): the address is shown on screen and in logs, and often kept in site.toml. Remove it and set the environment variables %s and %s"}
	MsgDeployNoCreds     = Msg{"缺少对象存储的密钥：请设置环境变量 %s 和 %s（密钥不要写进 site.toml）", "object storage keys missing: set the environment variables %s and %s (never put keys in site.toml)"}
	MsgDeployS3Denied    = Msg{"对象存储 %s 拒绝了访问（%s）：请核对环境变量 %s 和 %s 中的密钥是否正确、有没有多余的空格，并请信息科（IT）确认这对密钥有存储桶 %q 的读写权限", "the object store %s denied access (%s): check the keys in the environment variables %s and %s (no stray spaces) and ask IT whether they may read and write bucket %q"}
	MsgDeployS3Plain     = Msg{"对象存储 %s 用的是不加密的 http，不是 https：单位内网自建的存储（如 MinIO），在地址后加上 &insecure=true；公有云（OSS、COS、OBS）请检查 endpoint 是否写错", "the object store %s speaks plain http, not https: for a store on the intranet (MinIO …) add &insecure=true to the address; for a public cloud check the endpoint"}
	MsgDeployNoBucket    = Msg{"对象存储中没有存储桶 %q：请让信息科（IT）先创建它，或检查地址中的存储桶名", "bucket %q does not exist: ask IT to create it or check the bucket name"}
	MsgDeployKnownHosts  = Msg{"无法读取主机密钥文件 %s：%v。请用 --known-hosts 指定文件，或向信息科（IT）索取服务器的 known_hosts 记录", "cannot read the known hosts file %s: %v. Give one with --known-hosts, or ask IT for the server's known_hosts line"}
	MsgDeployHostUnknown = Msg{"服务器 %s 的主机密钥不在 %s 中。为防止连到冒充的服务器，已拒绝连接，没有发送任何文件。\n" +
		"请信息科（IT）核对：服务器的指纹应为 %s（在服务器上运行 ssh-keygen -lf /etc/ssh/ssh_host_%s_key.pub 查看）。核对一致后，把下面这一行加入 %s：\n%s\n" +
		"（信息科也可以在可信的网络中运行 ssh-keyscan -p %s %s 得到这一行。）",
		"the host key of %s is not in %s; refusing to connect, nothing was sent.\n" +
			"Ask IT to confirm the server's fingerprint is %s (ssh-keygen -lf /etc/ssh/ssh_host_%s_key.pub on the server), then add this line to %s:\n%s\n" +
			"(IT can also get the line with ssh-keyscan -p %s %s from a trusted network.)"}
	MsgDeployHostChanged = Msg{"服务器 %s 的主机密钥与 %s 第 %d 行记录的不一致：服务器可能重装过，也可能有人在冒充它。已拒绝连接，没有发送任何文件。\n" +
		"请联系信息科（IT）核实服务器现在的指纹是否为 %s。确认是服务器更换了密钥后，运行 ssh-keygen -R '%s' -f '%s' 删除旧记录，再把下面这一行加入该文件：\n%s",
		"the host key of %s does not match line %[3]d of %[2]s: the server was reinstalled, or someone is impersonating it. Refusing to connect, nothing was sent.\n" +
			"Ask IT whether the server's fingerprint is now %[4]s. Once confirmed, remove the old line with ssh-keygen -R '%[5]s' -f '%[6]s' and add:\n%[7]s"}
	MsgDeployHostRevoked = Msg{"服务器 %s 的主机密钥在 %s 中被标记为已吊销（@revoked），已拒绝连接。请联系信息科（IT）", "the host key of %s is marked @revoked in %s; refusing to connect. Contact IT"}
	MsgDeployNoKey       = Msg{"找不到登录 %s 用的私钥：请用 --identity 指定私钥文件，或启动 SSH 代理（ssh-agent）并运行 ssh-add，或把私钥放在 ~/.ssh/id_ed25519", "no private key to log in to %s: give one with --identity, add it to the SSH agent (ssh-add), or put it in ~/.ssh/id_ed25519"}
	MsgDeployKeyLocked   = Msg{"私钥 %s 设有密码：请先运行 ssh-add %s 把它交给 SSH 代理，再重新发布", "private key %s has a passphrase: run ssh-add %s, then deploy again"}
	MsgDeployKeyRead     = Msg{"无法读取私钥 %s：%v", "cannot read private key %s: %v"}
	MsgDeployConnect     = Msg{"无法连接服务器 %s：%v。请检查网络、服务器地址和端口", "cannot connect to %s: %v. Check the network, the host and the port"}
	MsgDeployLogin       = Msg{"服务器 %s 拒绝了用户 %s 的密钥登录：请让信息科（IT）把您的公钥加入该用户的 authorized_keys（%v）", "%s refused the key of user %s: ask IT to add your public key to that user's authorized_keys (%v)"}
	MsgDeployFailed      = Msg{"发布中断：%v。目标上的每个文件不是旧版就是新版，网站仍可访问；排除问题后重新运行 dangjian deploy 即可完成发布", "deploy interrupted: %v. Each file on the target is either the old or the new version; run dangjian deploy again to finish"}
	MsgDeployBadManifest = Msg{"目标上的发布清单 %s 无法读取（%v），将逐个核对文件", "the manifest %s on the target is unreadable (%v); checking each file instead"}
	MsgDeployUnsafePath  = Msg{"目标上的发布清单中有不安全的路径 %q，已忽略（不会在目标根目录以外写入或删除）", "unsafe path %q in the target's manifest ignored (nothing is written or deleted outside the target)"}
	MsgDeployUnsafeMore  = Msg{"目标上的发布清单中另有 %d 个不安全的路径，均已忽略（清单可能被改动过，请信息科（IT）检查服务器）", "%d more unsafe paths in the target's manifest ignored (it may have been tampered with; ask IT to check the server)"}
	MsgDeployTooMany     = Msg{"目标 %s 上的文件超过 %s个，无法逐个核对（服务器的回答可能有误或被改动过）；请发布到只放本网站的文件夹或前缀（如 s3://桶名/dangjian），或请信息科（IT）检查服务器", "the target %s holds more than %s files, too many to check (the server's answer may be wrong or tampered with); deploy into a folder or prefix of its own (such as s3://bucket/dangjian), or ask IT to check the server"}
	MsgDeployUnsafePlace = Msg{"发布目标 %s 在隐藏文件夹、开机启动文件夹或系统文件夹（%s）中：网站的文件放在那里可能被当作登录密钥、启动程序或系统设置，未发布。请发布到网站专用的文件夹（如 /var/www/dangjian）；如果目标写在 site.toml 的 [deploy] 中，请检查是谁改的", "the deploy target %s lies in a hidden, start-up or system folder (%s): the site's files there could act as login keys, programs run at start-up or system settings; nothing was sent. Deploy to a folder of its own (e.g. /var/www/dangjian); if the target is in site.toml's [deploy], check who changed it"}
	MsgDeployNotASite    = Msg{"目标 %s 中已有 %d 个文件（如 %s），但既没有网站首页（index.html），也没有 dangjian 上次发布的清单，不像是网站的文件夹：为免覆盖其中的文件，未发布。请发布到空文件夹或网站的文件夹", "the target %s holds %d files (e.g. %s) but no home page (index.html) and no manifest of a dangjian deploy, so it is not a web site's folder; to avoid replacing its files nothing was sent. Deploy to an empty folder or a web site's folder"}
	MsgDeployForeign     = Msg{"目标上有 %d 个文件不属于本次网站，又没有上次发布的清单，因此没有删除它们", "%d file(s) on the target are not in this site and there is no manifest of a previous deploy, so they were left in place"}
	MsgDeployBadName     = Msg{"文件名 %q 不能安全发布（含有控制字符、反斜杠或不是 UTF-8），请改名后重新生成", "file name %q cannot be deployed safely (control characters, backslash or not UTF-8); rename it and build again"}
	MsgPackageSource     = Msg{"压缩包 %s 不能放在网站的 %s 文件夹里：下次生成网站时它会被当作网站的文件发布。请用 --output 指定其他位置，或不写 --output（默认放在网站文件夹中）", "the zip %s cannot be in the site's %s folder, whose files the next build publishes; choose another --output, or leave it out (the default is the site folder)"}
	MsgPackageFailed     = Msg{"无法写入压缩包 %s（%v）。请检查这个位置能否写入、磁盘是否已满，或用 --output 换一个位置", "cannot write the zip %s (%v); check that the place is writable and the disk not full, or choose another --output"}
	MsgPackageInside     = Msg{"压缩包 %s 不能放在网站文件夹 %s 里面，请用 --output 指定其他位置", "the zip %s cannot be inside the built folder %s; choose another --output"}
)
