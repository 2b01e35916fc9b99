package deploy

import (
	"errors"
	"io"
	"net"
	"strings"
	"syscall"
)

// connectWhy says in Chinese why a connection failed and what to check,
// with the system's own words after it for IT: an officer cannot act on
// "dial tcp …: connect: connection refused".
func connectWhy(err error) string {
	var dns *net.DNSError
	var ne net.Error
	why := ""
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		why = "服务器拒绝连接，这个端口上没有在运行的服务：请核对地址中的端口（SFTP 默认 22），或请信息科（IT）确认服务已开启"
	case errors.As(err, &dns):
		why = "找不到名为 " + dns.Name + " 的服务器：请核对服务器地址是否写错；内网服务器要在单位内网中发布"
	case errors.As(err, &ne) && ne.Timeout():
		why = "连接超时，服务器没有回应：请检查网络是否连通、地址是否正确，或请信息科（IT）检查防火墙"
	case hungUpOnSSH(err):
		why = "对方不是 SFTP（SSH）服务，连接后立即断开：请核对地址中的端口，或请信息科（IT）确认"
	default:
		return err.Error()
	}
	return why + "（" + err.Error() + "）"
}

// hungUpOnSSH tells a port where something else than SSH answers: it
// closes on the SSH greeting (EOF, or a reset when it closes with our
// greeting still unread) or sends a long non-SSH banner.
func hungUpOnSSH(err error) bool {
	if !strings.Contains(err.Error(), "ssh: handshake failed") {
		return false
	}
	return errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET) ||
		strings.Contains(err.Error(), "ssh: overflow reading version string")
}
