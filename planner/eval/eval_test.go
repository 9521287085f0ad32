package eval

import (
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/s3db-go/s3db/sqlparse"
)

func TestArithmetic(t *testing.T) {
	runCases(t, []tcase{
		{sql: "1 + 2", want: 3},
		{sql: "i + 1", want: 8},
		{sql: "i - 10", want: -3},
		{sql: "i * 3", want: 21},
		{sql: "i / 2", want: 3.5},
		{sql: "6 / 3", want: 2.0},
		{sql: "i DIV 2", want: 3},
		{sql: "-7 DIV 2", want: -3},
		{sql: "7.5 DIV 2", want: 3},
		{sql: "i % 4", want: 3},
		{sql: "-7 % 3", want: -1},
		{sql: "7 MOD -3", want: 1},
		{sql: "7.5 % 2", want: 1.5},
		{sql: "i / 0", err: "division by 0"},
		{sql: "1.5 / 0.0", err: "division by 0 in '(1.5 / 0)'"},
		{sql: "i DIV 0", err: "division by 0"},
		{sql: "7.5 DIV 0", err: "division by 0"},
		{sql: "i % 0", err: "division by 0"},
		{sql: "7.5 % 0", err: "division by 0"},
		{sql: "f + 1", want: 3.5},
		{sql: "f * 2", want: 5.0},
		{sql: "'3' + 4", want: 7.0},
		{sql: "'12abc' + 1", want: 13.0},
		{sql: "'abc' + 1", want: 1.0},
		{sql: "' 1e2x' * 1", want: 100.0},
		{sql: "b + 1", want: 2},
		{sql: "TRUE + TRUE", want: 2},
		{sql: "t + 0", want: 20240102030405},
		{sql: "n + 1", want: nil},
		{sql: "1 - n", want: nil},
		{sql: "n * n", want: nil},
		{sql: "n / 1", want: nil},
		{sql: "1 / n", want: nil},
		{sql: "n DIV 1", want: nil},
		{sql: "n % 2", want: nil},
		{sql: "-i", want: -7},
		{sql: "-f", want: -2.5},
		{sql: "-'5'", want: -5.0},
		{sql: "-n", want: nil},
		{sql: "-(-i)", want: 7},
		{sql: "+i", want: 7},
		{sql: "big - 1", want: int64(math.MaxInt64 - 1)},
		{sql: "neg + big", want: -1},
		{sql: "neg % -1", want: 0},
		{sql: "big + 1.0", want: 0x1p63},
		{sql: "9223372036854775808", want: uint64(1 << 63)},
		{sql: "0.1 + 0.2", want: 0.30000000000000004},
	})
}

func TestOverflow(t *testing.T) {
	runCases(t, []tcase{
		{sql: "big + 1", err: "BIGINT value is out of range in '(big + 1)'"},
		{sql: "1 + big", err: "BIGINT value is out of range in '(1 + big)'"},
		{sql: "neg - 1", err: "BIGINT value is out of range in '(neg - 1)'"},
		{sql: "0 - neg", err: "BIGINT value is out of range"},
		{sql: "big * 2", err: "BIGINT value is out of range in '(big * 2)'"},
		{sql: "neg * -1", err: "BIGINT value is out of range"},
		{sql: "-1 * neg", err: "BIGINT value is out of range"},
		{sql: "neg DIV -1", err: "BIGINT value is out of range"},
		{sql: "1e300 DIV 0.5", err: "BIGINT value is out of range"},
		{sql: "-neg", err: "BIGINT value is out of range in '-neg'"},
		{sql: "1e308 * 10", err: "DOUBLE value is out of range in '(1e308 * 10)'"},
		{sql: "-1e308 - 1e308", err: "DOUBLE value is out of range"},
		{sql: "9223372036854775807 + 1", err: "BIGINT value is out of range in '(9223372036854775807 + 1)'"},
		{sql: "4611686018427387904 * 2", err: "BIGINT value is out of range"},
		{sql: "4611686018427387904 * -2", want: int64(math.MinInt64)},
		{sql: "-9223372036854775808 + 0", want: int64(math.MinInt64)},
	})
}

