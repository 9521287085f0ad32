package driver_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"testing"

	s3db "github.com/s3db-go/s3db/driver"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/mem"
)

// connect opens a DSN through a connector that the test keeps (for CheckTable).
func connect(t *testing.T, dsn string, opts ...s3db.Option) (*sql.DB, *s3db.Connector) {
	t.Helper()
	cfg, err := s3db.ParseDSN(dsn)
	if err != nil {
		t.Fatal(err)
	}
	c, err := s3db.NewConnector(cfg, opts...)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(c)
	t.Cleanup(func() { db.Close() })
	return db, c
}

// consistent fails the test if a table's partition entries disagree with its rows.
func consistent(t *testing.T, c *s3db.Connector, tables ...string) {
	t.Helper()
	for _, table := range tables {
		found, err := c.CheckTable(context.Background(), table, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(found) > 0 {
			t.Errorf("table %s is inconsistent:\n%s", table, strings.Join(found, "\n"))
		}
	}
}

func TestPartitions(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			db, c := connect(t, b.dsn(t))
			mustExec(t, db, `CREATE TABLE orders (id INT PRIMARY KEY, userId VARCHAR(10) NOT NULL, status VARCHAR(10), total DOUBLE, at DATETIME,
				INDEX byUser (userId, status), KEY byTotal (total))`)
			var values []string
			for i := 1; i <= 30; i++ {
				status := []string{"new", "paid", "shipped"}[i%3]
				values = append(values, fmt.Sprintf("(%d, 'u%d', '%s', %d.5, '2024-01-%02d 10:00:00')", i, i%4, status, i, i))
			}
			mustExec(t, db, `INSERT INTO orders VALUES `+strings.Join(values, ","))
			consistent(t, c, "orders")
			for _, q := range []struct{ want, sql string }{
				{"4;8;12;16;20;24;28", `SELECT id FROM orders WHERE userId = 'u0' ORDER BY id`},
				{"4;16;28", `SELECT id FROM orders WHERE userId = 'u0' AND status = 'paid' ORDER BY id`},
				{"1;4;5", `SELECT id FROM orders WHERE userId IN ('u0', 'u1') AND id < 6 ORDER BY id`},
				{"7", `SELECT COUNT(*) FROM orders WHERE userId = 'u0'`},
				{"3", `SELECT COUNT(*) FROM orders WHERE userId = 'u0' AND status = 'paid'`},
				{"3;4;5", `SELECT id FROM orders WHERE total BETWEEN 3 AND 5.5 ORDER BY id`},
				{"28;29;30", `SELECT id FROM orders WHERE total > 27.5 ORDER BY id`},
				{"29;30", `SELECT id FROM orders WHERE total > 28.5 ORDER BY id`},
				{"1;2", `SELECT id FROM orders WHERE total < 3 ORDER BY id`},
				{"1;2;3", `SELECT id FROM orders WHERE total <= 3.5 ORDER BY id`},
				{"", `SELECT id FROM orders WHERE userId = 'nobody'`},
				{"", `SELECT id FROM orders WHERE userId = NULL`},
				{"4;8", `SELECT id FROM orders WHERE userId = 'u0' AND total < 10 ORDER BY id`},
			} {
				wantRows(t, db, q.want, q.sql)
			}
			plan := flat(queryRows(t, db, `EXPLAIN SELECT id FROM orders WHERE userId = ? AND status = 'paid'`, "u1"))
			if !strings.Contains(plan, "PartitionLookup orders INDEX byUser (userId = ?, status = 'paid')") {
				t.Errorf("plan:\n%s", plan)
			}
			// Moving a row between partitions moves its entries.
			mustExec(t, db, `UPDATE orders SET userId = 'u9', status = 'new' WHERE id = 4`)
			mustExec(t, db, `UPDATE orders SET total = 1000 WHERE userId = 'u1'`)
			consistent(t, c, "orders")
			wantRows(t, db, "4", `SELECT id FROM orders WHERE userId = 'u9'`)
			wantRows(t, db, "8;12;16;20;24;28", `SELECT id FROM orders WHERE userId = 'u0' ORDER BY id`)
			wantRows(t, db, "8", `SELECT COUNT(*) FROM orders WHERE total = 1000`)
			mustExec(t, db, `DELETE FROM orders WHERE userId = 'u2'`)
			consistent(t, c, "orders")
			wantRows(t, db, "0", `SELECT COUNT(*) FROM orders WHERE userId = 'u2'`)
			// Indexes created on a populated table are backfilled; dropped ones leave no entry.
			mustExec(t, db, `CREATE INDEX byAt ON orders (at)`)
			consistent(t, c, "orders")
			wantRows(t, db, "3;5", `SELECT id FROM orders WHERE at >= '2024-01-03' AND at < '2024-01-06' AND id <> 4 ORDER BY id`)
			mustExec(t, db, `DROP INDEX byUser ON orders`)
			consistent(t, c, "orders")
			wantRows(t, db, "8;12;16;20;24;28", `SELECT id FROM orders WHERE userId = 'u0' ORDER BY id`)
			if got := flat(queryRows(t, db, `SHOW INDEX FROM orders`)); got != "orders,0,PRIMARY,1,id,OBJECT KEY;orders,1,byTotal,1,total,PARTITION;orders,1,byAt,1,at,PARTITION" {
				t.Errorf("SHOW INDEX: %s", got)
			}
		})
	}
}

