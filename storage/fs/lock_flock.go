//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package fs

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes an exclusive flock(2) on f, which excludes other processes
// (and other open files of this one); the caller holds the in-process mutex.
func lockFile(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

func unlockFile(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }

// syncDir makes a rename or removal in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