func TestComparison(t *testing.T) {
	runCases(t, []tcase{
		{sql: "1 = 1", want: true},
		{sql: "1 = 2", want: false},
		{sql: "1 <> 2", want: true},
		{sql: "1 != 1", want: false},
		{sql: "1 < 2", want: true},
		{sql: "2 <= 2", want: true},
		{sql: "3 > 2", want: true},
		{sql: "2 >= 3", want: false},
		{sql: "1 = 1.0", want: true},
		{sql: "1 < 1.5", want: true},
		{sql: "big = 9223372036854775807", want: true},
		{sql: "big < 9223372036854775808", want: true},
		{sql: "big = 9223372036854775807.0", want: false},
		{sql: "'abc' = 'abc'", want: true},
		{sql: "'abc' = 'ABC'", want: false},
		{sql: "'a' < 'b'", want: true},
		{sql: "'10' < '9'", want: true},
		{sql: "10 < '9'", want: false},
		{sql: "'12abc' = 12", want: true},
		{sql: "'abc' = 0", want: true},
		{sql: "1 = '1.0'", want: true},
		{sql: "t = '2024-01-02 03:04:05'", want: true},
		{sql: "t > '2024-01-01'", want: true},
		{sql: "'2024-01-03' > t", want: true},
		{sql: "t < '2024-01-02T03:04:06Z'", want: true},
		{sql: "t = '2024-01-02T05:04:05+02:00'", want: true},
		{sql: "t = 'garbage'", err: "cannot convert 'garbage' to DATETIME"},
		{sql: "t > 20240101", want: true},
		{sql: "t = 20240102030405", want: true},
		{sql: "t > 5", want: true},
		{sql: "b = 1", want: true},
		{sql: "b = TRUE", want: true},
		{sql: "FALSE = 0", want: true},
		{sql: "bin = 'xyz'", want: true},
		{sql: "bin < 'xz'", want: true},
		{sql: "n = 1", want: nil},
		{sql: "n = n", want: nil},
		{sql: "1 <> n", want: nil},
		{sql: "n < 1", want: nil},
		{sql: "'a' >= n", want: nil},
		{sql: "n <=> n", want: true},
		{sql: "n <=> 1", want: false},
		{sql: "1 <=> n", want: false},
		{sql: "1 <=> 1", want: true},
		{sql: "1 <=> 2", want: false},
		{sql: "s <=> 'abc'", want: true},
		{sql: "t <=> 'garbage'", err: "cannot convert"},
	})
}

func TestLogic(t *testing.T) {
	runCases(t, []tcase{
		{sql: "TRUE AND TRUE", want: true},
		{sql: "TRUE AND FALSE", want: false},
		{sql: "TRUE AND NULL", want: nil},
		{sql: "NULL AND TRUE", want: nil},
		{sql: "FALSE AND NULL", want: false},
		{sql: "NULL AND FALSE", want: false},
		{sql: "NULL AND NULL", want: nil},
		{sql: "TRUE OR NULL", want: true},
		{sql: "NULL OR TRUE", want: true},
		{sql: "FALSE OR NULL", want: nil},
		{sql: "NULL OR FALSE", want: nil},
		{sql: "FALSE OR FALSE", want: false},
		{sql: "NULL OR NULL", want: nil},
		{sql: "TRUE XOR FALSE", want: true},
		{sql: "TRUE XOR TRUE", want: false},
		{sql: "FALSE XOR FALSE", want: false},
		{sql: "TRUE XOR NULL", want: nil},
		{sql: "NULL XOR FALSE", want: nil},
		{sql: "NOT TRUE", want: false},
		{sql: "NOT FALSE", want: true},
		{sql: "NOT NULL", want: nil},
		{sql: "NOT 0", want: true},
		{sql: "NOT 'abc'", want: true},
		{sql: "NOT '1x'", want: false},
		{sql: "NOT 2.5", want: false},
		{sql: "NOT t", want: false},
		{sql: "1 AND 2", want: true},
		{sql: "0 OR 0.0", want: false},
		{sql: "'0.0' OR 0", want: false},
		{sql: "s AND 1", want: false},
		{sql: "FALSE AND big + 1 > 0", want: false},
		{sql: "TRUE OR big + 1 > 0", want: true},
		{sql: "TRUE AND big + 1 > 0", err: "BIGINT value is out of range"},
		{sql: "big + 1 > 0 AND FALSE", err: "BIGINT value is out of range"},
	})
}

