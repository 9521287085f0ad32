package fs_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/fs"
	"github.com/s3db-go/s3db/storage/storagetest"
)

func open(t *testing.T, dir string) *fs.Bucket {
	t.Helper()
	b, err := fs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

func newBucket(t *testing.T) storage.Bucket {
	b, err := fs.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestConformance(t *testing.T) { storagetest.Run(t, newBucket) }

func TestStrict(t *testing.T) { storagetest.RunStrict(t, newBucket) }

func put(t *testing.T, b storage.Bucket, key, body string, meta map[string]string) string {
	t.Helper()
	etag, err := b.Put(t.Context(), key, []byte(body), meta, storage.PutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return etag
}

// files returns the regular files and directories under root, relative and
// slash-separated, directories with a trailing slash.
func files(t *testing.T, root string) []string {
	t.Helper()
	var got []string
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || path == root {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			rel += "/"
		}
		got = append(got, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestLayout(t *testing.T) {
	dir := t.TempDir()
	b := open(t, dir)
	etag := put(t, b, "resource=users/data/id=abc", "hello\nworld", map[string]string{"v": `a<b&"c"`})
	raw, err := os.ReadFile(filepath.Join(dir, "resource=users", "data", "id=abc.obj"))
	if err != nil {
		t.Fatal(err)
	}
	line, body, _ := bytes.Cut(raw, []byte("\n"))
	want := `{"format":1,"key":"resource=users/data/id=abc","etag":"\"` + strings.Trim(etag, `"`) + `\"","meta":{"v":"a<b&\"c\""}}`
	if string(line) != want || string(body) != "hello\nworld" {
		t.Errorf("object file:\n%s\nwant header\n%s\nand body hello\\nworld", raw, want)
	}
	if etag != storage.ETag([]byte("hello\nworld")) {
		t.Errorf("ETag %s is not the MD5 of the body", etag)
	}
	if got := b.String(); got != "file://"+filepath.ToSlash(dir) {
		t.Errorf("String() = %q", got)
	}
}

func TestEscaping(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "db")
	b := open(t, root)
	for key, path := range map[string]string{
		"a":                "a.obj",
		"a/b":              "a/b.obj",
		"x.obj":            "x.obj.obj",
		"x.obj/y":          "x%2Eobj/y.obj",
		".":                "%2E.obj",
		"..":               "%2E..obj",
		"../../etc/passwd": "%2E./%2E./etc/passwd.obj",
		"a//b":             "a/%/b.obj",
		"a/":               "a/%.obj",
		"/":                "%/%.obj",
		`a\b`:              "a%5Cb.obj",
		"a b:c%":           "a%20b%3Ac%25.obj",
		"é/日":              "%C3%A9/%E6%97%A5.obj",
		"Key=V,1+2@x~_-":   "Key=V,1+2@x~_-.obj",
		".s3db.lock":       "%2Es3db.lock.obj",
	} {
		put(t, b, key, key, nil)
		raw, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(path)))
		if err != nil {
			t.Errorf("key %q: %v", key, err)
			continue
		}
		if _, body, _ := bytes.Cut(raw, []byte("\n")); string(body) != key {
			t.Errorf("key %q: file %s holds %q", key, path, body)
		}
	}
	if got := files(t, parent); !slices.Equal(got[:1], []string{"db/"}) || slices.ContainsFunc(got, func(f string) bool { return !strings.HasPrefix(f, "db/") }) {
		t.Errorf("files outside the root: %q", got)
	}
}

func TestLongSegment(t *testing.T) {
	b := open(t, t.TempDir())
	ok := strings.Repeat("s", 255-len(".obj"))
	put(t, b, ok, "x", nil)
	put(t, b, ok[1:]+"/"+ok, "x", nil)
	long := strings.Repeat("d", 256)
	for _, key := range []string{ok + "s", long + "/x", strings.Repeat("é", 50)} {
		_, err := b.Put(t.Context(), key, nil, nil, storage.PutOptions{})
		if !errors.Is(err, storage.ErrInvalidKey) {
			t.Errorf("put %.10q...: %v, want ErrInvalidKey", key, err)
		}
	}
	page, err := b.List(t.Context(), storage.ListOptions{Prefix: long + "/"})
	if err != nil || len(page.Objects) != 0 {
		t.Errorf("list under an impossible prefix: %+v, %v", page, err)
	}
}

func TestIgnoresForeignFiles(t *testing.T) {
	dir := t.TempDir()
	b := open(t, dir)
	put(t, b, "t/a", "a", nil)
	for _, name := range []string{"README", "t/.hidden.obj", "t/.s3db-tmp-123", "t/notes.txt", "t/bad%zz.obj", "t/lower%c3.obj", "t/x.obj/y.obj", "t/%2Fslash.obj"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("junk"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page, err := b.List(t.Context(), storage.ListOptions{})
	if err != nil || len(page.Objects) != 1 || page.Objects[0].Key != "t/a" {
		t.Fatalf("list = %+v, %v; want only t/a", page, err)
	}
}

func TestCorruptObject(t *testing.T) {
	dir := t.TempDir()
	b := open(t, dir)
	if err := os.WriteFile(filepath.Join(dir, "bad.obj"), []byte("no header"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := b.Get(t.Context(), "bad")
	if err == nil || errors.Is(err, storage.ErrNotFound) || !strings.Contains(err.Error(), "corrupt object file") {
		t.Fatalf("get of a corrupt file: %v", err)
	}
}

func TestDeleteRemovesEmptyDirectories(t *testing.T) {
	dir := t.TempDir()
	b := open(t, dir)
	put(t, b, "a/b/c/d", "x", nil)
	put(t, b, "a/x", "x", nil)
	if err := b.Delete(t.Context(), "a/b/c/d", storage.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := files(t, dir); !slices.Equal(got, []string{".s3db.lock", "a/", "a/x.obj"}) {
		t.Fatalf("after deleting a/b/c/d: %q", got)
	}
	if err := b.Delete(t.Context(), "a/x", storage.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := files(t, dir); !slices.Equal(got, []string{".s3db.lock"}) {
		t.Fatalf("after deleting everything: %q", got)
	}
}

func TestReopen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "db")
	b, err := fs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	etag := put(t, b, "k", "v", map[string]string{"m": "1"})
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	o, err := open(t, dir).Get(t.Context(), "k")
	if err != nil || string(o.Body) != "v" || o.ETag != etag || o.Meta["m"] != "1" {
		t.Fatalf("after reopening: %+v, %v", o, err)
	}
}

// The cross-process test re-executes the test binary: each child runs
// TestCrossProcessChild against the same folder.
const (
	childDirEnv   = "S3DB_FS_TEST_CHILD_DIR"
	childIDEnv    = "S3DB_FS_TEST_CHILD_ID"
	childStartEnv = "S3DB_FS_TEST_CHILD_START"
	procs         = 3
	createKeys    = 100
	casWorkers    = 4 // goroutines per process
	casIncrements = 15
)

func TestCrossProcess(t *testing.T) {
	dir := t.TempDir()
	b := open(t, dir)
	put(t, b, "counter", "0", nil)

	start := time.Now().Add(500 * time.Millisecond).UnixNano()
	outs := make([]bytes.Buffer, procs)
	cmds := make([]*exec.Cmd, procs)
	for i := range procs {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrossProcessChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), childDirEnv+"="+dir, childIDEnv+"="+strconv.Itoa(i), childStartEnv+"="+strconv.FormatInt(start, 10))
		cmd.Stdout, cmd.Stderr = &outs[i], &outs[i]
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds[i] = cmd
	}
	winners := map[string][]int{}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("child %d: %v\n%s", i, err, outs[i].String())
		}
		sc := bufio.NewScanner(&outs[i])
		for sc.Scan() {
			if key, ok := strings.CutPrefix(sc.Text(), "won "); ok {
				winners[key] = append(winners[key], i)
			}
		}
	}
	wins := map[int]int{}
	for k := range createKeys {
		key := fmt.Sprintf("create/%03d", k)
		if len(winners[key]) != 1 {
			t.Fatalf("%s was won by processes %v, want exactly one", key, winners[key])
		}
		o, err := b.Get(t.Context(), key)
		if err != nil || string(o.Body) != strconv.Itoa(winners[key][0]) {
			t.Fatalf("%s: %v, %v; won by %d", key, o, err, winners[key][0])
		}
		wins[winners[key][0]]++
	}
	t.Logf("create-only wins per process: %v", wins)
	o, err := b.Get(t.Context(), "counter")
	if want := strconv.Itoa(procs * casWorkers * casIncrements); err != nil || string(o.Body) != want {
		t.Fatalf("counter = %v, %v; want %s", o, err, want)
	}
}

func TestCrossProcessChild(t *testing.T) {
	dir := os.Getenv(childDirEnv)
	if dir == "" {
		t.Skip("run by TestCrossProcess")
	}
	id := os.Getenv(childIDEnv)
	start, _ := strconv.ParseInt(os.Getenv(childStartEnv), 10, 64)
	b := open(t, dir)
	time.Sleep(time.Until(time.Unix(0, start)))

	var wg sync.WaitGroup
	wg.Go(func() {
		for k := range createKeys {
			key := fmt.Sprintf("create/%03d", k)
			_, err := b.Put(t.Context(), key, []byte(id), nil, storage.PutOptions{IfNoneMatch: true})
			if err == nil {
				fmt.Println("won", key)
			} else if !errors.Is(err, storage.ErrPreconditionFailed) {
				t.Error(err)
			}
		}
	})
	for range casWorkers {
		wg.Go(func() {
			for range casIncrements {
				for {
					o, err := b.Get(t.Context(), "counter")
					if err != nil {
						t.Error(err)
						return
					}
					n, _ := strconv.Atoi(string(o.Body))
					_, err = b.Put(t.Context(), "counter", []byte(strconv.Itoa(n+1)), nil, storage.PutOptions{IfMatch: o.ETag})
					if err == nil {
						break
					}
					if !errors.Is(err, storage.ErrPreconditionFailed) {
						t.Error(err)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

// TestHeaderIsJSON guards the documented format: the first line parses as
// JSON with the documented fields.
func TestHeaderIsJSON(t *testing.T) {
	dir := t.TempDir()
	b := open(t, dir)
	put(t, b, "k", "", map[string]string{"a": "1"})
	raw, err := os.ReadFile(filepath.Join(dir, "k.obj"))
	if err != nil {
		t.Fatal(err)
	}
	var h struct {
		Format int
		Key    string
		ETag   string
		Meta   map[string]string
	}
	if err := json.Unmarshal(raw, &h); err != nil || h.Format != 1 || h.Key != "k" || h.ETag != storage.ETag(nil) || h.Meta["a"] != "1" {
		t.Fatalf("header %s: %+v, %v", raw, h, err)
	}
}

// TestConcurrentSiblingDeletes: deleting every key of a folder in parallel
// succeeds, although each Delete may remove folders another one is syncing.
func TestConcurrentSiblingDeletes(t *testing.T) {
	b, err := fs.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for round := 0; round < 300; round++ {
		var keys []string
		for i := 0; i < 8; i++ {
			k := fmt.Sprintf("p/q%d/r/k%d", round, i)
			keys = append(keys, k)
			if _, err := b.Put(ctx, k, nil, nil, storage.PutOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		errs := make([]error, len(keys))
		for i, k := range keys {
			wg.Add(1)
			go func() { defer wg.Done(); errs[i] = b.Delete(ctx, k, storage.DeleteOptions{}) }()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
	}
}
