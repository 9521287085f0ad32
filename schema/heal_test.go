package schema

import (
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/mem"
)

// healthyCatalog writes a catalog with tables a and bb through a Store and
// returns the bucket and the catalog's text.
func healthyCatalog(t *testing.T) (*storage.Counting, string) {
	t.Helper()
	ctx := context.Background()
	b := storage.NewCounting(mem.New())
	s := NewStore(b, 0)
	for _, name := range []string{"a", "bb"} {
		if _, err := s.Update(ctx, addTable(t, name)); err != nil {
			t.Fatal(err)
		}
	}
	obj, err := b.Get(ctx, CatalogKey)
	if err != nil {
		t.Fatal(err)
	}
	return b, string(obj.Body)
}

// putRow puts an object under a table's prefix, as a row would be.
func putRow(t *testing.T, b storage.Bucket, table string) {
	t.Helper()
	if _, err := b.Put(context.Background(), "resource="+table+"/data/id=1", []byte("x"), map[string]string{"_v": "1"}, storage.PutOptions{}); err != nil {
		t.Fatal(err)
	}
}

func TestHeal(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(s string) string
		rows    []string // tables with rows in the bucket
		repairs string   // HealEvent.Repairs, joined with "; "
	}{
		{"trailing commas", func(s string) string {
			s = strings.Replace(s, `"code": "0"`+"\n", `"code": "0",`+"\n", 1)
			return strings.Replace(s, `.123456789Z"`+"\n", `.123456789Z",`+"\n", 1)
		}, []string{"a", "bb"}, "removed 2 trailing commas"},
		{"bare keys", func(s string) string {
			return strings.Replace(strings.Replace(s, `"format":`, `format:`, 1), `"tables":`, `tables :`, 1)
		}, []string{"a"}, "quoted 2 bare keys"},
		{"cut after the last table", func(s string) string { return s[:strings.Index(s, "\n  },\n  \"updated\"")] },
			[]string{"a", "bb"}, "appended the missing }}"},
		{"nextCode below a code", func(s string) string { return strings.Replace(s, `"nextCode": 2`, `"nextCode": 1`, 1) },
			nil, "table a: raised nextCode from 1 to 2"},
		{"table listed under another case", func(s string) string { return strings.Replace(s, `"bb": {`, `"BB": {`, 1) },
			[]string{"bb"}, "listed table bb under its own name"},
		{"format and behavior missing", func(s string) string {
			s = strings.Replace(s, `"format": 2,`, ``, 1)
			return strings.Replace(s, `"behavior": "body-overflow",`, `"behavior": "",`, 1)
		}, nil, "set the missing format; table a: set the missing behavior to body-overflow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			b, good := healthyCatalog(t)
			for _, r := range tt.rows {
				putRow(t, b, r)
			}
			bad := tt.corrupt(good)
			if bad == good {
				t.Fatal("the corruption changed nothing")
			}
			if _, err := b.Put(ctx, CatalogKey, []byte(bad), nil, storage.PutOptions{}); err != nil {
				t.Fatal(err)
			}
			s := NewStore(b, 0)
			var events []HealEvent
			s.OnHeal = func(e HealEvent) { events = append(events, e) }
			c, err := s.Current(ctx)
			if err != nil {
				t.Fatalf("Current: %v", err)
			}
			if c.Table("a") == nil || tt.name != "nextCode below a code" && c.Table("bb") == nil {
				t.Errorf("healed catalog lost a table: %v", c.TableNames())
			}
			if len(events) != 1 {
				t.Fatalf("%d heal events, want 1", len(events))
			}
			ev := events[0]
			if got := strings.Join(ev.Repairs, "; "); got != tt.repairs {
				t.Errorf("repairs %q, want %q", got, tt.repairs)
			}
			if !regexp.MustCompile(`^s3db\.json\.corrupted\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{9}Z\.backup$`).MatchString(ev.Backup) {
				t.Errorf("backup key %q", ev.Backup)
			}
			backup, err := b.Get(ctx, ev.Backup)
			if err != nil || string(backup.Body) != bad {
				t.Errorf("backup %s: %v; holds the original: %v", ev.Backup, err, err == nil && string(backup.Body) == bad)
			}
			if !strings.Contains(ev.String(), "has been repaired ("+tt.repairs+"); the original is kept in "+ev.Backup) {
				t.Errorf("event text %q", ev)
			}
			// The repaired catalog was written back: a fresh store reads it without healing.
			obj, err := b.Get(ctx, CatalogKey)
			if err != nil || !json.Valid(obj.Body) {
				t.Fatalf("catalog after the repair: %v", err)
			}
			if _, err := decodeCatalog(obj.Body); err != nil {
				t.Errorf("repaired catalog does not decode: %v", err)
			}
			s2 := NewStore(b, 0)
			s2.OnHeal = func(e HealEvent) { t.Errorf("healed twice: %v", e) }
			if _, err := s2.Current(ctx); err != nil {
				t.Fatal(err)
			}
			// And it takes changes as usual.
			if _, err := s2.Update(ctx, addTable(t, "later")); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestHealRefused: a catalog whose repair could lose something is left as
// it is, with an error naming it, and never replaced by an empty one.
func TestHealRefused(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(s string) string
		rows    []string
		want    string
	}{
		{"cut inside a table", func(s string) string { return s[:strings.LastIndex(s, `"nextCode": 2`)] }, nil,
			`table entry "bb" lost its field "nextCode": the file was cut short`},
		{"cut before a table with rows", func(s string) string { return s[:strings.Index(s, `"bb": {`)] }, []string{"bb"},
			"a repair would lose tables that have rows: bb"},
		{"emptied, rows left", func(string) string { return `{"format": 2, "tables": {` }, []string{"a", "bb"},
			"a repair would lose tables that have rows: a, bb"},
		{"garbage", func(string) string { return "\x00\x01 garbage" }, []string{"a"}, "invalid character"},
		{"bad field code", func(s string) string { return strings.Replace(s, `"code": "1"`, `"code": "01",`, 1) }, nil, `bad field code "01"`},
		{"type changed", func(s string) string { return strings.Replace(s, `"VARCHAR"`, `"VARCHAR2"`, 1) }, nil, "unsupported type VARCHAR2"},
		{"unknown behavior", func(s string) string { return strings.Replace(s, `"body-overflow"`, `"sometimes"`, 1) }, nil, "unknown behavior 'sometimes'"},
		{"version 0", func(s string) string { return strings.Replace(s, `"version": 1`, `"version": 0`, 1) }, nil, "table a: bad schema version 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			b, good := healthyCatalog(t)
			for _, r := range tt.rows {
				putRow(t, b, r)
			}
			bad := tt.corrupt(good)
			if _, err := b.Put(ctx, CatalogKey, []byte(bad), nil, storage.PutOptions{}); err != nil {
				t.Fatal(err)
			}
			b.Reset()
			s := NewStore(b, 0)
			s.OnHeal = func(e HealEvent) { t.Errorf("healed: %v", e) }
			_, err := s.Current(ctx)
			if err == nil || !errors.Is(err, ErrCatalogCorrupt) || !strings.Contains(err.Error(), tt.want) ||
				!strings.HasPrefix(err.Error(), "read catalog s3db.json: ") || !strings.Contains(err.Error(), "left as it is") {
				t.Fatalf("Current error %v, want ErrCatalogCorrupt mentioning %q", err, tt.want)
			}
			if n := b.Counts().Put; n != 0 {
				t.Errorf("%d PUTs, want none", n)
			}
			if obj, _ := b.Get(ctx, CatalogKey); string(obj.Body) != bad {
				t.Error("the catalog object changed")
			}
		})
	}
}

