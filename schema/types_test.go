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

func uspec(name string) sqlparse.TypeSpec {
	return sqlparse.TypeSpec{Name: name, Length: -1, Scale: -1, Unsigned: true}
}

func dspec(p, s int) sqlparse.TypeSpec {
	return sqlparse.TypeSpec{Name: "DECIMAL", Length: p, Scale: s}
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
		{"TINYINT UNSIGNED", uspec("TINYINT"), Type{Name: "TINYINT", Unsigned: true, Kind: KindUint, UMax: 255}, "TINYINT UNSIGNED"},
		{"SMALLINT UNSIGNED", uspec("SMALLINT"), Type{Name: "SMALLINT", Unsigned: true, Kind: KindUint, UMax: 65535}, "SMALLINT UNSIGNED"},
		{"MEDIUMINT UNSIGNED", uspec("MEDIUMINT"), Type{Name: "MEDIUMINT", Unsigned: true, Kind: KindUint, UMax: 1<<24 - 1}, "MEDIUMINT UNSIGNED"},
		{"INT UNSIGNED", uspec("INT"), Type{Name: "INT", Unsigned: true, Kind: KindUint, UMax: math.MaxUint32}, "INT UNSIGNED"},
		{"BIGINT UNSIGNED", uspec("BIGINT"), Type{Name: "BIGINT", Unsigned: true, Kind: KindUint, UMax: math.MaxUint64}, "BIGINT UNSIGNED"},
		{"DECIMAL", spec("DECIMAL", -1), Type{Name: "DECIMAL", Length: 10, Kind: KindDecimal}, "DECIMAL(10,0)"},
		{"DECIMAL(5)", spec("DECIMAL", 5), Type{Name: "DECIMAL", Length: 5, Kind: KindDecimal}, "DECIMAL(5,0)"},
		{"DECIMAL(10,2)", dspec(10, 2), Type{Name: "DECIMAL", Length: 10, Scale: 2, Kind: KindDecimal}, "DECIMAL(10,2)"},
		{"DECIMAL(65,30)", dspec(65, 30), Type{Name: "DECIMAL", Length: 65, Scale: 30, Kind: KindDecimal}, "DECIMAL(65,30)"},
		{"TIME", spec("TIME", -1), Type{Name: "TIME", Kind: KindTimeOfDay}, "TIME"},
		{"TIME(3)", spec("TIME", 3), Type{Name: "TIME", Length: 3, Kind: KindTimeOfDay}, "TIME(3)"},
		{"ENUM", sqlparse.TypeSpec{Name: "ENUM", Length: -1, Scale: -1, Elems: []string{"new", "it's", ""}},
			Type{Name: "ENUM", Elems: []string{"new", "it's", ""}, Kind: KindEnum}, "ENUM('new','it''s','')"},
		{"BINARY", spec("BINARY", -1), Type{Name: "BINARY", Length: 1, Kind: KindBytes, MaxBytes: 1}, "BINARY(1)"},
		{"BINARY(16)", spec("BINARY", 16), Type{Name: "BINARY", Length: 16, Kind: KindBytes, MaxBytes: 16}, "BINARY(16)"},
		{"VARBINARY(300)", spec("VARBINARY", 300), Type{Name: "VARBINARY", Length: 300, Kind: KindBytes, MaxBytes: 300}, "VARBINARY(300)"},
		{"TINYBLOB", spec("TINYBLOB", -1), Type{Name: "TINYBLOB", Kind: KindBytes, MaxBytes: 255}, "TINYBLOB"},
		{"BLOB", spec("BLOB", -1), Type{Name: "BLOB", Kind: KindBytes, MaxBytes: 65535}, "BLOB"},
		{"BLOB(100)", spec("BLOB", 100), Type{Name: "BLOB", Length: 100, Kind: KindBytes, MaxBytes: 100}, "BLOB(100)"},
		{"MEDIUMBLOB", spec("MEDIUMBLOB", -1), Type{Name: "MEDIUMBLOB", Kind: KindBytes, MaxBytes: 1<<24 - 1}, "MEDIUMBLOB"},
		{"LONGBLOB", spec("LONGBLOB", -1), Type{Name: "LONGBLOB", Kind: KindBytes, MaxBytes: 1<<32 - 1}, "LONGBLOB"},
		{"UUID", spec("UUID", -1), Type{Name: "UUID", Kind: KindUUID}, "UUID"},
		{"IP4", spec("IP4", -1), Type{Name: "IP4", Kind: KindIP}, "IP4"},
		{"IP6", spec("IP6", -1), Type{Name: "IP6", Kind: KindIP}, "IP6"},
		{"EMAIL", spec("EMAIL", -1), Type{Name: "EMAIL", Kind: KindString, MaxChars: 254, MaxBytes: 65535}, "EMAIL"},
		{"EMAIL(100)", spec("EMAIL", 100), Type{Name: "EMAIL", Length: 100, Kind: KindString, MaxChars: 100, MaxBytes: 65535}, "EMAIL(100)"},
		{"URL", spec("URL", -1), Type{Name: "URL", Kind: KindString, MaxChars: 2048, MaxBytes: 65535}, "URL"},
		{"EMBEDDING(3)", spec("EMBEDDING", 3), Type{Name: "EMBEDDING", Length: 3, Kind: KindVector}, "EMBEDDING(3)"},
		{"VECTOR(1536)", spec("VECTOR", 1536), Type{Name: "VECTOR", Length: 1536, Kind: KindVector}, "VECTOR(1536)"},
		{"SECRET", spec("SECRET", -1), Type{Name: "SECRET", Kind: KindSecret, MaxBytes: 65535}, "SECRET"},
		{"SECRET(64)", spec("SECRET", 64), Type{Name: "SECRET", Length: 64, Kind: KindSecret, MaxChars: 64, MaxBytes: 65535}, "SECRET(64)"},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseType(tt.spec)
			if err != nil {
				t.Fatalf("ParseType(%+v): %v", tt.spec, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseType(%+v)\n got %+v\nwant %+v", tt.spec, got, tt.want)
			}
			if s := got.SQL(); s != tt.sql {
				t.Errorf("SQL() = %q, want %q", s, tt.sql)
			}
			// A type saved in the catalog resolves to itself.
			saved := Type{Name: got.Name, Length: got.Length, Scale: got.Scale, Unsigned: got.Unsigned, Elems: got.Elems}
			if err := saved.Resolve(); err != nil || !reflect.DeepEqual(saved, got) || !saved.Equal(got) {
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
		{"unknown type", spec("SET", 10), "unsupported type SET"},
		{"unknown lower-case", spec("year", -1), "unsupported type YEAR"},
		{"empty name", spec("", -1), "unsupported type "},
		{"VARCHAR without length", spec("VARCHAR", -1), "type VARCHAR needs a length, e.g. VARCHAR(255)"},
		{"VARCHAR(0)", spec("VARCHAR", 0), "type VARCHAR(0) cannot hold any value"},
		{"CHAR(0)", spec("CHAR", 0), "type CHAR(0) cannot hold any value"},
		{"VARCHAR too long", spec("VARCHAR", 65536), "length 65536 is too large for VARCHAR (max 65535)"},
		{"CHAR too long", spec("CHAR", 256), "length 256 is too large for CHAR (max 255)"},
		{"TINYTEXT too long", spec("TINYTEXT", 256), "length 256 is too large for TINYTEXT (max 255)"},
		{"DOUBLE UNSIGNED", uspec("DOUBLE"), "type DOUBLE cannot be UNSIGNED: UNSIGNED applies to integer types"},
		{"DECIMAL UNSIGNED", uspec("DECIMAL"), "type DECIMAL cannot be UNSIGNED: UNSIGNED applies to integer types"},
		{"DECIMAL(0)", spec("DECIMAL", 0), "precision 0 is out of range for DECIMAL (1 to 65)"},
		{"DECIMAL(66)", spec("DECIMAL", 66), "precision 66 is out of range for DECIMAL (1 to 65)"},
		{"DECIMAL(40,31)", dspec(40, 31), "scale 31 is too large for DECIMAL (max 30)"},
		{"DECIMAL(5,6)", dspec(5, 6), "scale 6 is larger than the precision 5 of DECIMAL"},
		{"TIME(7)", spec("TIME", 7), "fractional second precision 7 is too large for TIME (max 6)"},
		{"ENUM without members", spec("ENUM", -1), "type ENUM needs members, e.g. ENUM('a','b')"},
		{"ENUM repeated member", sqlparse.TypeSpec{Name: "ENUM", Length: -1, Scale: -1, Elems: []string{"a", "b", "A"}}, "ENUM member 'A' is repeated"},
		{"ENUM long member", sqlparse.TypeSpec{Name: "ENUM", Length: -1, Scale: -1, Elems: []string{strings.Repeat("x", 256)}}, "ENUM member 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is too long (256 characters, max 255)"},
		{"members on VARCHAR", sqlparse.TypeSpec{Name: "VARCHAR", Length: 3, Scale: -1, Elems: []string{"a"}}, "type VARCHAR takes no member list"},
		{"VARBINARY without length", spec("VARBINARY", -1), "type VARBINARY needs a length, e.g. VARBINARY(255)"},
		{"BINARY(256)", spec("BINARY", 256), "length 256 is too large for BINARY (max 255)"},
		{"BLOB(65536)", spec("BLOB", 65536), "length 65536 is too large for BLOB (max 65535)"},
		{"UUID(16)", spec("UUID", 16), "type UUID takes no length"},
		{"IP4(4)", spec("IP4", 4), "type IP4 takes no length"},
		{"EMBEDDING without dims", spec("EMBEDDING", -1), "type EMBEDDING needs a dimension, e.g. EMBEDDING(768)"},
		{"VECTOR(0)", spec("VECTOR", 0), "type VECTOR needs a dimension, e.g. VECTOR(768)"},
		{"EMBEDDING too large", spec("EMBEDDING", 16384), "dimension 16384 is too large for EMBEDDING (max 16383)"},
		{"EMAIL(70000)", spec("EMAIL", 70000), "length 70000 is too large for EMAIL (max 65535)"},
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
		{decl: "INT UNSIGNED", want: "INT UNSIGNED"},
		{decl: "INT(10) UNSIGNED", want: "INT UNSIGNED"},
		{decl: "SERIAL", want: "BIGINT UNSIGNED"},
		{decl: "DECIMAL(10,2)", want: "DECIMAL(10,2)"},
		{decl: "NUMERIC(5)", want: "DECIMAL(5,0)"},
		{decl: "DEC", want: "DECIMAL(10,0)"},
		{decl: "TIME(6)", want: "TIME(6)"},
		{decl: "ENUM('a', 'b c')", want: "ENUM('a','b c')"},
		{decl: "BLOB", want: "BLOB"},
		{decl: "VARBINARY(8)", want: "VARBINARY(8)"},
		{decl: "BINARY(4)", want: "BINARY(4)"},
		{decl: "VECTOR(3)", want: "VECTOR(3)"},
		{decl: "UUID", want: "UUID"},
		{decl: "uuid", want: "UUID"},
		{decl: "EMAIL", want: "EMAIL"},
		{decl: "EMAIL(100)", want: "EMAIL(100)"},
		{decl: "URL", want: "URL"},
		{decl: "Url(300)", want: "URL(300)"},
		{decl: "IP4", want: "IP4"},
		{decl: "IP6", want: "IP6"},
		{decl: "EMBEDDING(1536)", want: "EMBEDDING(1536)"},
		{decl: "SECRET", want: "SECRET"},
		{decl: "SECRET(40)", want: "SECRET(40)"},
		{decl: "DATETIME(7)", want: "too large", wantErr: true},
		{decl: "DOUBLE UNSIGNED", want: "UNSIGNED applies to integer types", wantErr: true},
		{decl: "UUID(3)", want: "type UUID takes no length", wantErr: true},
		{decl: "IP4 UNSIGNED", want: "type IP4 cannot be UNSIGNED", wantErr: true},
		{decl: "EMBEDDING", want: "type EMBEDDING needs a dimension", wantErr: true},
		{decl: "SET('a')", want: "SET", wantErr: true},
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
		{"DECIMAL", "decimal", reflect.TypeOf("")},
		{"TIME", "timeofday", reflect.TypeOf(time.Time{})},
		{"BLOB", "bytes", reflect.TypeOf([]byte(nil))},
		{"UUID", "uuid", reflect.TypeOf("")},
		{"IP6", "ip", reflect.TypeOf("")},
		{"EMAIL", "string", reflect.TypeOf("")},
		{"SECRET", "secret", reflect.TypeOf("")},
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
