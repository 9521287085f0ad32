package planner_test

import (
	"flag"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/s3db-go/s3db/planner"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

func testCatalog(t *testing.T) *schema.Catalog {
	t.Helper()
	cat := &schema.Catalog{Tables: map[string]*schema.Table{}}
	for _, ddl := range []string{
		`CREATE TABLE users (id VARCHAR(22) PRIMARY KEY, name VARCHAR(100) NOT NULL, age INT, team VARCHAR(10))`,
		`CREATE TABLE events (seq BIGINT PRIMARY KEY, kind TEXT, at DATETIME)`,
		`CREATE TABLE orders (id INT PRIMARY KEY, userId VARCHAR(22), total DOUBLE)`,
		`CREATE TABLE items (id INT PRIMARY KEY, shop VARCHAR(10), status VARCHAR(10), price DOUBLE, INDEX byShop (shop, status, price), INDEX byPrice (price))`,
	} {
		stmts, err := sqlparse.Parse(ddl)
		if err != nil {
			t.Fatal(err)
		}
		tbl, err := schema.NewTable(stmts[0].(*sqlparse.CreateTable), "", time.Unix(0, 0))
		if err != nil {
			t.Fatal(err)
		}
		cat.Put(tbl)
	}
	return cat
}

// TestExplainGolden pins the plans (access paths and operators) chosen for a
// corpus of statements: testdata/explain.golden. Run with -update to accept changes.
func TestExplainGolden(t *testing.T) {
	corpus := []string{
		`SELECT * FROM users WHERE id = ?`,
		`SELECT name FROM users WHERE id IN ('a', 'b') AND age > 3`,
		`SELECT name FROM users WHERE ? = id`,
		`SELECT name FROM users WHERE id = 'a' OR age > 3`,
		`SELECT name FROM users WHERE age > ? ORDER BY name LIMIT 10`,
		`SELECT name FROM users ORDER BY age DESC, name LIMIT 5 OFFSET 10`,
		`SELECT name FROM users ORDER BY age`,
		`SELECT id FROM users LIMIT 3`,
		`SELECT COUNT(*) FROM users`,
		`SELECT COUNT(*) FROM users WHERE team = 'red'`,
		`SELECT team, COUNT(*) AS n, AVG(age) FROM users GROUP BY team HAVING n > 1 ORDER BY n DESC`,
		`SELECT DISTINCT team FROM users`,
		`SELECT u.name FROM users AS u WHERE u.id = 'x'`,
		`SELECT * FROM events WHERE seq = 42`,
		`SELECT 1 + 2`,
		`INSERT INTO users (name, age) VALUES ('a', 1), ('b', 2)`,
		`UPDATE users SET age = age + 1 WHERE id = ?`,
		`UPDATE users SET team = 'x' WHERE age > 30 LIMIT 5`,
		`DELETE FROM users WHERE team IS NULL`,
		`DELETE FROM users WHERE id = 'a'`,
		`SELECT u.name, o.total FROM users u JOIN orders o ON o.userId = u.id WHERE u.age > 30`,
		`SELECT o.id, u.name FROM orders o JOIN users u ON u.id = o.userId WHERE o.id = ?`,
		`SELECT o.id, u.name FROM orders o LEFT JOIN users u ON u.id = o.userId AND u.age > 3 WHERE u.team = 'x'`,
		`SELECT a.name, b.name FROM users a JOIN users b ON a.team = b.team AND a.id < b.id`,
		`SELECT COUNT(*) FROM users a CROSS JOIN events b`,
		`SELECT name FROM users WHERE id IN (SELECT userId FROM orders WHERE total > 10)`,
		`SELECT name FROM users WHERE id NOT IN (SELECT userId FROM orders)`,
		`SELECT name FROM users u WHERE age > 1 AND EXISTS (SELECT 1 FROM orders o WHERE o.userId = u.id AND o.total > u.age)`,
		`SELECT name FROM users u WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.userId = u.id)`,
		`SELECT name FROM users UNION SELECT kind FROM events UNION ALL SELECT 'x' ORDER BY 1 DESC LIMIT 3`,
		`SELECT * FROM items WHERE shop = 'a'`,
		`SELECT * FROM items WHERE shop IN ('a', 'b') AND status = 'new'`,
		`SELECT * FROM items WHERE shop = ? AND status = 'new' AND price BETWEEN 1 AND 9`,
		`SELECT id FROM items WHERE price > 10 AND price <= 20`,
		`SELECT COUNT(*) FROM items WHERE shop = 'a' AND status = 'new'`,
		`SELECT id FROM items WHERE status = 'new'`,
		`SELECT id FROM items WHERE id = 3 AND shop = 'a'`,
		`UPDATE items SET price = price * 2 WHERE shop = 'a'`,
		`SHOW TABLES`,
		`DESCRIBE users`,
		`DROP TABLE IF EXISTS users, events`,
	}
	cat := testCatalog(t)
	var out strings.Builder
	for _, q := range corpus {
		stmts, err := sqlparse.Parse(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		plan, err := planner.Plan(stmts[0], cat, planner.Options{})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		out.WriteString("> " + q + "\n")
		for _, l := range planner.ExplainLines(plan) {
			out.WriteString(l.Text + "\n")
		}
		out.WriteString("\n")
	}
	golden(t, "testdata/explain.golden", out.String())
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update to accept):\n%s", path, got)
	}
}

