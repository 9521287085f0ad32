package s3_test

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/s3"
	"github.com/s3db-go/s3db/storage/storagetest"
)

// newBucket opens a fresh bucket on the server S3FromEnv names.
func newBucket(t *testing.T) storage.Bucket {
	endpoint, key, secret, region := storagetest.S3FromEnv(t)
	b, err := s3.Open(t.Context(), s3.Config{
		Bucket:       storagetest.BucketName(t),
		Endpoint:     endpoint,
		Region:       region,
		AccessKey:    key,
		SecretKey:    secret,
		PathStyle:    true,
		CreateBucket: true,
		Timeout:      time.Minute,
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestConformance(t *testing.T) { storagetest.Run(t, newBucket) }

// TestStrict runs the cases AWS passes and versitygw does not (see
// storagetest.RunStrict) when S3DB_TEST_STRICT=1.
func TestStrict(t *testing.T) {
	if os.Getenv("S3DB_TEST_STRICT") != "1" {
		t.Skip("set S3DB_TEST_STRICT=1 to run against a server with atomic conditional deletes, such as AWS")
	}
	storagetest.RunStrict(t, newBucket)
}

func TestOpenMissingBucket(t *testing.T) {
	endpoint, key, secret, region := storagetest.S3FromEnv(t)
	_, err := s3.Open(t.Context(), s3.Config{Bucket: storagetest.BucketName(t), Endpoint: endpoint, Region: region, AccessKey: key, SecretKey: secret, PathStyle: true})
	if !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("open of a missing bucket: %v, want ErrNotFound", err)
	}
}

func TestOpenTwiceWithCreate(t *testing.T) {
	endpoint, key, secret, region := storagetest.S3FromEnv(t)
	cfg := s3.Config{Bucket: storagetest.BucketName(t), Endpoint: endpoint, Region: region, AccessKey: key, SecretKey: secret, PathStyle: true, CreateBucket: true}
	for range 2 {
		b, err := s3.Open(t.Context(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		b.Close()
	}
}

const (
	secretKey    = "wJalrXUtnFEMI-very-secret-KEY"
	sessionToken = "session-token-SECRET"
)

func TestUnreachableEndpoint(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	endpoint := "http://" + l.Addr().String()
	l.Close() // nothing listens there now
	start := time.Now()
	_, err = s3.Open(t.Context(), s3.Config{Bucket: "b", Endpoint: endpoint, AccessKey: "AKIDEXAMPLE", SecretKey: secretKey, SessionToken: sessionToken, PathStyle: true})
	if err == nil {
		t.Fatal("open succeeded")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("open took %v to fail", d)
	}
	msg := err.Error()
	t.Log(msg)
	if !strings.Contains(msg, endpoint) {
		t.Errorf("error %q does not name the endpoint %s", msg, endpoint)
	}
	if strings.Contains(msg, secretKey) || strings.Contains(msg, sessionToken) {
		t.Errorf("error %q leaks a secret", msg)
	}
}

func TestString(t *testing.T) {
	srv := newFakeS3(t, nil)
	b := openFake(t, srv, s3.Config{Endpoint: strings.Replace(srv.URL, "http://", "http://user:pw@", 1)})
	if got, want := b.String(), "s3://bucket (endpoint "+srv.URL+")"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// fakeS3 is an S3 server whose answers a test scripts per key. It counts
// attempts per key and the connections it accepted.
type fakeS3 struct {
	*httptest.Server
	mu       sync.Mutex
	attempts map[string]int
	conns    atomic.Int64
}

// A script answers the n-th attempt (from 1) at a key; it returns false to
// answer 200 with an ETag.
type script func(w http.ResponseWriter, r *http.Request, n int) bool

func newFakeS3(t *testing.T, scripts map[string]script) *fakeS3 {
	f := &fakeS3{attempts: map[string]int{}}
	f.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := strings.TrimPrefix(r.URL.Path, "/bucket/")
		f.mu.Lock()
		f.attempts[key]++
		n := f.attempts[key]
		f.mu.Unlock()
		if fn := scripts[key]; fn != nil && fn(w, r, n) {
			return
		}
		w.Header().Set("ETag", `"etag"`)
		w.Header().Set("Last-Modified", time.Now().UTC().Format(http.TimeFormat))
	}))
	f.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			f.conns.Add(1)
		}
	}
	f.Start()
	t.Cleanup(f.Close)
	return f
}

