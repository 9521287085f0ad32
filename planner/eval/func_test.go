package eval

import (
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/s3db-go/s3db/sqlparse"
)

func date(y int, m time.Month, d, h, mi, s, ns int) time.Time {
	return time.Date(y, m, d, h, mi, s, ns, time.UTC)
}

var stringCases = []tcase{
	{sql: "LOWER('AbC')", want: "abc"},
	{sql: "LCASE(name)", want: "alice"},
	{sql: "LOWER(12)", want: "12"},
	{sql: "LOWER(n)", want: nil},
	{sql: "UPPER(s)", want: "ABC"},
	{sql: "UCASE('héllo')", want: "HÉLLO"},
	{sql: "UPPER(n)", want: nil},
	{sql: "LENGTH('héllo')", want: 6},
	{sql: "LENGTH(bin)", want: 3},
	{sql: "LENGTH(123)", want: 3},
	{sql: "LENGTH(n)", want: nil},
	{sql: "CHAR_LENGTH('héllo')", want: 5},
	{sql: "CHARACTER_LENGTH(s)", want: 3},
	{sql: "CHAR_LENGTH(n)", want: nil},
	{sql: "CONCAT('a', 1, 2.5)", want: "a12.5"},
	{sql: "CONCAT('a', n)", want: nil},
	{sql: "CONCAT(b, ' ', t)", want: "1 2024-01-02 03:04:05"},
	{sql: "CONCAT(s)", want: "abc"},
	{sql: "CONCAT_WS('-', 'a', n, 'b')", want: "a-b"},
	{sql: "CONCAT_WS(n, 'a')", want: nil},
	{sql: "CONCAT_WS(',', n)", want: ""},
	{sql: "CONCAT_WS('-')", err: "function CONCAT_WS takes at least 2 arguments, got 1"},
	{sql: "SUBSTRING('Quadratically', 5)", want: "ratically"},
	{sql: "SUBSTRING('Quadratically', 5, 6)", want: "ratica"},
	{sql: "SUBSTRING('Sakila', -3)", want: "ila"},
	{sql: "SUBSTRING('Sakila', -5, 3)", want: "aki"},
	{sql: "SUBSTRING('abc', 0)", want: ""},
	{sql: "SUBSTRING('abc', 4)", want: ""},
	{sql: "SUBSTRING('abc', -4)", want: ""},
	{sql: "SUBSTRING('abc', 2, 0)", want: ""},
	{sql: "SUBSTRING('abc', 2, -1)", want: ""},
	{sql: "SUBSTRING('abc', 2, 100)", want: "bc"},
	{sql: "SUBSTRING('héllo', 2, 3)", want: "éll"},
	{sql: "SUBSTRING('abc', '2')", want: "bc"},
	{sql: "SUBSTRING('abc', 1.6)", want: "bc"},
	{sql: "SUBSTRING(n, 1)", want: nil},
	{sql: "SUBSTRING('abc', n)", want: nil},
	{sql: "SUBSTRING('abc', 1, n)", want: nil},
	{sql: "SUBSTR(s, 2)", want: "bc"},
	{sql: "MID('abcdef', 2, 3)", want: "bcd"},
	{sql: "SUBSTRING('a', 1, 2, 3)", err: "function SUBSTRING takes 2 or 3 arguments, got 4"},
	{sql: "TRIM('  bar  ')", want: "bar"},
	{sql: "TRIM('\tbar')", want: "\tbar"},
	{sql: "TRIM('xyxybarxy', 'xy')", want: "bar"},
	{sql: "TRIM('xxbarxx', 'x', #LEADING)", want: "barxx"},
	{sql: "TRIM('xxbarxx', 'x', #TRAILING)", want: "xxbar"},
	{sql: "TRIM('xxbarxx', 'x', #BOTH)", want: "bar"},
	{sql: "TRIM('abc', '')", want: "abc"},
	{sql: "TRIM(n)", want: nil},
	{sql: "TRIM('a', n)", want: nil},
	{sql: "LTRIM('  bar  ')", want: "bar  "},
	{sql: "LTRIM(n)", want: nil},
	{sql: "RTRIM('  bar  ')", want: "  bar"},
	{sql: "RTRIM(n)", want: nil},
	{sql: "REPLACE('www.mysql.com', 'w', 'Ww')", want: "WwWwWw.mysql.com"},
	{sql: "REPLACE('abc', '', 'x')", want: "abc"},
	{sql: "REPLACE('aAa', 'a', 'b')", want: "bAb"},
	{sql: "REPLACE(n, 'a', 'b')", want: nil},
	{sql: "REPLACE('a', 'a', n)", want: nil},
	{sql: "LEFT('foobarbar', 5)", want: "fooba"},
	{sql: "LEFT('ab', 5)", want: "ab"},
	{sql: "LEFT('ab', -1)", want: ""},
	{sql: "LEFT('héllo', 2)", want: "hé"},
	{sql: "LEFT(n, 1)", want: nil},
	{sql: "RIGHT('foobarbar', 4)", want: "rbar"},
	{sql: "RIGHT('héllo', 4)", want: "éllo"},
	{sql: "RIGHT('ab', 0)", want: ""},
	{sql: "RIGHT('ab', 9)", want: "ab"},
	{sql: "RIGHT('ab', n)", want: nil},
	{sql: "REVERSE('abc')", want: "cba"},
	{sql: "REVERSE('héllo')", want: "olléh"},
	{sql: "REVERSE(n)", want: nil},
	{sql: "INSTR('foobarbar', 'bar')", want: 4},
	{sql: "INSTR('xbar', 'foobar')", want: 0},
	{sql: "INSTR('héllo', 'l')", want: 3},
	{sql: "INSTR(n, 'a')", want: nil},
	{sql: "LOCATE('bar', 'foobarbar')", want: 4},
	{sql: "LOCATE('bar', 'foobarbar', 5)", want: 7},
	{sql: "LOCATE('xbar', 'foobar')", want: 0},
	{sql: "LOCATE('', 'abc')", want: 1},
	{sql: "LOCATE('a', 'abc', 0)", want: 0},
	{sql: "LOCATE('a', 'abc', 9)", want: 0},
	{sql: "LOCATE('B', 'abc')", want: 0},
	{sql: "LOCATE(n, 'a')", want: nil},
	{sql: "LPAD('hi', 4, '??')", want: "??hi"},
	{sql: "LPAD('hi', 1, '??')", want: "h"},
	{sql: "LPAD('hi', 5, 'ab')", want: "abahi"},
	{sql: "LPAD('é', 3, 'ü')", want: "üüé"},
	{sql: "LPAD('hi', -1, 'x')", want: nil},
	{sql: "LPAD('hi', 3, '')", want: nil},
	{sql: "LPAD('hi', 2, '')", want: "hi"},
	{sql: "LPAD(n, 2, 'x')", want: nil},
	{sql: "LPAD('hi', 100000000, 'x')", want: nil},
	{sql: "RPAD('hi', 5, '?')", want: "hi???"},
	{sql: "RPAD(i, 3, 0)", want: "700"},
	{sql: "RPAD('hi', n, 'x')", want: nil},
	{sql: "REPEAT('ab', 3)", want: "ababab"},
	{sql: "REPEAT('ab', 0)", want: ""},
	{sql: "REPEAT('ab', -1)", want: ""},
	{sql: "REPEAT(n, 2)", want: nil},
	{sql: "REPEAT('ab', 100000000)", want: nil},
	{sql: "POSITION('bar', 'foobar')", want: 4},
	{sql: "REGEXP_LIKE('abc', '^a')", want: true},
	{sql: "REGEXP_LIKE('Abc', '^a')", want: false},
	{sql: "REGEXP_LIKE('Abc', '^a', 'i')", want: true},
	{sql: "REGEXP_LIKE('Abc', '^a', 'ic')", want: false},
	{sql: "REGEXP_LIKE('a\nb', '^b')", want: false},
	{sql: "REGEXP_LIKE('a\nb', '^b', 'm')", want: true},
	{sql: "REGEXP_LIKE('a\nb', 'a.b')", want: false},
	{sql: "REGEXP_LIKE('a\nb', 'a.b', 'nu')", want: true},
	{sql: "REGEXP_LIKE(i, '^[0-9]+$')", want: true},
	{sql: "REGEXP_LIKE(n, 'a')", want: nil},
	{sql: "REGEXP_LIKE('a', n)", want: nil},
	{sql: "REGEXP_LIKE('a', 'a', n)", want: nil},
	{sql: "REGEXP_LIKE('a', '(')", err: "invalid regular expression"},
	{sql: "REGEXP_LIKE('a', 'a', 'x')", err: "invalid match type 'x' for REGEXP_LIKE"},
	{sql: "REGEXP_LIKE(name, ?)", params: []any{"^Al"}, want: true},
	{sql: "REGEXP_LIKE(name, ?, ?)", params: []any{"^al", "i"}, want: true},
	{sql: "REGEXP_LIKE(name, ?)", params: []any{"("}, err: "invalid regular expression"},
	{sql: "NOT REGEXP_LIKE(name, 'z')", want: true},
}

