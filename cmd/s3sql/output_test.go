package main

import (
	"database/sql"
	"database/sql/driver"
	"strings"
	"testing"
	"time"

	"github.com/DATA-DOG/go-sqlmock"
)

// people is a result set with numbers, NULLs, wide characters, a combining
// accent and a newline.
func people() *sqlmock.Rows {
	return sqlmock.NewRows([]string{"id", "name", "score"}).
		AddRow(int64(1), "Ana", 9.5).
		AddRow(int64(22), nil, nil).
		AddRow(int64(3), "日本語", float64(1e6)).
		AddRow(int64(4), "e\u0301te\nx", -0.25)
}

// query runs a mocked query returning rows and gives the *sql.Rows.
func query(t *testing.T, rows *sqlmock.Rows) *sql.Rows {
	t.Helper()
	db, mock, err := sqlmock.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	mock.ExpectQuery("SELECT").WillReturnRows(rows)
	r, err := db.Query("SELECT")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func TestWriteRows(t *testing.T) {
	tests := []struct {
		mode string
		rows *sqlmock.Rows
		want string
	}{
		{"table", people(), `
+----+--------+---------+
| id | name   | score   |
+----+--------+---------+
|  1 | Ana    |     9.5 |
| 22 | NULL   |    NULL |
|  3 | 日本語 | 1000000 |
|  4 | éte\nx |   -0.25 |
+----+--------+---------+
`},
		{"csv", people(), `
id,name,score
1,Ana,9.5
22,,
3,日本語,1000000
4,"éte
x",-0.25
`},
		{"tsv", people(), `
id	name	score
1	Ana	9.5
22	NULL	NULL
3	日本語	1000000
4	éte\nx	-0.25
`},
		{"json", people(), `
[{"id":1,"name":"Ana","score":9.5},
{"id":22,"name":null,"score":null},
{"id":3,"name":"日本語","score":1000000},
{"id":4,"name":"éte\nx","score":-0.25}]
`},
		{"line", people(), `
*************************** 1. row ***************************
   id: 1
 name: Ana
score: 9.5
*************************** 2. row ***************************
   id: 22
 name: NULL
score: NULL
*************************** 3. row ***************************
   id: 3
 name: 日本語
score: 1000000
*************************** 4. row ***************************
   id: 4
 name: éte
x
score: -0.25
`},
		{"table", sqlmock.NewRows([]string{"a"}), "\n"},
		{"json", sqlmock.NewRows([]string{"a"}), "\n[]\n"},
		{"csv", sqlmock.NewRows([]string{"a", "b"}), "\na,b\n"},
		// Declared types: a VARCHAR of digits stays left-aligned, a DECIMAL
		// given as text is right-aligned; DATE, JSON, BLOB and booleans.
		{"table", sqlmock.NewRowsWithColumnDefinition(
			sqlmock.NewColumn("zip").OfType("VARCHAR", ""), sqlmock.NewColumn("total").OfType("DECIMAL", ""),
			sqlmock.NewColumn("day").OfType("DATE", time.Time{}), sqlmock.NewColumn("ok").OfType("BOOLEAN", false)).
			AddRow("01234", []byte("10.50"), time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), true).
			AddRow("9", []byte("7.00"), time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), false), `
+-------+-------+------------+----+
| zip   | total | day        | ok |
+-------+-------+------------+----+
| 01234 | 10.50 | 2024-02-29 | 1  |
| 9     |  7.00 | 2024-03-01 | 0  |
+-------+-------+------------+----+
`},
		{"json", sqlmock.NewRowsWithColumnDefinition(
			sqlmock.NewColumn("doc").OfType("JSON", ""), sqlmock.NewColumn("bin").OfType("BLOB", []byte{}),
			sqlmock.NewColumn("at").OfType("DATETIME", time.Time{}), sqlmock.NewColumn("ok").OfType("BOOLEAN", false)).
			AddRow([]byte(`{"a":[1,2]}`), []byte{0xff, 0x00}, time.Date(2024, 2, 29, 13, 4, 5, 0, time.UTC), true), `
[{"doc":{"a":[1,2]},"bin":"/wA=","at":"2024-02-29 13:04:05","ok":true}]
`},
		{"tsv", sqlmock.NewRows([]string{"a\tb", "c"}).AddRow("x\ty\\z", []byte{0xff}), `
a\tb	c
x\ty\\z	0xFF
`},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			var b strings.Builder
			if _, err := writeRows(&b, tt.mode, query(t, tt.rows), 1000); err != nil {
				t.Fatal(err)
			}
			// The goldens spell é precomposed; people() uses e + U+0301.
			want := strings.ReplaceAll(tt.want[1:], "\u00e9", "e\u0301")
			if got := b.String(); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestTableChunks checks that a long result is printed in chunks, with a new
// header when a later chunk needs wider columns.
func TestTableChunks(t *testing.T) {
	rows := sqlmock.NewRows([]string{"n", "word"})
	for i, w := range []string{"a", "b", "c", "dd", "e", "longer"} {
		rows.AddRow(int64(i+1), w)
	}
	var b strings.Builder
	n, err := writeRows(&b, "table", query(t, rows), 2)
	if err != nil || n != 6 {
		t.Fatalf("writeRows = %d, %v", n, err)
	}
	want := `+---+------+
| n | word |
+---+------+
| 1 | a    |
| 2 | b    |
| 3 | c    |
| 4 | dd   |
+---+------+
+---+--------+
| n | word   |
+---+--------+
| 5 | e      |
| 6 | longer |
+---+--------+
`
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestFormatValue(t *testing.T) {
	for _, tt := range []struct {
		v    driver.Value
		typ  string
		want string
	}{
		{nil, "", "NULL"},
		{int64(-7), "", "-7"},
		{1e21, "", "1e+21"},
		{1e-9, "", "1e-09"},
		{0.1, "", "0.1"},
		{float32(0.1), "", "0.1"},
		{[]float32{1, 0.5}, "", "[1,0.5]"},
		{[]byte("héllo"), "", "héllo"},
		{[]byte{0xff, 0xfe}, "", "0xFFFE"},
		{time.Date(2024, 1, 2, 3, 4, 5, 600000000, time.UTC), "", "2024-01-02 03:04:05.6"},
		{time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), "DATE", "2024-01-02"},
	} {
		if got, _ := formatValue(tt.v, tt.typ); got != tt.want {
			t.Errorf("formatValue(%#v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestDisplayWidth(t *testing.T) {
	for s, want := range map[string]int{"": 0, "abc": 3, "日本語": 6, "e\u0301": 1, "한국": 4, "🙂x": 3, "a\u200bb": 2, "ｆｕｌｌ": 8} {
		if got := displayWidth(s); got != want {
			t.Errorf("displayWidth(%q) = %d, want %d", s, got, want)
		}
	}
}