// TestPartitionRequests pins the cost model of partitions.
func TestPartitionRequests(t *testing.T) {
	counting := storage.NewCounting(mem.New())
	db, _ := connect(t, "mem://", s3db.WithBucket(counting))
	mustExec(t, db, `CREATE TABLE o (id INT PRIMARY KEY, userId VARCHAR(10), status VARCHAR(10), INDEX byUser (userId), INDEX byStatus (status))`)
	var values []string
	for i := 0; i < 50; i++ {
		values = append(values, fmt.Sprintf("(%d, 'u%d', 's%d')", i, i%5, i%2))
	}
	mustExec(t, db, `INSERT INTO o VALUES `+strings.Join(values, ","))
	for _, c := range []struct {
		name, sql string
		want      storage.Counts
	}{
		{"insert: 1 + 2 partitions PUTs", `INSERT INTO o VALUES (100, 'u1', 's1')`, storage.Counts{Put: 3}},
		{"partition lookup of 11 rows: 1 LIST + 11 GETs", `SELECT * FROM o WHERE userId = 'u1'`, storage.Counts{List: 1, Get: 11}},
		{"COUNT(*) on a partition: LIST only", `SELECT COUNT(*) FROM o WHERE status = 's1'`, storage.Counts{List: 1}},
		{"update of a partition column: GET + PUT + PUT entry + DELETE entry + GET to settle", `UPDATE o SET status = 's0' WHERE id = 100`, storage.Counts{Get: 2, Put: 2, Delete: 1}},
		{"an update that changes nothing: GET only", `UPDATE o SET userId = userId WHERE id = 100`, storage.Counts{Get: 1}},
		{"delete: GET + DELETE row + DELETE 2 entries", `DELETE FROM o WHERE id = 100`, storage.Counts{Get: 1, Delete: 3}},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := counting.Counts()
			if err := queryErr(db, c.sql); err != nil {
				t.Fatal(err)
			}
			if got := counting.Counts().Sub(before); got != c.want {
				t.Errorf("%s\n got %v\nwant %v", c.sql, got, c.want)
			}
		})
	}
}