func TestIsPredicates(t *testing.T) {
	runCases(t, []tcase{
		{sql: "n IS NULL", want: true},
		{sql: "i IS NULL", want: false},
		{sql: "n IS NOT NULL", want: false},
		{sql: "s IS NOT NULL", want: true},
		{sql: "1 / 0 IS NULL", err: "division by 0"},
		{sql: "1 IS TRUE", want: true},
		{sql: "0 IS TRUE", want: false},
		{sql: "n IS TRUE", want: false},
		{sql: "n IS NOT TRUE", want: true},
		{sql: "0 IS FALSE", want: true},
		{sql: "n IS FALSE", want: false},
		{sql: "n IS NOT FALSE", want: true},
		{sql: "1 IS NOT FALSE", want: true},
		{sql: "'a' IS FALSE", want: true},
		{sql: "(n = 1) IS NULL", want: true},
	})
}

func TestIn(t *testing.T) {
	runCases(t, []tcase{
		{sql: "1 IN (1, 2)", want: true},
		{sql: "3 IN (1, 2)", want: false},
		{sql: "1 IN (2, NULL)", want: nil},
		{sql: "1 IN (1, NULL)", want: true},
		{sql: "3 IN (1, 2, NULL)", want: nil},
		{sql: "'z' IN ('a', 'b', NULL)", want: nil},
		{sql: "n IN (1, 2)", want: nil},
		{sql: "n IN (NULL)", want: nil},
		{sql: "1 NOT IN (2, NULL)", want: nil},
		{sql: "1 NOT IN (2, 3)", want: true},
		{sql: "1 NOT IN (1, NULL)", want: false},
		{sql: "n NOT IN (1)", want: nil},
		{sql: "'1' IN (1, 2)", want: true},
		{sql: "1 IN ('1', 'x')", want: true},
		{sql: "s IN ('x', 'abc')", want: true},
		{sql: "s IN ('ABC', 'x')", want: false},
		{sql: "i IN (7.0, 8)", want: true},
		{sql: "i IN (7)", want: true},
		{sql: "i IN (n, i)", want: true},
		{sql: "i IN (1, 'x', 7)", want: true},
		{sql: "f IN (2, 3)", want: false},
		{sql: "f IN (2.5, 3)", want: true},
		{sql: "b IN (1, 2)", want: true},
		{sql: "age IN (?, ?)", params: []any{int64(1), int64(30)}, want: true},
		{sql: "t IN ('2024-01-02 03:04:05', 'x')", want: true},
		{sql: "t IN ('x', '2024-01-02 03:04:05')", err: "cannot convert 'x' to DATETIME"},
	})
}

func TestBetween(t *testing.T) {
	runCases(t, []tcase{
		{sql: "5 BETWEEN 1 AND 10", want: true},
		{sql: "1 BETWEEN 1 AND 1", want: true},
		{sql: "0 BETWEEN 1 AND 10", want: false},
		{sql: "i NOT BETWEEN 1 AND 5", want: true},
		{sql: "n BETWEEN 1 AND 2", want: nil},
		{sql: "5 BETWEEN n AND 10", want: nil},
		{sql: "5 BETWEEN n AND 1", want: false},
		{sql: "5 BETWEEN 10 AND n", want: false},
		{sql: "5 NOT BETWEEN n AND 1", want: true},
		{sql: "5 NOT BETWEEN n AND 10", want: nil},
		{sql: "'b' BETWEEN 'a' AND 'c'", want: true},
		{sql: "t BETWEEN '2024-01-01' AND '2024-01-03'", want: true},
		{sql: "t BETWEEN '2024-01-01' AND 'x'", err: "cannot convert"},
		{sql: "f BETWEEN 2 AND 3", want: true},
	})
}