var mathCases = []tcase{
	{sql: "ABS(-7)", want: 7},
	{sql: "ABS(7)", want: 7},
	{sql: "ABS(-2.5)", want: 2.5},
	{sql: "ABS('-3')", want: 3.0},
	{sql: "ABS(n)", want: nil},
	{sql: "ABS(neg)", err: "BIGINT value is out of range in 'ABS(-9223372036854775808)'"},
	{sql: "CEIL(1.2)", want: 2.0},
	{sql: "CEILING(-1.2)", want: -1.0},
	{sql: "CEIL(5)", want: 5},
	{sql: "CEIL(n)", want: nil},
	{sql: "FLOOR(1.8)", want: 1.0},
	{sql: "FLOOR(-1.2)", want: -2.0},
	{sql: "FLOOR('2.5x')", want: 2.0},
	{sql: "FLOOR(n)", want: nil},
	{sql: "ROUND(2.5)", want: 3.0},
	{sql: "ROUND(-2.5)", want: -3.0},
	{sql: "ROUND(2.4)", want: 2.0},
	{sql: "ROUND(0.5)", want: 1.0},
	{sql: "ROUND(-0.4)", want: 0.0},
	{sql: "ROUND(1.005, 2)", want: 1.01},
	{sql: "ROUND(1.234, 1)", want: 1.2},
	{sql: "ROUND(0.45, 1)", want: 0.5},
	{sql: "ROUND(9.99, 1)", want: 10.0},
	{sql: "ROUND(0.04, 1)", want: 0.0},
	{sql: "ROUND(1234.5, -2)", want: 1200.0},
	{sql: "ROUND(123.456, -5)", want: 0.0},
	{sql: "ROUND(1e300, 2)", want: 1e300},
	{sql: "ROUND(1.5e-10, 10)", want: 2e-10},
	{sql: "ROUND(15, -1)", want: 20},
	{sql: "ROUND(-15, -1)", want: -20},
	{sql: "ROUND(14, -1)", want: 10},
	{sql: "ROUND(7)", want: 7},
	{sql: "ROUND(7, 2)", want: 7},
	{sql: "ROUND(7, -20)", want: 0},
	{sql: "ROUND(big, -1)", err: "BIGINT value is out of range"},
	{sql: "ROUND(n)", want: nil},
	{sql: "ROUND(1.5, n)", want: nil},
	{sql: "TRUNCATE(1.223, 1)", want: 1.2},
	{sql: "TRUNCATE(1.999, 1)", want: 1.9},
	{sql: "TRUNCATE(1.999, 0)", want: 1.0},
	{sql: "TRUNCATE(-1.999, 1)", want: -1.9},
	{sql: "TRUNCATE(122, -2)", want: 100},
	{sql: "TRUNCATE(-129, -1)", want: -120},
	{sql: "TRUNCATE(n, 1)", want: nil},
	{sql: "TRUNCATE(1.5)", err: "function TRUNCATE takes 2 arguments, got 1"},
	{sql: "MOD(234, 10)", want: 4},
	{sql: "MOD(-7, 3)", want: -1},
	{sql: "MOD(7, 0)", err: "division by 0"},
	{sql: "MOD(7.5, 2)", want: 1.5},
	{sql: "MOD(n, 2)", want: nil},
	{sql: "POWER(2, 10)", want: 1024.0},
	{sql: "POW(2, -1)", want: 0.5},
	{sql: "POW(-8, 0.5)", want: nil},
	{sql: "POW(10, 400)", err: "DOUBLE value is out of range in 'POW(10, 400)'"},
	{sql: "POW(n, 2)", want: nil},
	{sql: "SQRT(16)", want: 4.0},
	{sql: "SQRT(-1)", want: nil},
	{sql: "SQRT(n)", want: nil},
	{sql: "SIGN(-5)", want: -1},
	{sql: "SIGN(0)", want: 0},
	{sql: "SIGN(2.5)", want: 1},
	{sql: "SIGN(-0.1)", want: -1},
	{sql: "SIGN(0.0)", want: 0},
	{sql: "SIGN('x')", want: 0},
	{sql: "SIGN(n)", want: nil},
}

