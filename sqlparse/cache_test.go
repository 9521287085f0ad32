package sqlparse

import (
	"fmt"
	"testing"
)

func TestParseCached(t *testing.T) {
	a, err := ParseCached("SELECT a FROM t WHERE id = ?")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := ParseCached("SELECT a FROM t WHERE id = ?")
	if &a[0] != &b[0] {
		t.Error("the same text was parsed twice")
	}
	if _, err := ParseCached("SELEC nope"); err == nil {
		t.Error("a syntax error was cached as a success")
	}
	for i := 0; i < 2*cacheLimit; i++ {
		if _, err := ParseCached(fmt.Sprintf("SELECT %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	cacheMu.Lock()
	n := len(cached)
	cacheMu.Unlock()
	if n > cacheLimit {
		t.Errorf("cache holds %d texts, limit %d", n, cacheLimit)
	}
}

func BenchmarkParseCached(b *testing.B) {
	for i := 0; i < b.N; i++ {
		ParseCached("SELECT id, name FROM users WHERE age > ? ORDER BY name LIMIT 10")
	}
}
