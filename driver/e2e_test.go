package driver_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	s3db "github.com/s3db-go/s3db/driver"
)

// TestWalkingSkeleton is the user story, on every backend.
func TestWalkingSkeleton(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		mustExec(t, db, `CREATE TABLE users (id VARCHAR(22) PRIMARY KEY, name VARCHAR(100) NOT NULL, age INT)`)
		res := mustExec(t, db, `INSERT INTO users (name, age) VALUES (?, ?), (?, ?), (?, ?)`, "Ana", 31, "Bo", 40, "Cy", 25)
		if n, _ := res.RowsAffected(); n != 3 {
			t.Fatalf("inserted %d rows, want 3", n)
		}
		rows := queryRows(t, db, `SELECT id, name FROM users WHERE age > ? ORDER BY name LIMIT 10`, 30)
		if len(rows) != 2 || rows[0][1] != "Ana" || rows[1][1] != "Bo" {
			t.Fatalf("got %v, want Ana and Bo", rows)
		}
		for _, r := range rows {
			if len(r[0]) != 22 {
				t.Errorf("generated id %q has %d characters, want 22", r[0], len(r[0]))
			}
		}
		id := rows[0][0]
		res = mustExec(t, db, `UPDATE users SET age = age + 1 WHERE id = ?`, id)
		if n, _ := res.RowsAffected(); n != 1 {
			t.Errorf("update affected %d rows, want 1", n)
		}
		wantRows(t, db, "Ana,32", `SELECT name, age FROM users WHERE id = ?`, id)
		res = mustExec(t, db, `DELETE FROM users WHERE id = ?`, id)
		if n, _ := res.RowsAffected(); n != 1 {
			t.Errorf("delete affected %d rows, want 1", n)
		}
		wantRows(t, db, "2", `SELECT COUNT(*) FROM users`)
		wantRows(t, db, "", `SELECT name FROM users WHERE id = ?`, id)

		// A second sql.DB on the same DSN (a new process for file:) sees the data.
		db2 := open(t, dsn)
		wantRows(t, db2, "Bo,40;Cy,25", `SELECT name, age FROM users ORDER BY age DESC`)
	})
}