func TestPartitionErrors(t *testing.T) {
	db := open(t, "mem://")
	mustExec(t, db, `CREATE TABLE t (id INT PRIMARY KEY, a INT, b JSON)`)
	for _, c := range []struct{ sql, err string }{
		{`CREATE INDEX x ON t (nope)`, "unknown column nope"},
		{`CREATE INDEX x ON t (a, a)`, "listed twice"},
		{`CREATE INDEX x ON t (id)`, "primary key"},
		{`CREATE INDEX x ON nope (a)`, "table 'nope' doesn't exist"},
		{`DROP INDEX x ON t`, "has no index x"},
		{`CREATE TABLE u (id INT PRIMARY KEY, a INT, INDEX i (a), INDEX i (a))`, "an index of that name exists"},
	} {
		_, err := db.Exec(c.sql)
		wantErr(t, err, c.err)
	}
	mustExec(t, db, `CREATE INDEX byA ON t (a)`)
	mustExec(t, db, `CREATE INDEX IF NOT EXISTS byA ON t (a)`)
	mustExec(t, db, `DROP INDEX IF EXISTS nope ON t`)
	_, err := db.Exec(`CREATE INDEX byA ON t (a)`)
	wantErr(t, err, "already exists")
	// A value of another type than the column compares numerically in SQL
	// ('05' = 5): the lookup falls back to a scan and misses nothing.
	mustExec(t, db, `INSERT INTO t (id, a) VALUES (1, 5), (2, 6)`)
	wantRows(t, db, "1", `SELECT id FROM t WHERE a = '05'`)
	wantRows(t, db, "1", `SELECT COUNT(*) FROM t WHERE a = '5.0'`)
	wantRows(t, db, "2", `SELECT id FROM t WHERE a > 5.5`)
}

func TestUniqueIndexes(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			db, c := connect(t, dsn)
			mustExec(t, db, `CREATE TABLE users (id VARCHAR(10) PRIMARY KEY, email VARCHAR(50) UNIQUE, team VARCHAR(5), nick VARCHAR(10),
				UNIQUE INDEX byTeamNick (team, nick))`)
			mustExec(t, db, `INSERT INTO users VALUES ('u1', 'a@x.io', 't1', 'ana'), ('u2', 'b@x.io', 't1', 'bo'), ('u3', NULL, NULL, 'cy'), ('u4', NULL, NULL, 'cy')`)
			consistent(t, c, "users")
			for _, q := range []struct{ sql, err string }{
				{`INSERT INTO users VALUES ('u5', 'a@x.io', 't2', 'x')`, "duplicate entry 'a@x.io' for key 'users.email'"},
				{`INSERT INTO users VALUES ('u5', 'c@x.io', 't1', 'bo')`, "duplicate entry 't1-bo' for key 'users.byTeamNick'"},
				{`INSERT INTO users VALUES ('u5', 'd@x.io', 't3', 'd'), ('u6', 'd@x.io', 't3', 'e')`, "row 2: duplicate entry 'd@x.io'"},
				{`UPDATE users SET email = 'b@x.io' WHERE id = 'u1'`, "duplicate entry 'b@x.io' for key 'users.email'"},
			} {
				_, err := db.Exec(q.sql)
				wantErr(t, err, q.err)
			}
			consistent(t, c, "users")
			wantRows(t, db, "4", `SELECT COUNT(*) FROM users`)
			// Values freed by an UPDATE or DELETE can be taken again.
			mustExec(t, db, `UPDATE users SET email = 'new@x.io' WHERE id = 'u1'`)
			mustExec(t, db, `INSERT INTO users VALUES ('u5', 'a@x.io', 't2', 'x')`)
			mustExec(t, db, `DELETE FROM users WHERE id = 'u2'`)
			mustExec(t, db, `INSERT INTO users VALUES ('u6', 'b@x.io', 't1', 'bo')`)
			consistent(t, c, "users")
			wantRows(t, db, "u6", `SELECT id FROM users WHERE email = 'b@x.io'`)
			// Concurrent writers of one value: exactly one wins.
			const n = 8
			errs := make(chan error, n)
			for i := 0; i < n; i++ {
				go func() {
					_, err := open(t, dsn).Exec(`INSERT INTO users (id, email) VALUES (?, 'race@x.io')`, fmt.Sprintf("r%d", i))
					errs <- err
				}()
			}
			wins := 0
			for i := 0; i < n; i++ {
				if err := <-errs; err == nil {
					wins++
				} else if !strings.Contains(err.Error(), "duplicate entry 'race@x.io'") {
					t.Error(err)
				}
			}
			if wins != 1 {
				t.Errorf("%d concurrent inserts of one unique value succeeded, want 1", wins)
			}
			wantRows(t, db, "1", `SELECT COUNT(*) FROM users WHERE email = 'race@x.io'`)
			consistent(t, c, "users")
		})
	}
}

