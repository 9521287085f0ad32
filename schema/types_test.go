package schema

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/s3db-go/s3db/sqlparse"
)

// spec builds a TypeSpec as sqlparse does: -1 for a length not given.
func spec(name string, length int) sqlparse.TypeSpec {
	return sqlparse.TypeSpec{Name: name, Length: length, Scale: -1}
}

func TestParseType(t *testing.T) {
	tests := []struct {
		name string
		spec sqlparse.TypeSpec
		want Type
		sql  string
	}{
		{"CHAR default length", spec("CHAR", -1), Type{Name: "CHAR", Length: 1, Kind: KindString, MaxChars: 1, MaxBytes: 1020}, "CHAR(1)"},
		{"CHAR(10)", spec("CHAR", 10), Type{Name: "CHAR", Length: 10, Kind: KindString, MaxChars: 10, MaxBytes: 1020}, "CHAR(10)"},
		{"CHAR(255) max", spec("CHAR", 255), Type{Name: "CHAR", Length: 255, Kind: KindString, MaxChars: 255, MaxBytes: 1020}, "CHAR(255)"},
		{"VARCHAR(255)", spec("VARCHAR", 255), Type{Name: "VARCHAR", Length: 255, Kind: KindString, MaxChars: 255, MaxBytes: 65535}, "VARCHAR(255)"},
		{"VARCHAR(1)", spec("VARCHAR", 1), Type{Name: "VARCHAR", Length: 1, Kind: KindString, MaxChars: 1, MaxBytes: 65535}, "VARCHAR(1)"},
		{"VARCHAR(65535) max", spec("VARCHAR", 65535), Type{Name: "VARCHAR", Length: 65535, Kind: KindString, MaxChars: 65535, MaxBytes: 65535}, "VARCHAR(65535)"},
		{"lower-case name", spec("varchar", 8), Type{Name: "VARCHAR", Length: 8, Kind: KindString, MaxChars: 8, MaxBytes: 65535}, "VARCHAR(8)"},
		{"TINYTEXT", spec("TINYTEXT", -1), Type{Name: "TINYTEXT", Kind: KindString, MaxBytes: 255}, "TINYTEXT"},
		{"TEXT", spec("TEXT", -1), Type{Name: "TEXT", Kind: KindString, MaxBytes: 65535}, "TEXT"},
		{"TEXT(100)", spec("TEXT", 100), Type{Name: "TEXT", Length: 100, Kind: KindString, MaxChars: 100, MaxBytes: 65535}, "TEXT(100)"},
		{"MEDIUMTEXT", spec("MEDIUMTEXT", -1), Type{Name: "MEDIUMTEXT", Kind: KindString, MaxBytes: 1<<24 - 1}, "MEDIUMTEXT"},
		{"LONGTEXT", spec("LONGTEXT", -1), Type{Name: "LONGTEXT", Kind: KindString, MaxBytes: 1<<32 - 1}, "LONGTEXT"},
		{"TINYINT", spec("TINYINT", -1), Type{Name: "TINYINT", Kind: KindInt, Min: -128, Max: 127}, "TINYINT"},
		{"TINYINT(1) keeps its length", spec("TINYINT", 1), Type{Name: "TINYINT", Length: 1, Kind: KindInt, Min: -128, Max: 127}, "TINYINT(1)"},
		{"TINYINT(4) display width dropped", spec("TINYINT", 4), Type{Name: "TINYINT", Kind: KindInt, Min: -128, Max: 127}, "TINYINT"},
		{"SMALLINT", spec("SMALLINT", -1), Type{Name: "SMALLINT", Kind: KindInt, Min: -32768, Max: 32767}, "SMALLINT"},
		{"MEDIUMINT", spec("MEDIUMINT", -1), Type{Name: "MEDIUMINT", Kind: KindInt, Min: -8388608, Max: 8388607}, "MEDIUMINT"},
		{"INT", spec("INT", -1), Type{Name: "INT", Kind: KindInt, Min: math.MinInt32, Max: math.MaxInt32}, "INT"},
		{"INT(11) display width accepted", spec("INT", 11), Type{Name: "INT", Kind: KindInt, Min: math.MinInt32, Max: math.MaxInt32}, "INT"},
		{"BIGINT", spec("BIGINT", -1), Type{Name: "BIGINT", Kind: KindInt, Min: math.MinInt64, Max: math.MaxInt64}, "BIGINT"},
		{"BIGINT(20)", spec("BIGINT", 20), Type{Name: "BIGINT", Kind: KindInt, Min: math.MinInt64, Max: math.MaxInt64}, "BIGINT"},
		{"FLOAT", spec("FLOAT", -1), Type{Name: "FLOAT", Kind: KindFloat}, "FLOAT"},
		{"DOUBLE", spec("DOUBLE", -1), Type{Name: "DOUBLE", Kind: KindFloat}, "DOUBLE"},
		{"BOOLEAN", spec("BOOLEAN", -1), Type{Name: "BOOLEAN", Kind: KindBool}, "BOOLEAN"},
		{"DATE", spec("DATE", -1), Type{Name: "DATE", Kind: KindTime}, "DATE"},
		{"DATETIME", spec("DATETIME", -1), Type{Name: "DATETIME", Kind: KindTime}, "DATETIME"},
		{"DATETIME(0)", spec("DATETIME", 0), Type{Name: "DATETIME", Kind: KindTime}, "DATETIME"},
		{"DATETIME(3)", spec("DATETIME", 3), Type{Name: "DATETIME", Length: 3, Kind: KindTime}, "DATETIME(3)"},
		{"DATETIME(6)", spec("DATETIME", 6), Type{Name: "DATETIME", Length: 6, Kind: KindTime}, "DATETIME(6)"},
		{"TIMESTAMP", spec("TIMESTAMP", -1), Type{Name: "TIMESTAMP", Kind: KindTime}, "TIMESTAMP"},
		{"TIMESTAMP(6)", spec("TIMESTAMP", 6), Type{Name: "TIMESTAMP", Length: 6, Kind: KindTime}, "TIMESTAMP(6)"},
		{"JSON", spec("JSON", -1), Type{Name: "JSON", Kind: KindJSON}, "JSON"},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseType(tt.spec)
			if err != nil {
				t.Fatalf("ParseType(%+v): %v", tt.spec, err)
			}
			if got != tt.want {
				t.Errorf("ParseType(%+v)\n got %+v\nwant %+v", tt.spec, got, tt.want)
			}
			if s := got.SQL(); s != tt.sql {
				t.Errorf("SQL() = %q, want %q", s, tt.sql)
			}
			// A type saved in the catalog (only Name and Length) resolves to itself.
			saved := Type{Name: got.Name, Length: got.Length}
			if err := saved.Resolve(); err != nil || saved != got {
				t.Errorf("Resolve of saved %s = %+v, %v; want %+v", got.SQL(), saved, err, got)
			}
		})
		covered[tt.want.Name] = true
	}
	for name := range typeTable {
		if !covered[name] {
			t.Errorf("type %s of typeTable has no test case", name)
		}
	}
}