func TestCase(t *testing.T) {
	runCases(t, []tcase{
		{sql: "CASE WHEN i > 5 THEN 'big' ELSE 'small' END", want: "big"},
		{sql: "CASE WHEN i > 50 THEN 'big' ELSE 'small' END", want: "small"},
		{sql: "CASE i WHEN 1 THEN 'one' WHEN 7 THEN 'seven' END", want: "seven"},
		{sql: "CASE i WHEN 1 THEN 'one' END", want: nil},
		{sql: "CASE n WHEN NULL THEN 'null' ELSE 'other' END", want: "other"},
		{sql: "CASE WHEN n THEN 1 WHEN 0 THEN 2 ELSE 3 END", want: 3},
		{sql: "CASE WHEN 1 THEN 'a' WHEN big + 1 THEN 'b' END", want: "a"},
		{sql: "CASE WHEN 0 THEN big + 1 ELSE 0 END", want: 0},
		{sql: "CASE 's' WHEN 'S' THEN 1 ELSE 0 END", want: 0},
		{sql: "CASE '7' WHEN i THEN 'num' END", want: "num"},
		{sql: "CASE t WHEN 'x' THEN 1 END", err: "cannot convert"},
	})
}

func TestParams(t *testing.T) {
	loc := time.FixedZone("X", 3600)
	runCases(t, []tcase{
		{sql: "? + 1", params: []any{41}, want: 42},
		{sql: "? + 1", params: []any{int32(41)}, want: 42},
		{sql: "? * 2", params: []any{float32(1.5)}, want: 3.0},
		{sql: "? = 'x'", params: []any{"x"}, want: true},
		{sql: "? IS NULL", params: []any{nil}, want: true},
		{sql: "?", params: []any{[]byte("b")}, want: []byte("b")},
		{sql: "HOUR(?)", params: []any{time.Date(2024, 1, 1, 10, 0, 0, 0, loc)}, want: 9},
		{sql: "? + ?", params: []any{1}, err: "placeholder ?2 has no value: 1 given"},
		{sql: "?", err: "placeholder ?1 has no value: 0 given"},
		{sql: "?", params: []any{uint64(1 << 63)}, want: uint64(1 << 63)},
		{sql: "?", params: []any{uint64(5)}, want: uint64(5)},
		{sql: "?", params: []any{struct{}{}}, err: "unsupported value type struct {}"},
	})
}

func TestCompileErrors(t *testing.T) {
	runCases(t, []tcase{
		{sql: "nosuch + 1", err: "unknown column 'nosuch' in 'where clause'"},
		{sql: "u.i + 1", err: "unknown column 'u.i'"},
		{sql: "FOO(1)", err: "unknown function FOO"},
		{sql: "LOWER('a', 'b')", err: "function LOWER takes 1 argument, got 2"},
		{sql: "SUBSTRING('a')", err: "function SUBSTRING takes 2 or 3 arguments, got 1"},
		{sql: "CONCAT()", err: "function CONCAT takes at least 1 argument, got 0"},
		{sql: "IF(1, 2)", err: "function IF takes 3 arguments, got 2"},
		{sql: "NOW(1, 2)", err: "function NOW takes 0 or 1 argument, got 2"},
		{sql: "COUNT(*) + 1", err: "aggregate COUNT is not allowed here"},
		{sql: "1 + sum(i)", err: "aggregate SUM is not allowed here"},
		{sql: "LOWER(DISTINCT s)", err: "LOWER is not an aggregate function"},
		{sql: "~1", err: "operator ~ is not supported"},
		{sql: "CAST('[1,' AS VECTOR)", err: "CAST to VECTOR: not a vector"},
		{sql: "CAST(1 AS GEOMETRY)", err: "CAST to GEOMETRY is not supported"},
		{sql: "i IN ()", err: "IN requires at least one value"},
	})
	for _, e := range []sqlparse.Expr{
		nil,
		&sqlparse.Literal{Value: struct{}{}},
		&sqlparse.Binary{Op: "^", L: &sqlparse.Literal{}, R: &sqlparse.Literal{}},
		&sqlparse.Unary{Op: "?", X: &sqlparse.Literal{}},
		&sqlparse.Cast{X: &sqlparse.Literal{}, Type: sqlparse.TypeSpec{Name: "YEAR", Length: -1, Scale: -1}},
		&sqlparse.Cast{X: &sqlparse.Literal{}, Type: sqlparse.TypeSpec{Name: "DECIMAL", Length: 70, Scale: 2}},
	} {
		if _, err := Compile(e, nil); err == nil {
			t.Errorf("Compile(%#v): no error", e)
		}
	}
	if _, err := Compile(parseSQL("i"), nil); err == nil || err.Error() != "unknown column 'i'" {
		t.Errorf("nil scope: %v", err)
	}
}