var controlCases = []tcase{
	{sql: "DATABASE()", want: "s3db"}, // func_schema.go
	{sql: "SCHEMA()", want: "s3db"},
	{sql: "DATABASE(1)", err: "function DATABASE takes 0 arguments, got 1"},
	{sql: "GREATEST(1, 5, 3)", want: 5},
	{sql: "GREATEST('a', 'b')", want: "b"},
	{sql: "GREATEST(1, n)", want: nil},
	{sql: "GREATEST(t, 'x')", err: "cannot convert 'x' to DATETIME"},
	{sql: "GREATEST(1)", err: "function GREATEST takes at least 2 arguments, got 1"},
	{sql: "LEAST(2, 1.5)", want: 1.5},
	{sql: "LEAST(t, '2025-01-01')", want: testTime},
	{sql: "LEAST(n, 1)", want: nil},
	{sql: "COALESCE(n, n, 3, 4)", want: 3},
	{sql: "COALESCE(n)", want: nil},
	{sql: "COALESCE(1, big + 1)", want: 1},
	{sql: "COALESCE(n, big + 1)", err: "BIGINT value is out of range"},
	{sql: "IFNULL(n, 'x')", want: "x"},
	{sql: "IFNULL(0, 'x')", want: 0},
	{sql: "IFNULL(n, n)", want: nil},
	{sql: "NULLIF(1, 1)", want: nil},
	{sql: "NULLIF(1, 2)", want: 1},
	{sql: "NULLIF(n, 1)", want: nil},
	{sql: "NULLIF(1, n)", want: 1},
	{sql: "NULLIF('a', 'A')", want: "a"},
	{sql: "IF(1 > 0, 'y', 'n')", want: "y"},
	{sql: "IF(n, 'y', 'n')", want: "n"},
	{sql: "IF('0', 'y', 'n')", want: "n"},
	{sql: "IF(FALSE, big + 1, 0)", want: 0},
	{sql: "IF(TRUE, n, 0)", want: nil},
}

