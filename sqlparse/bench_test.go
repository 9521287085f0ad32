package sqlparse

import "testing"

func BenchmarkParse(b *testing.B) {
	for _, bm := range []struct{ name, sql string }{
		{"select", "SELECT id, name, COUNT(*) AS n FROM users WHERE age > ? AND status IN ('a', 'b') GROUP BY id, name ORDER BY n DESC LIMIT 10"},
		{"insert", "INSERT INTO orders (id, userId, status, total) VALUES (?, ?, 'new', 10.5), (?, ?, 'paid', 20)"},
		{"create", "CREATE TABLE t (id VARCHAR(22) PRIMARY KEY, n INT NOT NULL DEFAULT 0, INDEX byN (n)) BEHAVIOR = 'body-overflow' TIMESTAMPS = ON"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(bm.sql); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
