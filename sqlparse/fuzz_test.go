package sqlparse

import (
	"errors"
	"testing"
)

// FuzzParse checks that Parse never panics, that its errors are *Error with
// a position, and that placeholders are numbered 0..n-1 without gaps.
// Run with: go test -fuzz=FuzzParse ./sqlparse/
func FuzzParse(f *testing.F) {
	for _, cases := range loadCorpus(f) {
		for _, c := range cases {
			f.Add(c.sql)
		}
	}
	f.Fuzz(func(t *testing.T, sql string) {
		stmts, err := Parse(sql)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *Error: %v", err, err)
			}
			if e.Pos.Line < 1 || e.Pos.Col < 1 {
				t.Fatalf("error without position: %+v", e)
			}
			return
		}
		seen := map[*Param]bool{}
		for _, s := range stmts {
			walkStmt(s, func(e Expr) {
				if p, ok := e.(*Param); ok {
					seen[p] = true
				}
			})
		}
		indexes := make([]bool, len(seen))
		for p := range seen {
			if p.Index >= len(seen) || indexes[p.Index] {
				t.Fatalf("%d placeholders, but index %d is out of range or taken twice", len(seen), p.Index)
			}
			indexes[p.Index] = true
		}
		if n := NumParams(stmts); n != len(seen) {
			t.Fatalf("NumParams = %d, want %d", n, len(seen))
		}
	})
}