var timeCases = []tcase{
	{sql: "NOW()", want: date(2025, 6, 7, 8, 9, 10, 0)},
	{sql: "NOW(3)", want: date(2025, 6, 7, 8, 9, 10, 123000000)},
	{sql: "NOW(6)", want: date(2025, 6, 7, 8, 9, 10, 123456000)},
	{sql: "NOW(7)", err: "too big precision 7 specified for NOW: maximum is 6"},
	{sql: "NOW(n)", err: "NOW precision must not be NULL"},
	{sql: "CURRENT_TIMESTAMP()", want: date(2025, 6, 7, 8, 9, 10, 0)},
	{sql: "LOCALTIME()", want: date(2025, 6, 7, 8, 9, 10, 0)},
	{sql: "LOCALTIMESTAMP()", want: date(2025, 6, 7, 8, 9, 10, 0)},
	{sql: "UTC_TIMESTAMP()", want: date(2025, 6, 7, 8, 9, 10, 0)},
	{sql: "CURDATE()", want: date(2025, 6, 7, 0, 0, 0, 0)},
	{sql: "CURRENT_DATE()", want: date(2025, 6, 7, 0, 0, 0, 0)},
	{sql: "UTC_DATE()", want: date(2025, 6, 7, 0, 0, 0, 0)},
	{sql: "CURDATE(1)", err: "function CURDATE takes 0 arguments, got 1"},
	{sql: "DATE(t)", want: date(2024, 1, 2, 0, 0, 0, 0)},
	{sql: "DATE('2024-05-06 07:08:09')", want: date(2024, 5, 6, 0, 0, 0, 0)},
	{sql: "DATE(20240102)", want: date(2024, 1, 2, 0, 0, 0, 0)},
	{sql: "DATE('junk')", want: nil},
	{sql: "DATE(n)", want: nil},
	{sql: "TIMESTAMP('2024-01-02')", want: date(2024, 1, 2, 0, 0, 0, 0)},
	{sql: "TIMESTAMP('junk')", want: nil},
	{sql: "TIMESTAMP(n)", want: nil},
	{sql: "YEAR(t)", want: 2024},
	{sql: "YEAR('junk')", want: nil},
	{sql: "YEAR(n)", want: nil},
	{sql: "MONTH(t)", want: 1},
	{sql: "MONTH(n)", want: nil},
	{sql: "DAY(t)", want: 2},
	{sql: "DAY(n)", want: nil},
	{sql: "DAYOFMONTH('2024-03-15')", want: 15},
	{sql: "HOUR(t)", want: 3},
	{sql: "HOUR(n)", want: nil},
	{sql: "MINUTE(t)", want: 4},
	{sql: "MINUTE(n)", want: nil},
	{sql: "SECOND(t)", want: 5},
	{sql: "SECOND(n)", want: nil},
	{sql: "MICROSECOND('2024-01-02 03:04:05.123456')", want: 123456},
	{sql: "DAYOFWEEK(t)", want: 3},
	{sql: "WEEKDAY(t)", want: 1},
	{sql: "DAYOFYEAR('2024-12-31')", want: 366},
	{sql: "QUARTER('2024-05-01')", want: 2},
	{sql: "MONTHNAME(t)", want: "January"},
	{sql: "DAYNAME(t)", want: "Tuesday"},
	{sql: "DATEDIFF('2024-01-10', t)", want: 8},
	{sql: "DATEDIFF('2024-01-01 23:59:59', '2024-01-02')", want: -1},
	{sql: "DATEDIFF(n, t)", want: nil},
	{sql: "DATEDIFF('junk', t)", want: nil},
	{sql: "UNIX_TIMESTAMP('1970-01-02')", want: 86400},
	{sql: "UNIX_TIMESTAMP()", want: testNow.Unix()},
	{sql: "UNIX_TIMESTAMP('2024-01-01 00:00:00.5')", want: 1704067200.5},
	{sql: "UNIX_TIMESTAMP('1960-01-01')", want: 0},
	{sql: "UNIX_TIMESTAMP('junk')", want: nil},
	{sql: "UNIX_TIMESTAMP(n)", want: nil},
	{sql: "FROM_UNIXTIME(86400)", want: date(1970, 1, 2, 0, 0, 0, 0)},
	{sql: "FROM_UNIXTIME(1.5)", want: date(1970, 1, 1, 0, 0, 1, 500000000)},
	{sql: "FROM_UNIXTIME(-1)", want: nil},
	{sql: "FROM_UNIXTIME(0, '%Y')", want: "1970"},
	{sql: "FROM_UNIXTIME(n)", want: nil},
	{sql: "DATE_FORMAT(t, '%Y-%m-%d %H:%i:%s')", want: "2024-01-02 03:04:05"},
	{sql: "DATE_FORMAT(t, '%y %b %M %a %W %j %p %T')", want: "24 Jan January Tue Tuesday 002 AM 03:04:05"},
	{sql: "DATE_FORMAT('2024-07-04 15:00:00.25', '%f %h %I %l %k %e %c %D %r %w %S %%')", want: "250000 03 03 3 15 4 7 4th 03:00:00 PM 4 00 %"},
	{sql: "DATE_FORMAT('2024-07-01 00:00:00', '%D %h %p')", want: "1st 12 AM"},
	{sql: "DATE_FORMAT(t, '%Q %')", want: "Q %"},
	{sql: "DATE_FORMAT(t, 'año %Y')", want: "año 2024"},
	{sql: "DATE_FORMAT(n, '%Y')", want: nil},
	{sql: "DATE_FORMAT(t, n)", want: nil},
	{sql: "DATE_FORMAT('junk', '%Y')", want: nil},
	{sql: "t + INTERVAL 1 DAY", want: date(2024, 1, 3, 3, 4, 5, 0)},
	{sql: "t - INTERVAL 2 HOUR", want: date(2024, 1, 2, 1, 4, 5, 0)},
	{sql: "t + INTERVAL 1 WEEK", want: date(2024, 1, 9, 3, 4, 5, 0)},
	{sql: "t + INTERVAL 1.5 SECOND", want: date(2024, 1, 2, 3, 4, 6, 500000000)},
	{sql: "t + INTERVAL 10 MICROSECOND", want: date(2024, 1, 2, 3, 4, 5, 10000)},
	{sql: "'2024-01-31' + INTERVAL 1 MONTH", want: date(2024, 2, 29, 0, 0, 0, 0)},
	{sql: "'2024-02-29' + INTERVAL 1 YEAR", want: date(2025, 2, 28, 0, 0, 0, 0)},
	{sql: "'2024-01-15' - INTERVAL 1 MONTH", want: date(2023, 12, 15, 0, 0, 0, 0)},
	{sql: "DATE_SUB('2024-03-31', 1, #QUARTER)", want: date(2023, 12, 31, 0, 0, 0, 0)},
	{sql: "ADDDATE(t, 2, #MINUTE)", want: date(2024, 1, 2, 3, 6, 5, 0)},
	{sql: "SUBDATE(t, 5, #SECOND)", want: date(2024, 1, 2, 3, 4, 0, 0)},
	{sql: "t + INTERVAL n DAY", want: nil},
	{sql: "'junk' + INTERVAL 1 DAY", want: nil},
	{sql: "'9999-12-31' + INTERVAL 1 DAY", want: nil},
	{sql: "'9999-12-31' + INTERVAL 1 YEAR", want: nil},
	{sql: "t + INTERVAL 9223372036854775807 MONTH", want: nil},
	{sql: "t - INTERVAL 9223372036854775807 SECOND", want: nil},
	{sql: "DATE_ADD(t, 1, #DAY_HOUR)", err: "time unit DAY_HOUR is not supported"},
	{sql: "TIMESTAMPADD(#MINUTE, 5, t)", want: date(2024, 1, 2, 3, 9, 5, 0)},
	{sql: "TIMESTAMPDIFF(#MONTH, '2024-01-31', '2024-02-29')", want: 0},
	{sql: "TIMESTAMPDIFF(#MONTH, '2024-01-31', '2024-03-01')", want: 1},
	{sql: "TIMESTAMPDIFF(#MONTH, '2024-03-01', '2024-01-31')", want: -1},
	{sql: "TIMESTAMPDIFF(#YEAR, '2000-06-01', '2024-05-31')", want: 23},
	{sql: "TIMESTAMPDIFF(#QUARTER, '2024-01-01', '2024-12-31')", want: 3},
	{sql: "TIMESTAMPDIFF(#DAY, t, '2024-01-01')", want: -1},
	{sql: "TIMESTAMPDIFF(#HOUR, '2024-01-01', t)", want: 27},
	{sql: "TIMESTAMPDIFF(#HOUR, n, t)", want: nil},
	{sql: "EXTRACT(YEAR FROM t)", want: 2024},
	{sql: "EXTRACT(QUARTER FROM t)", want: 1},
	{sql: "EXTRACT(MONTH FROM t)", want: 1},
	{sql: "EXTRACT(DAY FROM t)", want: 2},
	{sql: "EXTRACT(HOUR FROM t)", want: 3},
	{sql: "EXTRACT(MINUTE FROM t)", want: 4},
	{sql: "EXTRACT(SECOND FROM t)", want: 5},
	{sql: "EXTRACT(MICROSECOND FROM '2024-01-01 00:00:00.5')", want: 500000},
	{sql: "EXTRACT(WEEK FROM t)", err: "EXTRACT(WEEK FROM ...) is not supported"},
	{sql: "EXTRACT(DAY FROM n)", want: nil},
}