func (f *fakeS3) attemptsAt(key string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.attempts[key]
}

func openFake(t *testing.T, f *fakeS3, cfg s3.Config) *s3.Bucket {
	t.Helper()
	cfg.Bucket, cfg.AccessKey, cfg.SecretKey, cfg.PathStyle = "bucket", "k", "s", true
	if cfg.Endpoint == "" {
		cfg.Endpoint = f.URL
	}
	b, err := s3.Open(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// fail answers with an S3 error the first times attempts, then succeeds.
func fail(status int, code string, times int) script {
	return func(w http.ResponseWriter, r *http.Request, n int) bool {
		if n > times {
			return false
		}
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>scripted</Message></Error>`, code)
		}
		return true
	}
}

func TestRetriesAndErrors(t *testing.T) {
	f := newFakeS3(t, map[string]script{
		"put-500":          fail(500, "InternalError", 2),
		"put-slowdown":     fail(503, "SlowDown", 1),
		"put-too-many":     fail(500, "InternalError", 10),
		"create-500":       fail(500, "InternalError", 1),
		"create-slowdown":  fail(503, "SlowDown", 1),
		"create-412":       fail(412, "PreconditionFailed", 10),
		"cas-409":          fail(409, "ConditionalRequestConflict", 10),
		"cas-404":          fail(404, "NoSuchKey", 10),
		"cas-reset":        hangUp,
		"get-404":          fail(404, "NoSuchKey", 10),
		"head-404":         fail(404, "", 10),
		"get-503":          fail(503, "ServiceUnavailable", 1),
		"meta-400":         fail(400, "MetadataTooLarge", 10),
		"delete-404":       fail(404, "NoSuchKey", 10),
		"cond-delete-404":  fail(404, "NoSuchKey", 10),
		"cond-delete-412":  fail(412, "PreconditionFailed", 10),
		"cond-delete-500":  fail(500, "InternalError", 10),
		"put-no-retry-500": fail(500, "InternalError", 1),
	})
	b := openFake(t, f, s3.Config{})
	ctx := t.Context()
	put := func(key string, opts storage.PutOptions) error {
		_, err := b.Put(ctx, key, []byte("x"), nil, opts)
		return err
	}
	create := storage.PutOptions{IfNoneMatch: true}
	cas := storage.PutOptions{IfMatch: `"old"`}
	_, getErr := b.Get(ctx, "get-404")
	_, headErr := b.Head(ctx, "head-404")
	_, get503Err := b.Get(ctx, "get-503")
	for _, c := range []struct {
		key      string
		err      error
		want     error // nil: success
		attempts int
	}{
		{"put-500", put("put-500", storage.PutOptions{}), nil, 3},
		{"put-slowdown", put("put-slowdown", storage.PutOptions{}), nil, 2},
		{"put-too-many", put("put-too-many", storage.PutOptions{}), errUnknown, 4},
		{"create-500", put("create-500", create), errUnknown, 1},
		{"create-slowdown", put("create-slowdown", create), nil, 2},
		{"create-412", put("create-412", create), storage.ErrPreconditionFailed, 1},
		{"cas-409", put("cas-409", cas), storage.ErrPreconditionFailed, 1},
		{"cas-404", put("cas-404", cas), storage.ErrPreconditionFailed, 1},
		{"cas-reset", put("cas-reset", cas), errUnknown, 1},
		{"get-404", getErr, storage.ErrNotFound, 1},
		{"head-404", headErr, storage.ErrNotFound, 1},
		{"get-503", get503Err, nil, 2},
		{"meta-400", put("meta-400", storage.PutOptions{}), storage.ErrMetadataTooLarge, 1},
		{"delete-404", b.Delete(ctx, "delete-404", storage.DeleteOptions{}), nil, 1},
		{"cond-delete-404", b.Delete(ctx, "cond-delete-404", storage.DeleteOptions{IfMatch: `"e"`}), storage.ErrNotFound, 1},
		{"cond-delete-412", b.Delete(ctx, "cond-delete-412", storage.DeleteOptions{IfMatch: `"e"`}), storage.ErrPreconditionFailed, 1},
		{"cond-delete-500", b.Delete(ctx, "cond-delete-500", storage.DeleteOptions{IfMatch: `"e"`}), errUnknown, 1},
	} {
		switch {
		case c.want == nil && c.err != nil:
			t.Errorf("%s: %v, want success", c.key, c.err)
		case c.want == errUnknown && (c.err == nil || errors.Is(c.err, storage.ErrPreconditionFailed) || errors.Is(c.err, storage.ErrNotFound)):
			t.Errorf("%s: %v, want an error of unknown outcome", c.key, c.err)
		case c.want != nil && c.want != errUnknown && !errors.Is(c.err, c.want):
			t.Errorf("%s: %v, want %v", c.key, c.err, c.want)
		}
		if c.err != nil && !strings.Contains(c.err.Error(), c.key) {
			t.Errorf("%s: error %q does not name the key", c.key, c.err)
		}
		if got := f.attemptsAt(c.key); got != c.attempts {
			t.Errorf("%s: %d attempts, want %d", c.key, got, c.attempts)
		}
	}

	noRetries := openFake(t, f, s3.Config{Retries: -1})
	if _, err := noRetries.Put(ctx, "put-no-retry-500", nil, nil, storage.PutOptions{}); err == nil || f.attemptsAt("put-no-retry-500") != 1 {
		t.Errorf("Retries -1: %v after %d attempts, want a failure after 1", err, f.attemptsAt("put-no-retry-500"))
	}
}

// errUnknown marks an expected error that is none of the sentinels.
var errUnknown = errors.New("unknown outcome")

// hangUp closes the connection without answering, as when a response is lost.
func hangUp(w http.ResponseWriter, _ *http.Request, _ int) bool {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
	return true
}

func TestTimeout(t *testing.T) {
	f := newFakeS3(t, map[string]script{"slow": func(w http.ResponseWriter, r *http.Request, _ int) bool {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
		return false
	}})
	b := openFake(t, f, s3.Config{Timeout: 100 * time.Millisecond, Retries: 1})
	start := time.Now()
	_, err := b.Get(t.Context(), "slow")
	if err == nil || !strings.Contains(strings.ToLower(err.Error()), "timeout") {
		t.Fatalf("get: %v, want a timeout", err)
	}
	if d := time.Since(start); d > 2*time.Second || f.attemptsAt("slow") != 2 {
		t.Errorf("took %v and %d attempts, want ~200ms and 2", d, f.attemptsAt("slow"))
	}
}

func TestConcurrencyAndKeepAlive(t *testing.T) {
	var inFlight, peak atomic.Int64
	f := newFakeS3(t, map[string]script{"k": func(http.ResponseWriter, *http.Request, int) bool {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		time.Sleep(10 * time.Millisecond)
		return false
	}})
	b := openFake(t, f, s3.Config{Concurrency: 3})
	var wg sync.WaitGroup
	for range 30 {
		wg.Go(func() {
			if _, err := b.Get(t.Context(), "k"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if p := peak.Load(); p > 3 || p < 2 {
		t.Errorf("peak of %d requests in flight, want 3", p)
	}
	// A connection returns to the pool just after its body is closed, so a
	// request may now and then dial a new one; without keep-alive it would be 31.
	if c := f.conns.Load(); c > 6 {
		t.Errorf("%d connections for 31 requests with Concurrency 3: keep-alive is not working", c)
	}
}