// TestHealRace: when another client rewrites the catalog during a repair, the
// repair's compare-and-swap fails and the store reads the new catalog.
func TestHealRace(t *testing.T) {
	ctx := context.Background()
	b, good := healthyCatalog(t)
	bad := strings.Replace(good, "\n  }\n}", ",\n  },\n}", 1)
	if _, err := b.Put(ctx, CatalogKey, []byte(bad), nil, storage.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	racer := &racingBucket{Bucket: b, fix: []byte(good)}
	s := NewStore(racer, 0)
	s.OnHeal = func(e HealEvent) { t.Errorf("healed although another client fixed it: %v", e) }
	c, err := s.Current(ctx)
	if err != nil || len(c.Tables) != 2 {
		t.Fatalf("Current = %v, %v", c, err)
	}
}

// racingBucket writes a good catalog just before the first conditional write
// of the catalog, as another client would.
type racingBucket struct {
	storage.Bucket
	fix  []byte
	done bool
}

func (r *racingBucket) Put(ctx context.Context, key string, body []byte, meta map[string]string, opts storage.PutOptions) (string, error) {
	if key == CatalogKey && opts.IfMatch != "" && !r.done {
		r.done = true
		if _, err := r.Bucket.Put(ctx, key, r.fix, nil, storage.PutOptions{}); err != nil {
			return "", err
		}
	}
	return r.Bucket.Put(ctx, key, body, meta, opts)
}

func TestRepairJSON(t *testing.T) {
	tests := []struct{ in, want, repairs string }{
		{`{"a": 1,}`, `{"a": 1 }`, "removed 1 trailing comma"},
		{`{"a": [1, 2,], "s": ",}"}`, `{"a": [1, 2 ], "s": ",}"}`, "removed 1 trailing comma"},
		{`{a: 1, b_2 : "x:y", "c": true}`, `{"a": 1, "b_2" : "x:y", "c": true}`, "quoted 2 bare keys"},
		{`{"a": {"b": [1, {"c": "d`, `{"a": {"b": [1, {"c": "d"}]}}`, `appended the missing "}]}}`},
		{`{"a": [1,`, `{"a": [1]}`, "removed 1 trailing comma; appended the missing ]}"},
		{`{"ok": 1}`, `{"ok": 1}`, ""},
	}
	for _, tt := range tests {
		got, repairs := repairJSON([]byte(tt.in))
		if string(got) != tt.want || strings.Join(repairs, "; ") != tt.repairs {
			t.Errorf("repairJSON(%s) = %s, %q; want %s, %q", tt.in, got, repairs, tt.want, tt.repairs)
		}
	}
	for _, bad := range []string{`{"a": }`, `{"a" 1}`, `}{`, `{"a": [}`, "nul"} {
		if got, _ := repairJSON([]byte(bad)); got != nil {
			t.Errorf("repairJSON(%s) = %s, want nil", bad, got)
		}
	}
}

// FuzzRepairJSON: repairJSON never panics, and what it returns parses.
func FuzzRepairJSON(f *testing.F) {
	for _, s := range []string{`{"a": 1,}`, `{a: [1, {b: "c`, `[[[`, `"\`, `{"x": "\"",}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, _ := repairJSON([]byte(s)); got != nil && !json.Valid(got) {
			t.Fatalf("repairJSON(%q) = %q, not JSON", s, got)
		}
	})
}