func TestTypesRoundTrip(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		mustExec(t, db, `CREATE TABLE t (
			id VARCHAR(40) PRIMARY KEY, s VARCHAR(200), txt TEXT, i INT, b BIGINT,
			d DOUBLE, ok BOOLEAN, at DATETIME, doc JSON)`)
		at := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
		cases := []struct {
			id   string
			args []any
		}{
			{"plain", []any{"hello", "world", 42, int64(1) << 40, 3.25, true, at, `{"a":[1,2,{"b":null}]}`}},
			{"unicode", []any{"José 東京 🎉", "  leading and trailing  ", -2147483648, int64(-9223372036854775808), -1e-7, false, at.Add(time.Hour), `"x"`}},
			{"tricky", []any{"~u%41", "", 2147483647, int64(9223372036854775807), 1e300, true, at, `[]`}},
			{"nulls", []any{nil, nil, nil, nil, nil, nil, nil, nil}},
			{"a/b=c%d é", []any{"key with / = % and space", "x", 0, 0, 0.0, false, at, `{}`}},
		}
		for _, c := range cases {
			mustExec(t, db, `INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, append([]any{c.id}, c.args...)...)
		}
		for _, c := range cases {
			var (
				s, txt sql.NullString
				i, b   sql.NullInt64
				d      sql.NullFloat64
				ok     sql.NullBool
				tm     sql.NullTime
				doc    sql.NullString
			)
			err := db.QueryRow(`SELECT s, txt, i, b, d, ok, at, doc FROM t WHERE id = ?`, c.id).Scan(&s, &txt, &i, &b, &d, &ok, &tm, &doc)
			if err != nil {
				t.Fatalf("%s: %v", c.id, err)
			}
			got := []any{nullable(s), nullable(txt), nullable(i), nullable(b), nullable(d), nullable(ok), nullable(tm), nullable(doc)}
			want := make([]any, len(c.args))
			for k, a := range c.args {
				switch x := a.(type) {
				case int:
					want[k] = int64(x)
				default:
					want[k] = a
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s:\n got %#v\nwant %#v", c.id, got, want)
			}
		}
	})
}

func nullable(v any) any {
	switch x := v.(type) {
	case sql.NullString:
		if x.Valid {
			return x.String
		}
	case sql.NullInt64:
		if x.Valid {
			return x.Int64
		}
	case sql.NullFloat64:
		if x.Valid {
			return x.Float64
		}
	case sql.NullBool:
		if x.Valid {
			return x.Bool
		}
	case sql.NullTime:
		if x.Valid {
			return x.Time
		}
	}
	return nil
}

func TestLargeRowsOverflowToBody(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		mustExec(t, db, `CREATE TABLE docs (id VARCHAR(22) PRIMARY KEY, title VARCHAR(100), body MEDIUMTEXT, note TEXT)`)
		for _, size := range []int{100, 2 * 1024, 50 * 1024} {
			body := strings.ToValidUTF8(strings.Repeat("é-lorem ", size/9+1)[:size], "")
			id := fmt.Sprintf("doc%d", size)
			mustExec(t, db, `INSERT INTO docs VALUES (?, ?, ?, ?)`, id, "title", body, "small note")
			var got, title string
			if err := db.QueryRow(`SELECT body, title FROM docs WHERE id = ?`, id).Scan(&got, &title); err != nil {
				t.Fatal(err)
			}
			if got != body || title != "title" {
				t.Fatalf("size %d: round trip changed the row (len %d, title %q)", size, len(got), title)
			}
			// Shrink the row: no stale body field may come back.
			mustExec(t, db, `UPDATE docs SET body = ? WHERE id = ?`, "short", id)
			wantRows(t, db, "short,small note", `SELECT body, note FROM docs WHERE id = ?`, id)
		}
	})
}

func TestConstraintsWriteNothing(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		mustExec(t, db, `CREATE TABLE orders (id VARCHAR(22) PRIMARY KEY, status VARCHAR(10) NOT NULL DEFAULT 'new', qty INT NOT NULL, at DATETIME DEFAULT CURRENT_TIMESTAMP)`)
		mustExec(t, db, `INSERT INTO orders (id, qty) VALUES ('o1', 1)`)
		wantRows(t, db, "o1,new,1", `SELECT id, status, qty FROM orders`)
		var at time.Time
		if err := db.QueryRow(`SELECT at FROM orders WHERE id = 'o1'`).Scan(&at); err != nil || time.Since(at) > time.Hour {
			t.Errorf("DEFAULT CURRENT_TIMESTAMP gave %v, %v", at, err)
		}
		for _, c := range []struct{ sql, err string }{
			{`INSERT INTO orders (id, qty) VALUES ('o2', 1), ('o3', NULL)`, "column 'qty' cannot be null"},
			{`INSERT INTO orders (id) VALUES ('o2')`, "column 'qty' cannot be null"},
			{`INSERT INTO orders (id, qty) VALUES ('o2', 'many')`, "cannot store 'many' as INT"},
			{`INSERT INTO orders (id, qty, status) VALUES ('o2', 1, 'much too long status')`, "20 characters, max 10"},
			{`INSERT INTO orders (id, qty) VALUES ('o2', 1), ('o1', 2)`, "duplicate entry 'o1'"},
			{`INSERT INTO orders (id, qty) VALUES ('o2', 1), ('o2', 2)`, "duplicate entry 'o2'"},
			{`INSERT INTO orders (id, qty) VALUES ('o2', 99999999999)`, "out of range"},
			{`UPDATE orders SET qty = NULL WHERE id = 'o1'`, "column 'qty' cannot be null"},
			{`INSERT INTO nope VALUES (1)`, "table 'nope' doesn't exist"},
			{`INSERT INTO orders (id, bogus) VALUES ('o2', 1)`, "unknown column 'bogus'"},
			{`INSERT INTO orders (id, qty) VALUES ('o2')`, "column count doesn't match value count at row 1"},
		} {
			_, err := db.Exec(c.sql)
			wantErr(t, err, c.err)
		}
		wantRows(t, db, "o1,new,1", `SELECT id, status, qty FROM orders`)
	})
}

func TestDuplicateKeyCode(t *testing.T) {
	db := open(t, "mem://")
	mustExec(t, db, `CREATE TABLE t (id INT PRIMARY KEY, v TEXT)`)
	mustExec(t, db, `INSERT INTO t VALUES (1, 'a')`)
	_, err := db.Exec(`INSERT INTO t VALUES (1, 'b')`)
	var e *s3db.Error
	if !errors.As(err, &e) || e.Code != s3db.CodeDuplicateKey {
		t.Fatalf("got %v, want a *driver.Error with CodeDuplicateKey", err)
	}
	wantRows(t, db, "1,a", `SELECT * FROM t`)
}

// TestConcurrentIncrements: read-modify-write with If-Match loses nothing.
func TestConcurrentIncrements(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		mustExec(t, db, `CREATE TABLE counters (id VARCHAR(10) PRIMARY KEY, n INT NOT NULL)`)
		mustExec(t, db, `INSERT INTO counters VALUES ('c', 0)`)
		const workers, each = 8, 5
		other := open(t, dsn) // a second client with its own connector
		var wg sync.WaitGroup
		errs := make(chan error, workers*each)
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(db *sql.DB) {
				defer wg.Done()
				for i := 0; i < each; i++ {
					if _, err := db.Exec(`UPDATE counters SET n = n + 1 WHERE id = 'c'`); err != nil {
						errs <- err
					}
				}
			}([]*sql.DB{db, other}[w%2])
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		wantRows(t, db, fmt.Sprint(workers*each), `SELECT n FROM counters WHERE id = 'c'`)
	})
}

// TestConcurrentCreateTable: two clients creating tables at once both succeed.
func TestConcurrentCreateTable(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		const n = 6
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				client := open(t, dsn)
				_, errs[i] = client.Exec(fmt.Sprintf(`CREATE TABLE t%d (id INT PRIMARY KEY)`, i))
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		wantRows(t, open(t, dsn), "t0;t1;t2;t3;t4;t5", `SHOW TABLES`)
	})
}

func TestQueries(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		mustExec(t, db, `CREATE TABLE p (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, team VARCHAR(5), score DOUBLE)`)
		mustExec(t, db, `INSERT INTO p VALUES (1,'ana','red',10), (2,'bo','blue',7.5), (3,'cy','red',NULL), (4,'di','blue',3), (5,'ed',NULL,8)`)
		for _, c := range []struct{ want, sql string }{
			{"1,ana;3,cy", `SELECT id, name FROM p WHERE team = 'red' ORDER BY id`},
			{"ed;di;cy", `SELECT name FROM p ORDER BY name DESC LIMIT 3`},
			{"cy;bo", `SELECT name FROM p ORDER BY name DESC LIMIT 2 OFFSET 2`},
			{"5", `SELECT COUNT(*) FROM p`},
			{"2", `SELECT COUNT(*) FROM p WHERE team = 'red'`},
			{"4", `SELECT COUNT(score) FROM p`},
			{"NULL,1;blue,2;red,2", `SELECT team, COUNT(*) FROM p GROUP BY team ORDER BY team`},
			{"NULL,8;blue,10.5", `SELECT team, SUM(score) AS s FROM p GROUP BY team HAVING s > 5 AND s < 10 OR team = 'blue' ORDER BY team`},
			{"red;blue;NULL", `SELECT DISTINCT team FROM p ORDER BY team DESC`},
			{"2,4", `SELECT id, id * 2 FROM p WHERE id = 2`},
			{"1;3", `SELECT id FROM p WHERE id IN (3, 1, 99) ORDER BY id`},
			{"bo;di", `SELECT name FROM p WHERE score BETWEEN 3 AND 7.5 ORDER BY 1`},
			{"ana", `SELECT name FROM p WHERE name LIKE 'a%'`},
			{"cy;ed", `SELECT name FROM p WHERE score IS NULL OR team IS NULL ORDER BY name`},
			{"3,10,28.5", `SELECT MIN(score), MAX(score), SUM(score) FROM p`},
			{"ANA", `SELECT UPPER(name) FROM p WHERE id = 1`},
			{"3", `SELECT 1 + 2`},
			{"0", `SELECT COUNT(*) FROM p WHERE id = 42`},
		} {
			wantRows(t, db, c.want, c.sql)
		}
	})
}

func TestQueryErrors(t *testing.T) {
	db := open(t, "mem://")
	mustExec(t, db, `CREATE TABLE p (id INT PRIMARY KEY, name TEXT)`)
	for _, c := range []struct{ sql, err string }{
		{"SELECT name\nFROM p\nWHER id = 1", "line 3"},
		{`SELECT nme FROM p`, "unknown column 'nme' in 'field list'"},
		{`SELECT name FROM p WHERE agee > 1`, "unknown column 'agee' in 'where clause'"},
		{`SELECT name, COUNT(*) FROM p`, "neither in GROUP BY nor inside an aggregate"},
		{`SELECT * FROM missing`, "table 'missing' doesn't exist"},
		{`CREATE TABLE p (id INT PRIMARY KEY)`, "table 'p' already exists"},
		{`CREATE TABLE q (id INT PRIMARY KEY, x FANCYTYPE)`, ""},
		{`CREATE TABLE q (id INT PRIMARY KEY, v VARCHAR)`, ""},
		{`UPDATE p SET id = 2 WHERE id = 1`, "primary key"},
	} {
		_, err := db.Exec(c.sql)
		wantErr(t, err, c.err)
	}
	var e *s3db.Error
	_, err := db.Exec("SELECT name\nFROM p\nWHER id = 1")
	if !errors.As(err, &e) || e.Code != s3db.CodeSyntax || e.Line != 3 {
		t.Errorf("syntax error: got %#v, want CodeSyntax on line 3", e)
	}
	if _, err := db.Begin(); err == nil || !strings.Contains(err.Error(), "transactions are not supported yet") {
		t.Errorf("Begin: got %v, want a clear refusal", err)
	}
	if _, err := db.Exec(`SELECT * FROM p WHERE id = ?`, sql.Named("id", 1)); err == nil || !strings.Contains(err.Error(), "positional") {
		t.Errorf("sql.Named: got %v", err)
	}
	if _, err := db.Exec(`SELECT * FROM p WHERE id = ?`); err == nil {
		t.Error("missing argument accepted")
	}
}

func TestColumnTypes(t *testing.T) {
	db := open(t, "mem://")
	mustExec(t, db, `CREATE TABLE c (id VARCHAR(22) PRIMARY KEY, name VARCHAR(50) NOT NULL, n BIGINT, d DOUBLE, ok BOOLEAN, at DATETIME, doc JSON)`)
	mustExec(t, db, `INSERT INTO c (name) VALUES ('x')`)
	rows, err := db.Query(`SELECT id, name, n, d, ok, at, doc, n + 1 AS next, UPPER(name) FROM c`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ct := range types {
		nullable, _ := ct.Nullable()
		got = append(got, fmt.Sprintf("%s:%s:%s:%v", ct.Name(), ct.DatabaseTypeName(), ct.ScanType(), nullable))
	}
	want := "id:VARCHAR:string:false name:VARCHAR:string:false n:BIGINT:int64:true d:DOUBLE:float64:true " +
		"ok:BOOLEAN:bool:true at:DATETIME:time.Time:true doc:JSON:string:true next:BIGINT:int64:true UPPER(name):TEXT:string:true"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("column types\n got %s\nwant %s", g, want)
	}
}

func TestContextCancelStopsScan(t *testing.T) {
	db := open(t, "mem://")
	mustExec(t, db, `CREATE TABLE big (id INT PRIMARY KEY)`)
	var values []string
	for i := 0; i < 300; i++ {
		values = append(values, fmt.Sprintf("(%d)", i))
	}
	mustExec(t, db, `INSERT INTO big VALUES `+strings.Join(values, ","))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rows, err := db.QueryContext(ctx, `SELECT id FROM big`)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		if n++; n == 10 {
			cancel()
		}
	}
	if !errors.Is(rows.Err(), context.Canceled) || n >= 300 {
		t.Errorf("after cancel: read %d rows, err %v; want fewer than 300 and context.Canceled", n, rows.Err())
	}
}

func TestUpdateDeleteLimit(t *testing.T) {
	db, counting := countingDB(t, "mem://?concurrency=2")
	mustExec(t, db, `CREATE TABLE t (id INT PRIMARY KEY, n INT)`)
	mustExec(t, db, `INSERT INTO t VALUES (1, 0), (2, 0), (3, 0), (4, 0), (5, 0)`)
	res := mustExec(t, db, `UPDATE t SET n = 1 WHERE n = 0 LIMIT 2`)
	if n, _ := res.RowsAffected(); n != 2 {
		t.Errorf("UPDATE ... LIMIT 2 affected %d", n)
	}
	wantRows(t, db, "2", `SELECT COUNT(*) FROM t WHERE n = 1`)
	before := counting.Counts()
	res = mustExec(t, db, `DELETE FROM t LIMIT 0`)
	if n, _ := res.RowsAffected(); n != 0 || counting.Counts().Sub(before).Total() != 0 {
		t.Errorf("DELETE ... LIMIT 0 affected %d rows with %v", n, counting.Counts().Sub(before))
	}
	res = mustExec(t, db, `DELETE FROM t WHERE n = 0 LIMIT 1`)
	if n, _ := res.RowsAffected(); n != 1 {
		t.Errorf("DELETE ... LIMIT 1 affected %d", n)
	}
	wantRows(t, db, "4", `SELECT COUNT(*) FROM t`)
}
