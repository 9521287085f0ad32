package fs

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/s3db-go/s3db/storage"
)

const (
	objSuffix  = ".obj"
	maxNameLen = 255 // bytes in one file name on most file systems
)

// escape maps a key segment to a file-name-safe string (see the package doc).
func escape(seg string) string {
	if seg == "" {
		return "%"
	}
	var b strings.Builder
	for i := 0; i < len(seg); i++ {
		if c := seg[i]; safe(c) && (i > 0 || c != '.') {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func safe(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~=,+@", c) >= 0
}

// unescape decodes %XX escapes into a segment (which has no '/'); callers
// check that the name is canonical.
func unescape(name string) (string, bool) {
	if name == "%" {
		return "", true
	}
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		if i+2 >= len(name) || !upperHex(name[i+1]) || !upperHex(name[i+2]) {
			return "", false
		}
		b.WriteByte(unhex(name[i+1])<<4 | unhex(name[i+2]))
		i += 2
	}
	seg := b.String()
	return seg, !strings.Contains(seg, "/")
}

func upperHex(c byte) bool { return '0' <= c && c <= '9' || 'A' <= c && c <= 'F' }

func unhex(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return c - 'A' + 10
}

// dirName is the name of the directory for a key segment followed by '/'.
func dirName(seg string) string {
	name := escape(seg)
	if strings.HasSuffix(name, objSuffix) {
		name = name[:len(name)-len(objSuffix)] + "%2E" + objSuffix[1:]
	}
	return name
}

// fileName is the name of the object file for a key's last segment.
func fileName(seg string) string { return escape(seg) + objSuffix }

// segmentFromDir inverts dirName; it fails on names dirName cannot produce.
func segmentFromDir(name string) (string, bool) {
	seg, ok := unescape(name)
	return seg, ok && dirName(seg) == name
}

// segmentFromFile inverts fileName; it fails on names fileName cannot produce.
func segmentFromFile(name string) (string, bool) {
	seg, ok := unescape(strings.TrimSuffix(name, objSuffix))
	return seg, ok && fileName(seg) == name
}

// dirPath returns the directory holding the keys that start with prefix,
// which is empty or ends in '/'.
func (b *Bucket) dirPath(prefix string) (string, error) {
	parts := []string{b.root}
	if prefix != "" {
		for _, seg := range strings.Split(prefix[:len(prefix)-1], "/") {
			name := dirName(seg)
			if len(name) > maxNameLen {
				return "", fmt.Errorf("%w: segment %.20q... is %d bytes escaped, more than a file name's %d", storage.ErrInvalidKey, seg, len(name), maxNameLen)
			}
			parts = append(parts, name)
		}
	}
	return filepath.Join(parts...), nil
}

// path returns the object file of a valid key.
func (b *Bucket) path(key string) (string, error) {
	i := strings.LastIndexByte(key, '/') + 1
	dir, err := b.dirPath(key[:i])
	if err != nil {
		return "", err
	}
	name := fileName(key[i:])
	if len(name) > maxNameLen {
		return "", fmt.Errorf("%w: segment %.20q... is %d bytes escaped, more than a file name's %d", storage.ErrInvalidKey, key[i:], len(name), maxNameLen)
	}
	return filepath.Join(dir, name), nil
}
