package driver_test

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	s3db "github.com/s3db-go/s3db/driver"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/fs"
	"github.com/s3db-go/s3db/storage/mem"
	"github.com/s3db-go/s3db/storage/record"
	"github.com/s3db-go/s3db/storage/s3"
	"github.com/s3db-go/s3db/storage/storagetest"
)

var updateCosts = flag.Bool("update-costs", false, "rewrite testdata/behaviors.golden")

// rawBackends open each backend's bucket directly, so a test can read the
// objects as they are stored.
var rawBackends = []struct {
	name string
	open func(t *testing.T) storage.Bucket
}{
	{"mem", func(t *testing.T) storage.Bucket { return mem.New() }},
	{"fs", func(t *testing.T) storage.Bucket {
		b, err := fs.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { b.Close() })
		return b
	}},
	{"s3", func(t *testing.T) storage.Bucket {
		endpoint, key, secret, region := storagetest.S3FromEnv(t)
		b, err := s3.Open(t.Context(), s3.Config{Bucket: storagetest.BucketName(t), Endpoint: endpoint, Region: region,
			AccessKey: key, SecretKey: secret, PathStyle: true, CreateBucket: true, Timeout: time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { b.Close() })
		return b
	}},
}

// openOn opens a database on bucket b, counting its requests.
func openOn(t *testing.T, b storage.Bucket) (*sql.DB, *storage.Counting) {
	t.Helper()
	counting := storage.NewCounting(b)
	db, _ := connect(t, "mem://", s3db.WithBucket(counting))
	return db, counting
}

var allBehaviors = []string{schema.BehaviorBodyOverflow, schema.BehaviorBodyOnly, schema.BehaviorEnforceLimits,
	schema.BehaviorTruncateData, schema.BehaviorUserManaged}

// rowSizes are the sizes of the issue: a small row, one just over S3's 2 KB
// metadata limit, and a large one. The text mixes ASCII and 'é', whose
// escaping in metadata costs more than its UTF-8 bytes.
var rowSizes = []struct {
	name string
	big  string
}{
	{"100 B", textOf(60)},
	{"2 KB", textOf(2100)},
	{"50 KB", textOf(50 << 10)},
}

func textOf(n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString("row text é ")
	}
	return b.String()[:n-n%2] // cut between characters: each piece has an even length
}

const behaviorTable = `CREATE TABLE %s (id VARCHAR(22) PRIMARY KEY, n INT, label VARCHAR(40), doc LONGTEXT) BEHAVIOR = '%s'`

// stored reads the raw object of a row and checks what S3 requires of it.
func stored(t *testing.T, b storage.Bucket, table, id string) *storage.Object {
	t.Helper()
	obj, err := b.Get(context.Background(), record.Key(table, id))
	if err != nil {
		t.Fatalf("raw get of %s/%s: %v", table, id, err)
	}
	if n := storage.MetaSize(obj.Meta); n > storage.MaxMetadataBytes {
		t.Errorf("%s: %d bytes of metadata on the server, the limit is %d", obj.Key, n, storage.MaxMetadataBytes)
	}
	if err := storage.ValidateMeta(obj.Meta); err != nil {
		t.Errorf("%s: %v", obj.Key, err)
	}
	return obj
}

