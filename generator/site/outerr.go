package site

import (
	"errors"
	"io/fs"
	"path/filepath"
	"syscall"

	"dangjian/generator/diag"
	"dangjian/generator/output"
)

// outputProblem words an error of writing or replacing the output for the
// officer, in their language, with the path and what to do: a full disk is
// a write error (not "cannot read file"), a destination that is a mount
// point is explained rather than printed as the system's English.
func outputProblem(dest string, err error) diag.Problem {
	var ce *output.CommitError
	if errors.As(err, &ce) {
		why := diag.Msg{Zh: ce.Err.Error(), En: ce.Err.Error()}
		switch {
		case errors.Is(ce.Err, syscall.EBUSY):
			why = diag.ReasonBusy
		case errors.Is(ce.Err, syscall.EXDEV):
			why = diag.ReasonOtherDisk
		default:
			return diag.New("", 0, diag.MsgWriteFailed, ce.Dest, reasonOf(ce.Err))
		}
		return diag.New("", 0, diag.MsgDestMount, ce.Dest, why, filepath.Join(ce.Dest, "public"))
	}
	path := dest
	var we *output.WriteError
	if errors.As(err, &we) {
		path, err = we.Path, we.Err
	}
	return diag.New("", 0, diag.MsgWriteFailed, path, reasonOf(err))
}

func reasonOf(err error) diag.Msg {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return diag.ReasonDiskFull
	case errors.Is(err, syscall.EDQUOT):
		return diag.ReasonQuota
	case errors.Is(err, syscall.EROFS):
		return diag.ReasonReadOnly
	case errors.Is(err, fs.ErrPermission):
		return diag.ReasonPermission
	}
	return diag.Msg{Zh: err.Error(), En: err.Error()}
}