// TestExpressionPartitions: an index on an expression (s3db.js's
// `date|maxlength:10` partitions) serves WHERE conditions on that expression.
func TestExpressionPartitions(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			db, c := connect(t, b.dsn(t))
			mustExec(t, db, `CREATE TABLE ev (id INT PRIMARY KEY, kind VARCHAR(10), at DATETIME NOT NULL,
				INDEX byDay ((DATE(at))), INDEX byKind (kind, (LOWER(kind))))`)
			var values []string
			for i := 1; i <= 12; i++ {
				values = append(values, fmt.Sprintf("(%d, '%s', '2024-03-%02d %02d:30:00')", i, []string{"Click", "view"}[i%2], 1+i/4, i))
			}
			mustExec(t, db, `INSERT INTO ev VALUES `+strings.Join(values, ","))
			consistent(t, c, "ev")
			wantRows(t, db, "4;5;6;7", `SELECT id FROM ev WHERE DATE(at) = '2024-03-02' ORDER BY id`)
			wantRows(t, db, "4", `SELECT COUNT(*) FROM ev WHERE DATE(at) = '2024-03-02'`)
			wantRows(t, db, "8;9;10;11;12", `SELECT id FROM ev WHERE DATE(ev.at) >= '2024-03-03' ORDER BY id`)
			plan := flat(queryRows(t, db, `EXPLAIN SELECT id FROM ev WHERE DATE(at) BETWEEN '2024-03-01' AND ?`, "2024-03-02"))
			if !strings.Contains(plan, "PartitionLookup ev INDEX byDay ((DATE(at)) >= '2024-03-01', (DATE(at)) <= ?)") {
				t.Errorf("plan:\n%s", plan)
			}
			mustExec(t, db, `UPDATE ev SET at = '2024-04-01 00:00:00' WHERE id = 4`)
			consistent(t, c, "ev")
			wantRows(t, db, "5;6;7", `SELECT id FROM ev WHERE DATE(at) = '2024-03-02' ORDER BY id`)
			wantRows(t, db, "2;4;6;8;10;12", `SELECT id FROM ev WHERE kind = 'Click' AND LOWER(kind) = 'click' ORDER BY id`)
			if got := flat(queryRows(t, db, `SHOW CREATE TABLE ev`)); !strings.Contains(got, "INDEX `byDay` ((DATE(at)))") {
				t.Errorf("SHOW CREATE TABLE: %s", got)
			}
			for _, q := range []struct{ sql, err string }{
				{`CREATE INDEX x ON ev ((NOW()))`, "NOW changes from call to call"},
				{`CREATE INDEX x ON ev ((nope + 1))`, "unknown column 'nope'"},
			} {
				_, err := db.Exec(q.sql)
				wantErr(t, err, q.err)
			}
		})
	}
}

