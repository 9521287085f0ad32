//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package fs

import "os"

// Without flock the lock is the in-process mutex alone: conditional writes
// are atomic among the goroutines of one process only (see the package doc).
func lockFile(*os.File) error { return nil }

func unlockFile(*os.File) error { return nil }

// Directories cannot be fsynced portably here; rename is still atomic.
func syncDir(string) error { return nil }