func TestConstAndFolding(t *testing.T) {
	cases := []struct {
		sql          string
		isConst, lit bool
	}{
		{"1 + 2", true, true},
		{"LOWER('ABC') = 'abc'", true, true},
		{"i + 1", false, false},
		{"? + 1", true, false},
		{"NOW()", true, false},
		{"UUID()", false, false},
		{"LOWER(UUID())", false, false},
		{"CASE WHEN 1 THEN 2 END", true, true},
		{"9223372036854775807 + 1", true, false}, // folding failed: reported at run time
		{"JSON_OBJECT('a', 1)", true, true},
	}
	for _, c := range cases {
		x, err := Compile(parseSQL(c.sql), cols)
		if err != nil {
			t.Fatalf("%s: %v", c.sql, err)
		}
		if x.IsConst() != c.isConst || x.konst != c.lit {
			t.Errorf("%s: IsConst=%v folded=%v, want %v %v", c.sql, x.IsConst(), x.konst, c.isConst, c.lit)
		}
	}
	if v, ok, err := Const(parseSQL("1 + ?"), []any{int64(2)}); v != int64(3) || !ok || err != nil {
		t.Errorf("Const(1 + ?) = %v %v %v", v, ok, err)
	}
	if v, ok, err := Const(parseSQL("i + 1"), nil); v != nil || ok || err != nil {
		t.Errorf("Const(i + 1) = %v %v %v", v, ok, err)
	}
	if _, ok, err := Const(parseSQL("FOO()"), nil); ok || err == nil {
		t.Errorf("Const(FOO()) = %v %v", ok, err)
	}
	if _, ok, err := Const(parseSQL("9223372036854775807 + 1"), nil); ok || err == nil {
		t.Errorf("Const(overflow) = %v %v", ok, err)
	}
	if v, _, _ := Const(parseSQL("YEAR(NOW()) > 2000"), nil); v != true {
		t.Errorf("Const(NOW) = %v", v)
	}
}

func TestEvalEnv(t *testing.T) {
	x, _ := Compile(parseSQL("1 + 1"), nil)
	if v, err := x.Eval(nil); v != int64(2) || err != nil {
		t.Errorf("Eval(nil) = %v %v", v, err)
	}
	x, _ = Compile(parseSQL("NOW()"), nil)
	v, _ := x.Eval(&Env{})
	if d := time.Since(v.(time.Time)); d < 0 || d > 5*time.Second {
		t.Errorf("NOW() with a zero Env.Now = %v", v)
	}
	x, _ = Compile(parseSQL("age"), cols)
	if _, err := x.Eval(&Env{Row: []any{1}}); err == nil || !strings.Contains(err.Error(), "column 'age' is at index 8 of a row of 1 values") {
		t.Errorf("short row: %v", err)
	}
	// NOW() is the statement's time in every row.
	x, _ = Compile(parseSQL("NOW(6)"), nil)
	env := &Env{Now: testNow}
	a, _ := x.Eval(env)
	time.Sleep(time.Millisecond)
	b, _ := x.Eval(env)
	if !a.(time.Time).Equal(b.(time.Time)) || !a.(time.Time).Equal(testNow.Truncate(time.Microsecond)) {
		t.Errorf("NOW(6) = %v then %v", a, b)
	}
}

// TestConcurrentEval runs one compiled Expr from many goroutines (run with
// -race): the run-time LIKE pattern cache must be safe.
func TestConcurrentEval(t *testing.T) {
	x, err := Compile(parseSQL("name LIKE ? AND age > ? AND JSON_EXTRACT(j, ?) = '\"x\"'"), cols)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pats := []string{"A%", "%ce", "B%"}
			for i := range 200 {
				p := pats[(g+i)%len(pats)]
				v, err := x.Eval(&Env{Row: testRow(), Params: []any{p, int64(1), "$.s"}})
				if err != nil || v != (p != "B%") {
					t.Errorf("%s: %v %v", p, v, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
