package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"dangjian/generator/diag"
	"dangjian/generator/output"
)

// The commands that write an output folder remove their unfinished
// temporary folder when interrupted (Ctrl-C, SIGTERM) before exiting, so
// that no half-written build is left beside the destination. (A SIGKILL
// cannot be caught: the next build removes what it left.)
//
// This file's init runs after main.go's (files initialise in name order),
// so the build command is registered by then; it panics otherwise, which
// every test of the package would show.
func init() {
	c := commands["build"]
	if c == nil {
		panic("signals.go: the build command is not registered yet")
	}
	c.run = interruptible(c.run)
}

func interruptible(run func([]string, io.Writer, io.Writer, diag.Lang) int) func([]string, io.Writer, io.Writer, diag.Lang) int {
	return func(args []string, stdout, stderr io.Writer, lang diag.Lang) int {
		sigs := make(chan os.Signal, 1)
		signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
		done := make(chan struct{})
		go func() {
			select {
			case sig := <-sigs:
				output.AbortAll()
				fmt.Fprintln(stderr, diag.MsgInterrupted.Text(lang))
				code := 130 // 128 + SIGINT, as shells report it
				if sig == syscall.SIGTERM {
					code = 143
				}
				os.Exit(code)
			case <-done:
			}
		}()
		defer func() {
			signal.Stop(sigs)
			close(done)
		}()
		return run(args, stdout, stderr, lang)
	}
}