// TestIndexLookupJoin: a join on the first column of an index of the inner
// table reads only the matching rows through the index.
func TestIndexLookupJoin(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		mustExec(t, db, `CREATE TABLE users (id VARCHAR(10) PRIMARY KEY, name VARCHAR(10))`)
		mustExec(t, db, `CREATE TABLE orders (id INT PRIMARY KEY, userId VARCHAR(10), total INT, INDEX byUser (userId))`)
		mustExec(t, db, `INSERT INTO users VALUES ('u1', 'ana'), ('u2', 'bo'), ('u3', 'cy')`)
		var values []string
		for i := 1; i <= 40; i++ {
			values = append(values, fmt.Sprintf("(%d, 'u%d', %d)", i, 4+i%5, i)) // users u4..u8: none of the three
		}
		values = append(values, "(100, 'u1', 7)", "(101, 'u1', 8)", "(102, 'u3', 9)")
		mustExec(t, db, `INSERT INTO orders VALUES `+strings.Join(values, ","))
		q := `SELECT u.name, o.total FROM users u JOIN orders o ON o.userId = u.id ORDER BY o.total`
		wantRows(t, db, "ana,7;ana,8;cy,9", q)
		plan := flat(queryRows(t, db, "EXPLAIN "+q))
		if !strings.Contains(plan, "LookupJoin INNER orders AS o INDEX byUser ON userId = u.id") {
			t.Errorf("plan:\n%s", plan)
		}
		wantRows(t, db, "ana,2;bo,0;cy,1", `SELECT u.name, COUNT(o.id) FROM users u LEFT JOIN orders o ON o.userId = u.id GROUP BY u.name ORDER BY u.name`)
	})
	counting := storage.NewCounting(mem.New())
	db, _ := connect(t, "mem://", s3db.WithBucket(counting))
	mustExec(t, db, `CREATE TABLE users (id VARCHAR(10) PRIMARY KEY)`)
	mustExec(t, db, `CREATE TABLE orders (id INT PRIMARY KEY, userId VARCHAR(10), INDEX byUser (userId))`)
	mustExec(t, db, `INSERT INTO users VALUES ('u1'), ('u2')`)
	mustExec(t, db, `INSERT INTO orders VALUES (1, 'u1'), (2, 'u1'), (3, 'u2'), (4, 'x'), (5, 'y'), (6, 'z')`)
	before := counting.Counts()
	wantRows(t, db, "3", `SELECT COUNT(*) FROM users u JOIN orders o ON o.userId = u.id`)
	// users: 1 LIST + 2 GETs; orders through the index: 1 LIST per key + 3 GETs; the other orders are never read.
	if got := counting.Counts().Sub(before); got != (storage.Counts{List: 3, Get: 5}) {
		t.Errorf("index lookup join made %v, want LIST 3, GET 5", got)
	}
}

func TestCreateUniqueIndexOnRows(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		_, c := connect(t, dsn)
		mustExec(t, db, `CREATE TABLE u (id INT PRIMARY KEY, email VARCHAR(20), nick VARCHAR(20))`)
		mustExec(t, db, `INSERT INTO u VALUES (1, 'a@x', 'n1'), (2, 'b@x', 'n1'), (3, NULL, 'n3'), (4, NULL, 'n4')`)
		_, err := db.Exec(`CREATE UNIQUE INDEX byNick ON u (nick)`)
		wantErr(t, err, "cannot create UNIQUE index byNick: duplicate entry 'n1'")
		if got := flat(queryRows(t, db, `SHOW INDEX FROM u`)); strings.Contains(got, "byNick") {
			t.Errorf("a failed UNIQUE index was kept: %s", got)
		}
		mustExec(t, db, `CREATE UNIQUE INDEX byEmail ON u (email)`)
		consistent(t, c, "u")
		_, err = db.Exec(`INSERT INTO u VALUES (5, 'a@x', 'n5')`)
		wantErr(t, err, "duplicate entry 'a@x' for key 'u.byEmail'")
		mustExec(t, db, `INSERT INTO u VALUES (5, NULL, 'n5')`)
		consistent(t, c, "u")
	})
}

func TestDescribeShowsIndexes(t *testing.T) {
	db := open(t, "mem://")
	mustExec(t, db, `CREATE TABLE t (id INT PRIMARY KEY, a INT, b VARCHAR(5) UNIQUE, c INT, INDEX byAC (a, c))`)
	var keys []string
	for _, r := range queryRows(t, db, `DESCRIBE t`) {
		keys = append(keys, r[0]+"="+r[3])
	}
	if got := strings.Join(keys, " "); got != "id=PRI a=MUL b=UNI c=" {
		t.Errorf("DESCRIBE keys: %s", got)
	}
}

