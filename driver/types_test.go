package driver_test

import (
	"bytes"
	"database/sql"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/s3db-go/s3db"
)

// typeCase is one column type end to end: values that store (in, and the
// value read back into a variable of the type's natural Go type), values
// that are rejected (with a part of the error), and the ColumnTypes it
// reports.
type typeCase struct {
	decl    string
	dbType  string     // ColumnTypeDatabaseTypeName
	scan    func() any // a pointer to the natural Go type
	valid   [][2]any   // argument, value read back (dereferenced)
	invalid [][2]any   // argument, part of the error
}

var day = time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)

func typeCases() []typeCase {
	str := func() any { return new(string) }
	i64 := func() any { return new(int64) }
	u64 := func() any { return new(uint64) }
	tm := func() any { return new(time.Time) }
	clock := func(h, m, s, ns int) time.Time { return time.Date(0, 1, 1, h, m, s, ns, time.UTC) }
	long := strings.Repeat("é", 50)
	return []typeCase{
		{"CHAR(3)", "CHAR", str, [][2]any{{"abc", "abc"}, {"é", "é"}}, [][2]any{{"abcd", "cannot store 'abcd' as CHAR(3): 4 characters, max 3"}}},
		{"VARCHAR(5)", "VARCHAR", str, [][2]any{{"hello", "hello"}, {42, "42"}}, [][2]any{{"toolong", "7 characters, max 5"}}},
		{"TEXT", "TEXT", str, [][2]any{{long, long}, {"", ""}}, nil},
		{"TINYINT", "TINYINT", i64, [][2]any{{-128, int64(-128)}, {"127", int64(127)}}, [][2]any{{128, "out of range [-128, 127]"}, {"x", "not an integer"}}},
		{"INT", "INT", i64, [][2]any{{2147483647, int64(2147483647)}, {1.6, int64(2)}}, [][2]any{{int64(1) << 31, "out of range"}}},
		{"BIGINT", "BIGINT", i64, [][2]any{{int64(math.MinInt64), int64(math.MinInt64)}}, [][2]any{{"9223372036854775808", "out of range"}}},
		{"TINYINT UNSIGNED", "TINYINT UNSIGNED", u64, [][2]any{{255, uint64(255)}}, [][2]any{{-1, "out of range [0, 255]"}, {256, "out of range"}}},
		{"BIGINT UNSIGNED", "BIGINT UNSIGNED", u64, [][2]any{{uint64(math.MaxUint64), uint64(math.MaxUint64)}, {"18446744073709551615", uint64(math.MaxUint64)}, {0, uint64(0)}},
			[][2]any{{"18446744073709551616", "out of range"}, {-5, "out of range"}}},
		{"DECIMAL(10,2)", "DECIMAL", str, [][2]any{{"12345678.90", "12345678.90"}, {19.99, "19.99"}, {"1.005", "1.01"}, {-3, "-3.00"}},
			[][2]any{{"123456789", "out of range: 9 integer digits, max 8"}, {"abc", "cannot store 'abc' as DECIMAL(10,2): not a number"}}},
		{"DECIMAL(40,20)", "DECIMAL", str, [][2]any{{"12345678901234567890.12345678901234567890", "12345678901234567890.12345678901234567890"}}, nil},
		{"FLOAT", "FLOAT", func() any { return new(float64) }, [][2]any{{1.5, 1.5}}, [][2]any{{"x", "not a number"}}},
		{"DOUBLE", "DOUBLE", func() any { return new(float64) }, [][2]any{{0.1, 0.1}, {-1e-300, -1e-300}}, [][2]any{{math.Inf(1), "not a finite number"}}},
		{"BOOLEAN", "BOOLEAN", func() any { return new(bool) }, [][2]any{{true, true}, {"false", false}, {0, false}}, [][2]any{{"yes", "expected TRUE, FALSE, 1 or 0"}}},
		{"DATE", "DATE", tm, [][2]any{{"2024-01-02", day}, {day.Add(5 * time.Hour), day}}, [][2]any{{"2024-02-30", "expected 'YYYY-MM-DD"}}},
		{"DATETIME(3)", "DATETIME", tm, [][2]any{{"2024-01-02 03:04:05.1234", day.Add(3*time.Hour + 4*time.Minute + 5*time.Second + 123*time.Millisecond)}}, [][2]any{{"soon", "expected"}}},
		{"TIMESTAMP", "TIMESTAMP", tm, [][2]any{{"1969-12-31 23:59:59", time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC)}}, nil},
		{"TIME", "TIME", tm, [][2]any{{"12:34:56", clock(12, 34, 56, 0)}, {"9:05", clock(9, 5, 0, 0)}, {time.Date(2020, 5, 5, 1, 2, 3, 0, time.UTC), clock(1, 2, 3, 0)}},
			[][2]any{{"25:00:00", "cannot store '25:00:00' as TIME"}}},
		{"TIME(6)", "TIME", tm, [][2]any{{"23:59:59.999999", clock(23, 59, 59, 999999000)}}, nil},
		{"JSON", "JSON", str, [][2]any{{`{"a":[1,2]}`, `{"a":[1,2]}`}}, [][2]any{{"{", "invalid JSON text"}}},
		{"ENUM('new','paid','shipped')", "ENUM", str, [][2]any{{"paid", "paid"}, {"SHIPPED", "shipped"}, {1, "new"}}, [][2]any{{"lost", "cannot store 'lost' as ENUM('new','paid','shipped'): not a member"}}},
		{"BLOB", "BLOB", func() any { return new([]byte) }, [][2]any{{[]byte{0, 1, 0xff}, []byte{0, 1, 0xff}}, {"text", []byte("text")}}, nil},
		{"VARBINARY(4)", "VARBINARY", func() any { return new([]byte) }, [][2]any{{[]byte{1, 2, 3, 4}, []byte{1, 2, 3, 4}}}, [][2]any{{[]byte{1, 2, 3, 4, 5}, "5 bytes, max 4"}}},
		{"BINARY(3)", "BINARY", func() any { return new([]byte) }, [][2]any{{"a", []byte("a\x00\x00")}}, nil},
		{"UUID", "UUID", str, [][2]any{{"123E4567-E89B-12D3-A456-426614174000", "123e4567-e89b-12d3-a456-426614174000"}},
			[][2]any{{"123e4567", "cannot store '123e4567' as UUID: not a UUID"}}},
		{"EMAIL", "EMAIL", str, [][2]any{{"ana@example.com", "ana@example.com"}}, [][2]any{{"ana@", "cannot store 'ana@' as EMAIL: not an email address"}}},
		{"URL", "URL", str, [][2]any{{"https://example.com/x", "https://example.com/x"}}, [][2]any{{"example.com", "cannot store 'example.com' as URL: not a URL: no scheme"}}},
		{"IP4", "IP4", str, [][2]any{{"192.168.0.1", "192.168.0.1"}}, [][2]any{{"300.1.1.1", "cannot store '300.1.1.1' as IP4: not an IP address"}, {"::1", "not an IPv4 address"}}},
		{"IP6", "IP6", str, [][2]any{{"2001:0db8:0000::0001", "2001:db8::1"}}, [][2]any{{"1.2.3.4", "use an IP4 column"}}},
		{"EMBEDDING(3)", "EMBEDDING", func() any { return new(s3db.Vector) }, [][2]any{{"[0.1, 0.2, 0.3]", s3db.Vector{0.1, 0.2, 0.3}}, {s3db.Vector{1, 2, 3}, s3db.Vector{1, 2, 3}}},
			[][2]any{{"[1,2]", "2 dimensions, want 3"}, {"nope", "not a vector"}}},
		{"VECTOR(2)", "VECTOR", str, [][2]any{{"[1e-3,-4]", "[0.001,-4]"}}, nil},
	}
}

