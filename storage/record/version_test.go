package record

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
	"github.com/s3db-go/s3db/storage"
)

// alter applies an ALTER TABLE to tb.
func alter(t *testing.T, tb *schema.Table, sql string) *schema.Table {
	t.Helper()
	stmts, err := sqlparse.Parse(sql)
	if err != nil {
		t.Fatal(err)
	}
	a, err := tb.Alter(stmts[0].(*sqlparse.AlterTable).Specs, time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return a.Table
}

// TestDecodeOlderVersions: rows written under each schema version decode
// under the latest one, as docs/FORMAT.md §7.2 says: added columns read
// their fill value, dropped ones are skipped, values decode with the type
// they were written with and convert.
func TestDecodeOlderVersions(t *testing.T) {
	v1 := mustTable(t, `CREATE TABLE r (id VARCHAR(10) PRIMARY KEY, n INT, s VARCHAR(10), gone TEXT)`)
	v2 := alter(t, v1, `ALTER TABLE r ADD d DECIMAL(5,1) DEFAULT 1.5, ADD at DATETIME DEFAULT CURRENT_TIMESTAMP, ADD nul INT`)
	v3 := alter(t, v2, `ALTER TABLE r DROP gone, MODIFY n VARCHAR(20), RENAME COLUMN s TO str`)
	v4 := alter(t, v3, `ALTER TABLE r MODIFY n DOUBLE, ADD gone INT DEFAULT 7`)
	if v4.Version != 4 || !v4.IsBurned(v1.Column("gone").Code) || v4.Column("gone").Code == v1.Column("gone").Code {
		t.Fatalf("v4: version %d, burned %v", v4.Version, v4.Burned)
	}
	rows := []struct {
		tb   *schema.Table
		row  []any
		want string // as v4 reads it: id n str d at nul gone
	}{
		{v1, []any{"a", int64(42), "x", "bye"}, "a 42 x 1.5 2024-01-02 03:04:05 <nil> 7"},
		{v2, []any{"b", int64(-3), nil, nil, schema.Decimal("2.0"), time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), int64(9)}, "b -3 <nil> 2.0 2020-01-01 00:00:00 9 7"},
		{v3, []any{"c", "1e3", "z", schema.Decimal("0.5"), nil, nil}, "c 1000 z 0.5 <nil> <nil> 7"},
		{v4, []any{"e", 2.5, nil, nil, nil, nil, int64(1)}, "e 2.5 <nil> <nil> <nil> <nil> 1"},
	}
	for _, r := range rows {
		enc, err := Encode(r.tb, r.row)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Decode(v4, &storage.Object{Key: Key("r", r.row[0]), Meta: enc.Meta, Body: enc.Body})
		if err != nil {
			t.Fatalf("version %d row: %v", r.tb.Version, err)
		}
		var parts []string
		for _, v := range got {
			if tm, ok := v.(time.Time); ok {
				parts = append(parts, tm.Format("2006-01-02 15:04:05"))
				continue
			}
			parts = append(parts, schema.ValueText(v))
			if v == nil {
				parts[len(parts)-1] = "<nil>"
			}
		}
		if g := strings.Join(parts, " "); g != r.want {
			t.Errorf("version %d row reads %q, want %q", r.tb.Version, g, r.want)
		}
	}
	// A row newer than the reader's table asks for a fresh catalog.
	enc, _ := Encode(v4, []any{"n", 1.0, nil, nil, nil, nil, nil})
	if _, err := Decode(v3, &storage.Object{Key: Key("r", "n"), Meta: enc.Meta, Body: enc.Body}); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("decode under an older table: %v, want ErrNewerSchema", err)
	}
	// A code that was never assigned is still corrupt.
	enc, _ = Encode(v4, []any{"m", 1.0, nil, nil, nil, nil, nil})
	enc.Meta["z"] = "1"
	if _, err := Decode(v4, &storage.Object{Key: Key("r", "m"), Meta: enc.Meta, Body: enc.Body}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("unknown code: %v, want ErrCorrupt", err)
	}
}

// TestDecodeRenamedTable: a renamed table's rows keep the keys of its
// storage name.
func TestDecodeRenamedTable(t *testing.T) {
	v1 := mustTable(t, `CREATE TABLE r (id INT PRIMARY KEY, s TEXT)`)
	v2 := alter(t, v1, `ALTER TABLE r RENAME TO q`)
	if v2.StorageName() != "r" || v2.Name != "q" {
		t.Fatalf("renamed: name %s storage %s", v2.Name, v2.StorageName())
	}
	enc, _ := Encode(v2, []any{int64(5), "x"})
	got, err := Decode(v2, &storage.Object{Key: Key(v2.StorageName(), int64(5)), Meta: enc.Meta, Body: enc.Body})
	if err != nil || got[0] != int64(5) {
		t.Fatalf("decode: %v %v", got, err)
	}
}