func TestParseTypeErrors(t *testing.T) {
	tests := []struct {
		name string
		spec sqlparse.TypeSpec
		want string
	}{
		{"unknown type", spec("DECIMAL", 10), "unsupported type DECIMAL"},
		{"unknown lower-case", spec("blob", -1), "unsupported type BLOB"},
		{"empty name", spec("", -1), "unsupported type "},
		{"VARCHAR without length", spec("VARCHAR", -1), "type VARCHAR needs a length, e.g. VARCHAR(255)"},
		{"VARCHAR(0)", spec("VARCHAR", 0), "type VARCHAR(0) cannot hold any value"},
		{"CHAR(0)", spec("CHAR", 0), "type CHAR(0) cannot hold any value"},
		{"VARCHAR too long", spec("VARCHAR", 65536), "length 65536 is too large for VARCHAR (max 65535)"},
		{"CHAR too long", spec("CHAR", 256), "length 256 is too large for CHAR (max 255)"},
		{"TINYTEXT too long", spec("TINYTEXT", 256), "length 256 is too large for TINYTEXT (max 255)"},
		{"INT UNSIGNED", sqlparse.TypeSpec{Name: "INT", Length: -1, Scale: -1, Unsigned: true}, "unsupported type INT UNSIGNED"},
		{"BIGINT UNSIGNED", sqlparse.TypeSpec{Name: "BIGINT", Length: -1, Scale: -1, Unsigned: true}, "unsupported type BIGINT UNSIGNED"},
		{"DATE(3)", spec("DATE", 3), "type DATE takes no precision"},
		{"DATE(0)", spec("DATE", 0), "type DATE takes no precision"},
		{"DATETIME(7)", spec("DATETIME", 7), "fractional second precision 7 is too large for DATETIME (max 6)"},
		{"TIMESTAMP(9)", spec("TIMESTAMP", 9), "fractional second precision 9 is too large for TIMESTAMP (max 6)"},
		{"DOUBLE(10,2)", sqlparse.TypeSpec{Name: "DOUBLE", Length: 10, Scale: 2}, "type DOUBLE takes no length"},
		{"BOOLEAN(1)", spec("BOOLEAN", 1), "type BOOLEAN takes no length"},
		{"JSON(10)", spec("JSON", 10), "type JSON takes no length"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseType(tt.spec)
			if err == nil {
				t.Fatalf("ParseType(%+v) = %+v, want error %q", tt.spec, got, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("ParseType(%+v) error\n got %q\nwant %q", tt.spec, err, tt.want)
			}
		})
	}
}