// TestTypes stores, reads back and rejects values of every type on every
// backend, through SQL.
func TestTypes(t *testing.T) {
	cases := typeCases()
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		for n, tc := range cases {
			table := fmt.Sprintf("t%d", n)
			t.Run(tc.decl, func(t *testing.T) {
				mustExec(t, db, fmt.Sprintf("CREATE TABLE %s (id INT PRIMARY KEY, v %s)", table, tc.decl))
				for i, c := range tc.valid {
					mustExec(t, db, "INSERT INTO "+table+" VALUES (?, ?)", i, c[0])
				}
				mustExec(t, db, "INSERT INTO "+table+" VALUES (?, NULL)", len(tc.valid))
				for i, c := range tc.invalid {
					_, err := db.Exec("INSERT INTO "+table+" VALUES (?, ?)", 100+i, c[0])
					wantErr(t, err, "table "+table+", column 'v': ")
					wantErr(t, err, c[1].(string))
				}
				rows, err := db.Query("SELECT id, v FROM " + table + " ORDER BY id")
				if err != nil {
					t.Fatal(err)
				}
				defer rows.Close()
				ct, _ := rows.ColumnTypes()
				if got := ct[1].DatabaseTypeName(); got != tc.dbType {
					t.Errorf("DatabaseTypeName = %q, want %q", got, tc.dbType)
				}
				if nullable, ok := ct[1].Nullable(); !ok || !nullable {
					t.Errorf("Nullable = %v, %v", nullable, ok)
				}
				wantScan := reflect.TypeOf(tc.scan()).Elem()
				if wantScan == reflect.TypeOf(s3db.Vector{}) {
					wantScan = reflect.TypeOf("")
				}
				if got := ct[1].ScanType(); got != wantScan {
					t.Errorf("ScanType = %v, want %v", got, wantScan)
				}
				i := 0
				for ; rows.Next(); i++ {
					var id int64
					var raw any
					if err := rows.Scan(&id, &raw); err != nil {
						t.Fatal(err)
					}
					if i == len(tc.valid) {
						if raw != nil {
							t.Errorf("NULL read back as %#v", raw)
						}
						continue
					}
					dst := tc.scan()
					if err := convertInto(dst, raw); err != nil {
						t.Fatalf("value %d: scan %#v into %T: %v", i, raw, dst, err)
					}
					got, want := reflect.ValueOf(dst).Elem().Interface(), tc.valid[i][1]
					if !sameTypedValue(got, want) {
						t.Errorf("value %d: %#v read back as %#v, want %#v", i, tc.valid[i][0], got, want)
					}
				}
				if err := rows.Err(); err != nil {
					t.Fatal(err)
				}
				if i != len(tc.valid)+1 {
					t.Errorf("%d rows, want %d", i, len(tc.valid)+1)
				}
			})
		}
	})
}

