package eval

import (
	"strings"
	"testing"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

// TestRealParser evaluates expressions parsed by sqlparse.Parse, to pin the
// IR shapes this package relies on (TRIM directions, INTERVAL units, ->, ->>,
// REGEXP, CAST type names, typed literals).
func TestRealParser(t *testing.T) {
	cases := []tcase{
		{sql: "TRIM(LEADING 'x' FROM 'xxaxx')", want: "axx"},
		{sql: "TRIM(TRAILING FROM '  a  ')", want: "  a"},
		{sql: "TRIM(BOTH 'x' FROM 'xax')", want: "a"},
		{sql: "t + INTERVAL 1 DAY", want: date(2024, 1, 3, 3, 4, 5, 0)},
		{sql: "t - INTERVAL 2 MONTH", want: date(2023, 11, 2, 3, 4, 5, 0)},
		{sql: "DATE_ADD(t, INTERVAL 90 MINUTE)", want: date(2024, 1, 2, 4, 34, 5, 0)},
		{sql: "ADDDATE(t, 3)", want: date(2024, 1, 5, 3, 4, 5, 0)},
		{sql: "EXTRACT(YEAR FROM t)", want: 2024},
		{sql: "TIMESTAMPDIFF(HOUR, '2024-01-01', t)", want: 27},
		{sql: "TIMESTAMPADD(HOUR, 1, t)", want: date(2024, 1, 2, 4, 4, 5, 0)},
		{sql: "j->'$.a.b[0]'", want: "10"},
		{sql: "j->>'$.s'", want: "x"},
		{sql: "name REGEXP '^A'", want: true},
		{sql: "name NOT REGEXP '^A'", want: false},
		{sql: "POSITION('b' IN 'abc')", want: 2},
		{sql: "SUBSTRING('abcdef' FROM 2 FOR 3)", want: "bcd"},
		{sql: "CAST('12abc' AS SIGNED)", want: 12},
		{sql: "CAST(1 AS UNSIGNED)", want: uint64(1)},
		{sql: "CAST('ab' AS BINARY)", want: []byte("ab")},
		{sql: "BINARY 'ab'", want: []byte("ab")},
		{sql: "CAST('2024-01-02 03:04:05.5' AS DATETIME)", want: date(2024, 1, 2, 3, 4, 6, 0)},
		{sql: "CAST(2.5 AS DECIMAL)", want: schema.Decimal("3")},
		{sql: "CONVERT('1.5', DOUBLE)", want: 1.5},
		{sql: "DATE '2024-01-02'", want: date(2024, 1, 2, 0, 0, 0, 0)},
		{sql: "TIMESTAMP '2024-01-02 03:04:05'", want: testTime},
		{sql: "CURRENT_TIMESTAMP", want: date(2025, 6, 7, 8, 9, 10, 0)},
		{sql: "TRUE AND 1 IN (2, NULL)", want: nil},
		{sql: "-9223372036854775808", want: int64(-1 << 63)},
		{sql: "'a%' LIKE 'a\\%'", want: true},
		{sql: "COUNT(*)", err: "aggregate COUNT is not allowed here"},
	}
	for _, c := range cases {
		t.Run(c.sql, func(t *testing.T) {
			stmts, err := sqlparse.Parse("SELECT " + c.sql + " FROM tt")
			if err != nil {
				t.Fatal(err)
			}
			x, err := Compile(stmts[0].(*sqlparse.Select).Fields[0].Expr, cols)
			var got any
			if err == nil {
				got, err = x.Eval(&Env{Row: testRow(), Now: testNow})
			}
			switch {
			case c.err != "":
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("got (%#v, %v), want error %q", got, err, c.err)
				}
			case err != nil:
				t.Fatal(err)
			case !sameValue(got, c.want):
				t.Fatalf("= %#v, want %#v", got, c.want)
			}
		})
	}
}