// TestConcurrentIndexedUpdates: many clients moving one row between
// partition values at once leave exactly the row's entries, no stale one.
func TestConcurrentIndexedUpdates(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		_, c := connect(t, dsn)
		mustExec(t, db, `CREATE TABLE r (id INT PRIMARY KEY, state VARCHAR(5), INDEX byState (state))`)
		mustExec(t, db, `INSERT INTO r VALUES (1, 's0'), (2, 's0')`)
		var wg sync.WaitGroup
		for w := 0; w < 6; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				client := open(t, dsn)
				for i := 0; i < 6; i++ {
					if _, err := client.Exec(`UPDATE r SET state = ? WHERE id IN (1, 2)`, fmt.Sprintf("s%d", (w+i)%4)); err != nil {
						t.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		consistent(t, c, "r")
		wantRows(t, db, "2", `SELECT COUNT(*) FROM r WHERE state IN ('s0', 's1', 's2', 's3')`)
	})
}

// TestLateEntrySettled: an UPDATE whose new entry lands after a concurrent
// UPDATE has already moved the row on does not leave that entry behind.
func TestLateEntrySettled(t *testing.T) {
	faulty := storage.NewFaulty(mem.New())
	db, c := connect(t, "mem://", s3db.WithBucket(faulty))
	mustExec(t, db, `CREATE TABLE r (id INT PRIMARY KEY, state VARCHAR(5), INDEX byState (state))`)
	mustExec(t, db, `INSERT INTO r VALUES (1, 's0')`)
	var once sync.Once
	faulty.SetHook(func(ctx context.Context, op storage.Op, key string) error {
		if op == storage.OpPut && strings.Contains(key, "partition=byState/") && strings.Contains(key, "=sa/") {
			once.Do(func() {
				// The first UPDATE has written the row and is about to write its
				// entry: another client moves the row on first.
				if _, err := db.ExecContext(context.Background(), `UPDATE r SET state = 'sb' WHERE id = 1`); err != nil {
					t.Error(err)
				}
			})
		}
		return nil
	})
	mustExec(t, db, `UPDATE r SET state = 'sa' WHERE id = 1`)
	wantRows(t, db, "sb", `SELECT state FROM r`)
	consistent(t, c, "r")
	wantRows(t, db, "0", `SELECT COUNT(*) FROM r WHERE state = 'sa'`)
}

// TestIndexColumnsOnly: a query that needs only the key and an index's
// columns lists the index's entries and reads no row.
func TestIndexColumnsOnly(t *testing.T) {
	counting := storage.NewCounting(mem.New())
	db, _ := connect(t, "mem://", s3db.WithBucket(counting))
	mustExec(t, db, `CREATE TABLE o (id INT PRIMARY KEY, userId VARCHAR(10), at DATE, total DOUBLE, INDEX byUser (userId, at))`)
	mustExec(t, db, `INSERT INTO o VALUES (1, 'ana', '2024-01-02', 5), (2, 'ana', '2024-01-03', 6), (3, 'bo', '2024-01-02', 7), (4, 'ana', NULL, 8)`)
	before := counting.Counts()
	wantRows(t, db, "1,ana,2024-01-02T00:00:00Z;2,ana,2024-01-03T00:00:00Z;4,ana,NULL", `SELECT id, userId, at FROM o WHERE userId = 'ana' ORDER BY id`)
	wantRows(t, db, "2024-01-02T00:00:00Z,2", `SELECT at, COUNT(*) FROM o WHERE userId IN ('ana', 'bo') AND at < '2024-01-03' GROUP BY at`)
	if got := counting.Counts().Sub(before); got.Get != 0 {
		t.Errorf("index-only queries made %v, want no GET", got)
	}
	mustExec(t, db, `UPDATE o SET userId = 'cy' WHERE id = 2`)
	wantRows(t, db, "1;4", `SELECT id FROM o WHERE userId = 'ana' ORDER BY id`)
	wantRows(t, db, "5", `SELECT total FROM o WHERE userId = 'ana' AND at = '2024-01-02'`) // a column outside the index: GETs
}