// TestBehaviors stores rows of about 100 B, 2 KB and 50 KB under every
// behavior on every backend, reads them back, updates them across layouts
// and checks the bytes on the server.
func TestBehaviors(t *testing.T) {
	for _, rb := range rawBackends {
		t.Run(rb.name, func(t *testing.T) {
			raw := rb.open(t)
			db, _ := openOn(t, raw)
			for bi, behavior := range allBehaviors {
				table := fmt.Sprintf("b%d", bi)
				mustExec(t, db, fmt.Sprintf(behaviorTable, table, behavior))
				for si, size := range rowSizes {
					t.Run(behavior+"/"+size.name, func(t *testing.T) {
						id := fmt.Sprintf("r%d", si)
						_, err := db.Exec(`INSERT INTO `+table+` VALUES (?, ?, ?, ?)`, id, si, "label é", size.big)
						fits := len(size.big) < 1000
						switch {
						case behavior == schema.BehaviorEnforceLimits && !fits:
							wantErr(t, err, "row of table "+table+" needs ")
							wantErr(t, err, "the limit is 2048 (BEHAVIOR = 'enforce-limits'); largest columns: doc (")
							wantRows(t, db, "0", `SELECT COUNT(*) FROM `+table+` WHERE id = ?`, id)
							return
						case behavior == schema.BehaviorUserManaged && !fits:
							wantErr(t, err, "user metadata exceeds the 2 KB limit")
							if !errors.Is(err, storage.ErrMetadataTooLarge) {
								t.Errorf("error %v is not storage.ErrMetadataTooLarge", err)
							}
							wantRows(t, db, "0", `SELECT COUNT(*) FROM `+table+` WHERE id = ?`, id)
							return
						case err != nil:
							t.Fatalf("insert: %v", err)
						}
						obj := stored(t, raw, table, id)
						var doc string
						if err := db.QueryRow(`SELECT doc FROM `+table+` WHERE id = ?`, id).Scan(&doc); err != nil {
							t.Fatal(err)
						}
						truncated := behavior == schema.BehaviorTruncateData && !fits
						switch {
						case truncated:
							if obj.Meta["_t"] != "1" || len(doc) >= len(size.big) || !strings.HasPrefix(size.big, doc) || len(doc) < 1000 {
								t.Errorf("truncate-data kept %d of %d bytes, _t = %q", len(doc), len(size.big), obj.Meta["_t"])
							}
						case doc != size.big:
							t.Errorf("doc read back with %d bytes, want %d", len(doc), len(size.big))
						}
						inBody := behavior == schema.BehaviorBodyOnly || behavior == schema.BehaviorBodyOverflow && !fits
						if (obj.Meta["_l"] == "b") != inBody {
							t.Errorf("_l = %q, want fields in the body: %v", obj.Meta["_l"], inBody)
						}
						wantRows(t, db, fmt.Sprintf("%d,label é", si), `SELECT n, label FROM `+table+` WHERE id = ?`, id)

						// Shrink the row: no stale body field may remain.
						mustExec(t, db, `UPDATE `+table+` SET doc = 'small' WHERE id = ?`, id)
						obj = stored(t, raw, table, id)
						if behavior != schema.BehaviorBodyOnly && (obj.Meta["_l"] != "" || strings.Contains(string(obj.Body), "row text")) {
							t.Errorf("after shrinking: _l = %q, body %.60q", obj.Meta["_l"], obj.Body)
						}
						wantRows(t, db, fmt.Sprintf("%d,label é,small", si), `SELECT n, label, doc FROM `+table+` WHERE id = ?`, id)
						// And grow it again.
						if _, err := db.Exec(`UPDATE `+table+` SET doc = ? WHERE id = ?`, size.big, id); err != nil {
							t.Fatalf("grow: %v", err)
						}
						stored(t, raw, table, id)
						if !truncated {
							wantRows(t, db, fmt.Sprint(len(size.big)), `SELECT LENGTH(doc) FROM `+table+` WHERE id = ?`, id)
						}
						wantRows(t, db, "1", `SELECT COUNT(*) FROM `+table+` WHERE id = ? AND n = ?`, id, si)
					})
				}
			}
			// Every row object on the server obeys the limit.
			var n int
			for page, err := raw.List(context.Background(), storage.ListOptions{Prefix: "resource="}); ; {
				if err != nil {
					t.Fatal(err)
				}
				for _, o := range page.Objects {
					stored(t, raw, strings.TrimPrefix(strings.SplitN(o.Key, "/", 2)[0], "resource="), strings.TrimPrefix(o.Key[strings.LastIndex(o.Key, "/")+1:], "id="))
					n++
				}
				if page.NextToken == "" {
					break
				}
				page, err = raw.List(context.Background(), storage.ListOptions{Prefix: "resource=", Token: page.NextToken})
			}
			if n != 11 {
				t.Errorf("%d row objects on the server, want 11", n)
			}
		})
	}
}

// TestBehaviorCosts measures each behavior's requests and stored bytes per
// row and pins them in testdata/behaviors.golden, the table of README.md and
// docs/FORMAT.md. Regenerate: go test ./driver -run TestBehaviorCosts -update-costs
func TestBehaviorCosts(t *testing.T) {
	var out strings.Builder
	out.WriteString("| behavior | row | INSERT | SELECT by id | UPDATE by id | metadata bytes | body bytes | stored |\n")
	out.WriteString("|---|---|---|---|---|---|---|---|\n")
	for bi, behavior := range allBehaviors {
		raw := mem.New()
		db, counting := openOn(t, raw)
		table := fmt.Sprintf("c%d", bi)
		mustExec(t, db, fmt.Sprintf(behaviorTable, table, behavior))
		for si, size := range rowSizes {
			id := fmt.Sprintf("r%d", si)
			counting.Reset()
			_, err := db.Exec(`INSERT INTO `+table+` VALUES (?, ?, ?, ?)`, id, si, "label", size.big)
			ins := counting.Counts()
			if err != nil {
				how := "rejected by s3db, no request"
				if errors.Is(err, storage.ErrMetadataTooLarge) {
					how = "rejected by the store: its PUT is refused before sending (S3 would answer 400)"
				}
				fmt.Fprintf(&out, "| %s | %s | %s | | | | | %s |\n", behavior, size.name, ins, how)
				continue
			}
			obj := stored(t, raw, table, id)
			counting.Reset()
			wantRows(t, db, "1", `SELECT COUNT(n) FROM `+table+` WHERE id = ?`, id)
			sel := counting.Counts()
			counting.Reset()
			mustExec(t, db, `UPDATE `+table+` SET n = n + 1 WHERE id = ?`, id)
			upd := counting.Counts()
			how := "metadata"
			switch {
			case obj.Meta["_t"] == "1":
				how = "metadata, text cut"
			case obj.Meta["_l"] == "b" && behavior == schema.BehaviorBodyOnly:
				how = "body"
			case obj.Meta["_l"] == "b":
				how = "metadata + body"
			}
			fmt.Fprintf(&out, "| %s | %s | %s | %s | %s | %d | %d | %s |\n", behavior, size.name, ins, sel, upd, storage.MetaSize(obj.Meta), len(obj.Body), how)
		}
	}
	t.Log("\n" + out.String())
	path := filepath.Join("testdata", "behaviors.golden")
	if *updateCosts {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update-costs)", err)
	}
	if string(want) != out.String() {
		t.Errorf("the costs differ from %s (rerun with -update-costs and update README.md and docs/FORMAT.md):\n%s", path, out.String())
	}
}