// convertInto scans src into dst as database/sql would (through a one-row
// query of the value would cost a request; sql.Scanner and convertAssign
// are reached through a *sql.Rows-free path: sql.Null[T]).
func convertInto(dst, src any) error {
	if s, ok := dst.(sql.Scanner); ok {
		return s.Scan(src)
	}
	v := reflect.ValueOf(dst).Elem()
	sv := reflect.ValueOf(src)
	if !sv.Type().AssignableTo(v.Type()) {
		return fmt.Errorf("a %T is not a %s", src, v.Type())
	}
	v.Set(sv)
	return nil
}

func sameTypedValue(got, want any) bool {
	switch w := want.(type) {
	case time.Time:
		g, ok := got.(time.Time)
		return ok && g.Equal(w)
	case []byte:
		g, ok := got.([]byte)
		return ok && bytes.Equal(g, w)
	}
	return reflect.DeepEqual(got, want)
}

// TestTypesScanDestinations scans the new types into the destinations
// programs use: uint64 and DECIMAL into strings and numbers, TIME into
// time.Time, vectors into strings.
func TestTypesScanDestinations(t *testing.T) {
	db := open(t, "mem://")
	mustExec(t, db, `CREATE TABLE s (id INT PRIMARY KEY, u BIGINT UNSIGNED, d DECIMAL(6,2), tm TIME, e EMBEDDING(2), ip IP4)`)
	mustExec(t, db, `INSERT INTO s VALUES (1, 18446744073709551615, 1234.5, '07:08:09', '[1,2]', '10.0.0.1')`)
	var (
		u   uint64
		us  string
		d   string
		df  float64
		tm  time.Time
		e   string
		ev  s3db.Vector
		ip  string
		ui  int64
		err error
	)
	if err = db.QueryRow(`SELECT u, u, d, d, tm, e, e, ip FROM s`).Scan(&u, &us, &d, &df, &tm, &e, &ev, &ip); err != nil {
		t.Fatal(err)
	}
	if u != math.MaxUint64 || us != "18446744073709551615" || d != "1234.50" || df != 1234.5 || !tm.Equal(time.Date(0, 1, 1, 7, 8, 9, 0, time.UTC)) ||
		e != "[1,2]" || !reflect.DeepEqual(ev, s3db.Vector{1, 2}) || ip != "10.0.0.1" {
		t.Errorf("got %v %q %q %v %v %q %v %q", u, us, d, df, tm, e, ev, ip)
	}
	// A uint64 beyond int64 does not fit an int64 destination: a clear error.
	err = db.QueryRow(`SELECT u FROM s`).Scan(&ui)
	wantErr(t, err, "value out of range")
	wantRows(t, db, "1234.50,1235.50,2469.00", `SELECT d, d + 1, d * 2 FROM s`)
	wantRows(t, db, "18446744073709551614", `SELECT u - 1 FROM s`)
	wantRows(t, db, "1", `SELECT COUNT(*) FROM s WHERE u > 9223372036854775807 AND d = 1234.5 AND tm = '07:08:09'`)
	var p, sc int64
	rows, err := db.Query(`SELECT d FROM s`)
	if err != nil {
		t.Fatal(err)
	}
	ct, _ := rows.ColumnTypes()
	pp, ss, ok := ct[0].DecimalSize()
	p, sc = pp, ss
	rows.Close()
	if !ok || p != 6 || sc != 2 {
		t.Errorf("DecimalSize = %d, %d, %v", p, sc, ok)
	}
}