// TestPlanErrors: bad statements fail at planning, before any request.
func TestPlanErrors(t *testing.T) {
	cat := testCatalog(t)
	for _, c := range []struct{ sql, err string }{
		{`SELECT * FROM nope`, "table 'nope' doesn't exist"},
		{`SELECT nme FROM users`, "unknown column 'nme' in 'field list'"},
		{`SELECT name FROM users WHERE agee = 1`, "unknown column 'agee' in 'where clause'"},
		{`SELECT name FROM users ORDER BY bogus`, "unknown column 'bogus' in 'order clause'"},
		{`SELECT name, COUNT(*) FROM users`, "column 'name' in 'field list' is neither in GROUP BY"},
		{`SELECT team FROM users GROUP BY team HAVING age > 1`, "column 'age' in 'having clause' is neither in GROUP BY"},
		{`SELECT COUNT(MAX(age)) FROM users`, "cannot be nested"},
		{`SELECT name FROM users WHERE COUNT(*) > 1`, "COUNT"},
		{`SELECT name FROM users GROUP BY COUNT(*)`, "not allowed in GROUP BY"},
		{`SELECT x.name FROM users`, "unknown column 'x.name'"},
		{`SELECT x.* FROM users`, "unknown table 'x'"},
		{`SELECT DISTINCT name FROM users ORDER BY age`, "DISTINCT"},
		{`INSERT INTO users (name, name) VALUES ('a', 'b')`, "specified twice"},
		{`INSERT INTO users (name) VALUES (age)`, "must be a constant"},
		{`INSERT INTO users (nme) VALUES ('a')`, "unknown column 'nme'"},
		{`INSERT INTO users (name, age) VALUES ('a')`, "column count doesn't match value count at row 1"},
		{`UPDATE users SET id = 'x'`, "primary key"},
		{`UPDATE users SET nope = 1`, "unknown column 'nope'"},
		{`DELETE FROM users WHERE nope = 1`, "unknown column 'nope' in 'where clause'"},
		{`BEGIN`, "transactions are not supported yet"},
		{`DESCRIBE nope`, "table 'nope' doesn't exist"},
	} {
		stmts, err := sqlparse.Parse(c.sql)
		if err != nil {
			t.Fatalf("%s: %v", c.sql, err)
		}
		_, err = planner.Plan(stmts[0], cat, planner.Options{})
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s: got error %v, want one containing %q", c.sql, err, c.err)
		}
	}
}