func TestStringFunctions(t *testing.T)  { runCases(t, stringCases) }
func TestMathFunctions(t *testing.T)    { runCases(t, mathCases) }
func TestControlFunctions(t *testing.T) { runCases(t, controlCases) }
func TestTimeFunctions(t *testing.T)    { runCases(t, timeCases) }

func TestUUID(t *testing.T) {
	re := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	x, err := Compile(parseSQL("UUID()"), nil)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := x.Eval(nil)
	b, _ := x.Eval(nil)
	if !re.MatchString(a.(string)) || !re.MatchString(b.(string)) || a == b {
		t.Errorf("UUID() = %v, %v", a, b)
	}
	if _, err := evalSQL("UUID(1)"); err == nil {
		t.Error("UUID(1): no arity error")
	}
}

// TestArity calls every function with one argument too many (or too few)
// and checks the message.
func TestArity(t *testing.T) {
	for name, d := range funcs {
		n := d.max + 1
		if d.max < 0 {
			n = d.min - 1
		}
		if n < 0 {
			continue
		}
		f := &sqlparse.Func{Name: name}
		for range n {
			f.Args = append(f.Args, &sqlparse.Literal{Value: int64(1)})
		}
		_, err := Compile(f, nil)
		if err == nil || !strings.HasPrefix(err.Error(), "function "+name+" takes ") || !strings.HasSuffix(err.Error(), ", got "+itoa(n)) {
			t.Errorf("%s with %d arguments: %v", name, n, err)
		}
	}
}

func itoa(n int) string { return ToString(int64(n)) }

// TestEveryFunctionTested fails when a function of the registry appears in
// no test case.
func TestEveryFunctionTested(t *testing.T) {
	var all strings.Builder
	for _, cs := range [][]tcase{stringCases, mathCases, controlCases, timeCases, jsonCases, castCases, vectorCases} {
		for _, c := range cs {
			all.WriteString(strings.ToUpper(c.sql) + "\n")
		}
	}
	all.WriteString("UUID(")
	var missing []string
	for name := range funcs {
		if !regexp.MustCompile(`\b` + name + `\(`).MatchString(all.String()) {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("functions without a test case: %v", missing)
	}
}
