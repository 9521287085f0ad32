package eval

import (
	"testing"
)

func benchEval(b *testing.B, sql string, params ...any) {
	x, err := Compile(parseSQL(sql), cols)
	if err != nil {
		b.Fatal(err)
	}
	env := &Env{Row: testRow(), Params: params, Now: testNow}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := x.Eval(env); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWhere is the typical filter of a full scan.
func BenchmarkWhere(b *testing.B) { benchEval(b, "age > ? AND name LIKE 'A%'", int64(18)) }

func BenchmarkWhereParamPattern(b *testing.B) {
	benchEval(b, "age > ? AND name LIKE ?", int64(18), "%li_e")
}

func BenchmarkInList(b *testing.B) {
	benchEval(b, "age IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 30)")
}

func BenchmarkFunc(b *testing.B) { benchEval(b, "LOWER(name) = 'alice'") }

func BenchmarkArithmetic(b *testing.B) { benchEval(b, "(i * 3 + age) / 2 > f") }

func BenchmarkJSONExtract(b *testing.B) { benchEval(b, "j->>'$.a.b[1]' = '20'") }

func BenchmarkCompile(b *testing.B) {
	e := parseSQL("age > ? AND name LIKE 'A%' AND COALESCE(s, 'x') IN ('a', 'b', 'c')")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile(e, cols); err != nil {
			b.Fatal(err)
		}
	}
}