// TestTypesSums: SUM over DECIMAL is exact, over UNSIGNED beyond BIGINT too.
func TestTypesSums(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		mustExec(t, db, `CREATE TABLE m (id INT PRIMARY KEY, amount DECIMAL(12,2), n BIGINT UNSIGNED)`)
		for i := range 10 {
			mustExec(t, db, `INSERT INTO m VALUES (?, ?, ?)`, i, "0.10", uint64(math.MaxUint64/4))
		}
		wantRows(t, db, "1.00,46116860184273879030,0.10,0.10", `SELECT SUM(amount), SUM(n), MIN(amount), MAX(amount) FROM m`)
		mustExec(t, db, `UPDATE m SET amount = amount + 0.05 WHERE id < 5`)
		wantRows(t, db, "1.25", `SELECT SUM(amount) FROM m`)
		wantRows(t, db, "5", `SELECT COUNT(*) FROM m WHERE amount = 0.15`)
	})
}

// TestSecretRejected: nothing meant to be secret is stored before encryption exists.
func TestSecretNeedsPassphrase(t *testing.T) {
	t.Setenv("S3DB_PASSPHRASE", "")
	db := open(t, "mem://")
	_, err := db.Exec(`CREATE TABLE s (id INT PRIMARY KEY, card SECRET)`)
	wantErr(t, err, "table s has SECRET columns: no passphrase")
	wantRows(t, db, "", `SHOW TABLES`)
}

// TestTypesDefaultsAndDescribe: DEFAULTs of the new types are validated and
// applied, and DESCRIBE shows the types as declared.
func TestTypesDefaultsAndDescribe(t *testing.T) {
	db := open(t, "mem://")
	mustExec(t, db, `CREATE TABLE d (id INT PRIMARY KEY, st ENUM('new','paid') NOT NULL DEFAULT 'NEW',
		total DECIMAL(8,3) DEFAULT 1.5, n INT UNSIGNED DEFAULT 7, at TIME(3) DEFAULT '12:00',
		u UUID DEFAULT '123E4567E89B12D3A456426614174000', b VARBINARY(4) DEFAULT 'ab', ip IP6 DEFAULT '::1')`)
	mustExec(t, db, `INSERT INTO d (id) VALUES (1)`)
	wantRows(t, db, "new,1.500,7,0000-01-01T12:00:00Z,123e4567-e89b-12d3-a456-426614174000,ab,::1", `SELECT st, total, n, at, u, b, ip FROM d`)
	wantRows(t, db, "id,int,NO,PRI,NULL,;st,enum('new','paid'),NO,,new,;total,decimal(8,3),YES,,1.500,;n,int unsigned,YES,,7,;"+
		"at,time(3),YES,,12:00:00,;u,uuid,YES,,123e4567-e89b-12d3-a456-426614174000,;b,varbinary(4),YES,,ab,;ip,ip6,YES,,::1,", `DESCRIBE d`)
	for _, c := range []struct{ decl, want string }{
		{"ENUM('a','b') DEFAULT 'c'", "invalid DEFAULT: cannot store 'c' as ENUM('a','b'): not a member"},
		{"DECIMAL(3,1) DEFAULT 100", "invalid DEFAULT: cannot store 100 as DECIMAL(3,1): out of range"},
		{"TINYINT UNSIGNED DEFAULT -1", "invalid DEFAULT: cannot store -1 as TINYINT UNSIGNED: out of range [0, 255]"},
		{"IP4 DEFAULT 'localhost'", "invalid DEFAULT: cannot store 'localhost' as IP4: not an IP address"},
		{"EMBEDDING(2) DEFAULT '[1]'", "invalid DEFAULT: cannot store '[1]' as EMBEDDING(2): 1 dimensions, want 2"},
	} {
		_, err := db.Exec(`CREATE TABLE bad (id INT PRIMARY KEY, c ` + c.decl + `)`)
		wantErr(t, err, "table bad, column c: "+c.want)
	}
}
