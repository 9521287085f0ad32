package driver_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	s3db "github.com/s3db-go/s3db/driver"
)

// TestPingUnreachable: an unreachable endpoint fails Ping quickly with the
// endpoint in the message and no secret.
func TestPingUnreachable(t *testing.T) {
	const secret = "sup3r/s3cret+key"
	for _, dsn := range []string{
		"s3://AKID:sup3r%2Fs3cret%2Bkey@bucket/app?endpoint=http://127.0.0.1:1&path_style=true&retries=0",
		"http://AKID:sup3r%2Fs3cret%2Bkey@127.0.0.1:1/bucket/app?retries=0",
	} {
		db, err := sql.Open("s3db", dsn)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		err = db.PingContext(ctx)
		cancel()
		db.Close()
		if err == nil {
			t.Fatalf("%s: Ping succeeded", dsn)
		}
		msg := err.Error()
		if !strings.Contains(msg, "127.0.0.1:1") {
			t.Errorf("Ping error does not name the endpoint: %s", msg)
		}
		if strings.Contains(msg, secret) || strings.Contains(msg, "sup3r") {
			t.Errorf("Ping error leaks the secret: %s", msg)
		}
		var e *s3db.Error
		if !errors.As(err, &e) || e.Code != s3db.CodeStorage {
			t.Errorf("Ping error is %T %v, want a *driver.Error with CodeStorage", err, err)
		}
	}
}

func TestBadDSN(t *testing.T) {
	_, err := sql.Open("s3db", "mem://x?regoin=eu")
	if err == nil {
		// database/sql defers driver errors to the first use for some drivers; s3db reports at Open.
		t.Fatal("a misspelt parameter was accepted")
	}
	var e *s3db.Error
	if !errors.As(err, &e) || e.Code != s3db.CodeInvalidDSN || !strings.Contains(err.Error(), `did you mean "region"`) {
		t.Errorf("got %v", err)
	}
}

func TestCASModesRefused(t *testing.T) {
	for _, mode := range []string{"probe", "off"} {
		_, err := sql.Open("s3db", "mem://x?cas="+mode)
		wantErr(t, err, "cas="+mode+" is not supported")
	}
	if _, err := sql.Open("s3db", "mem://x?cas=require"); err != nil {
		t.Fatal(err)
	}
}