// TestParseTypeFromSQL checks the types as the parser hands them over,
// including the spellings it folds (BOOL, INTEGER, ...).
func TestParseTypeFromSQL(t *testing.T) {
	tests := []struct {
		decl    string
		want    string // Type.SQL(), or "error: ..." (a substring)
		wantErr bool
	}{
		{decl: "BOOL", want: "BOOLEAN"},
		{decl: "BOOLEAN", want: "BOOLEAN"},
		{decl: "TINYINT(1)", want: "TINYINT(1)"},
		{decl: "INTEGER", want: "INT"},
		{decl: "INT(11)", want: "INT"},
		{decl: "CHAR", want: "CHAR(1)"},
		{decl: "VARCHAR(22)", want: "VARCHAR(22)"},
		{decl: "DATETIME(6)", want: "DATETIME(6)"},
		{decl: "DOUBLE", want: "DOUBLE"},
		{decl: "REAL", want: "DOUBLE"},
		{decl: "INT UNSIGNED", want: "UNSIGNED", wantErr: true},
		{decl: "DATETIME(7)", want: "too large", wantErr: true},
		{decl: "DECIMAL(10,2)", want: "unsupported type DECIMAL", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.decl, func(t *testing.T) {
			ct := parseCreate(t, "CREATE TABLE t (c "+tt.decl+")")
			got, err := ParseType(ct.Columns[0].Type)
			switch {
			case tt.wantErr && err == nil:
				t.Fatalf("%s: got %s, want an error containing %q", tt.decl, got.SQL(), tt.want)
			case tt.wantErr && !strings.Contains(err.Error(), tt.want):
				t.Fatalf("%s: error %q does not contain %q", tt.decl, err, tt.want)
			case !tt.wantErr && err != nil:
				t.Fatalf("%s: %v", tt.decl, err)
			case !tt.wantErr && got.SQL() != tt.want:
				t.Errorf("%s: got %s, want %s", tt.decl, got.SQL(), tt.want)
			}
		})
	}
}

func TestKindAndScanType(t *testing.T) {
	tests := []struct {
		typ  string
		kind string
		scan reflect.Type
	}{
		{"VARCHAR", "string", reflect.TypeOf("")},
		{"BIGINT", "int", reflect.TypeOf(int64(0))},
		{"DOUBLE", "float", reflect.TypeOf(float64(0))},
		{"BOOLEAN", "bool", reflect.TypeOf(false)},
		{"DATETIME", "time", reflect.TypeOf(time.Time{})},
		{"JSON", "json", reflect.TypeOf("")},
	}
	for _, tt := range tests {
		length := -1
		if tt.typ == "VARCHAR" {
			length = 10
		}
		typ, err := ParseType(spec(tt.typ, length))
		if err != nil {
			t.Fatal(err)
		}
		if got := typ.Kind.String(); got != tt.kind {
			t.Errorf("%s: Kind = %s, want %s", tt.typ, got, tt.kind)
		}
		if got := typ.ScanType(); got != tt.scan {
			t.Errorf("%s: ScanType = %v, want %v", tt.typ, got, tt.scan)
		}
	}
	if got := Kind(0).String(); got != "kind(0)" {
		t.Errorf("Kind(0) = %q", got)
	}
	if got := Kind(99).String(); got != "kind(99)" {
		t.Errorf("Kind(99) = %q", got)
	}
}

// parseCreate parses one CREATE TABLE statement.
func parseCreate(t testing.TB, sql string) *sqlparse.CreateTable {
	t.Helper()
	stmts, err := sqlparse.Parse(sql)
	if err != nil {
		t.Fatalf("parse %q: %v", sql, err)
	}
	ct, ok := stmts[0].(*sqlparse.CreateTable)
	if !ok {
		t.Fatalf("parse %q: got %T, want *sqlparse.CreateTable", sql, stmts[0])
	}
	return ct
}

// mustParseType is ParseType for a type known to be valid.
func mustParseType(t testing.TB, name string, length int) Type {
	t.Helper()
	typ, err := ParseType(spec(name, length))
	if err != nil {
		t.Fatalf("ParseType(%s, %d): %v", name, length, err)
	}
	return typ
}
