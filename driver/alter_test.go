package driver_test

import (
	"database/sql"
	"os"
	"strings"
	"testing"
	"time"

	s3db "github.com/s3db-go/s3db/driver"
	"github.com/s3db-go/s3db/storage"
)

func showCreate(t *testing.T, db *sql.DB, table string) string {
	t.Helper()
	return queryRows(t, db, "SHOW CREATE TABLE "+table)[0][1]
}

// TestAlterTableColumns: every kind of column change, rows written before
// each one read after it (without any row being rewritten), rows written
// after it, on every backend.
func TestAlterTableColumns(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		_, c := connect(t, dsn)
		mustExec(t, db, `CREATE TABLE p (id VARCHAR(22) PRIMARY KEY, name VARCHAR(20), n INT, note TEXT)`)
		mustExec(t, db, `INSERT INTO p VALUES ('u1', 'ana', 5, 'old note'), ('u2', 'bo', NULL, NULL)`)

		steps := []struct {
			alter string
			query string
			want  string
		}{
			{"ALTER TABLE p ADD COLUMN age INT DEFAULT 7 AFTER name", "SELECT id, name, age, n FROM p ORDER BY id", "u1,ana,7,5;u2,bo,7,NULL"},
			{"ALTER TABLE p ADD tag VARCHAR(5), ADD COLUMN flag BOOLEAN NOT NULL DEFAULT TRUE FIRST", "SELECT id, tag, flag FROM p ORDER BY id", "u1,NULL,true;u2,NULL,true"},
			{"ALTER TABLE p DROP COLUMN note", "SELECT * FROM p ORDER BY id", "true,u1,ana,7,5,NULL;true,u2,bo,7,NULL,NULL"},
			// A column of the dropped one's name is a new column: old values stay invisible.
			{"ALTER TABLE p ADD note TEXT", "SELECT id, note FROM p ORDER BY id", "u1,NULL;u2,NULL"},
			{"ALTER TABLE p RENAME COLUMN name TO title", "SELECT title FROM p WHERE title = 'ana'", "ana"},
			{"ALTER TABLE p CHANGE n num BIGINT DEFAULT 0", "SELECT id, num FROM p ORDER BY id", "u1,5;u2,NULL"},
			// Old rows hold base62 integers: they decode as BIGINT, then convert.
			{"ALTER TABLE p MODIFY num VARCHAR(10) DEFAULT 'x'", "SELECT id FROM p WHERE num = '5'", "u1"},
			{"ALTER TABLE p MODIFY COLUMN num DECIMAL(6,2)", "SELECT id, num FROM p ORDER BY id", "u1,5.00;u2,NULL"},
			{"ALTER TABLE p ALTER COLUMN age SET DEFAULT 9, ALTER tag SET DEFAULT 'hi'", "", ""},
			{"ALTER TABLE p MODIFY title VARCHAR(20) NOT NULL COMMENT 'the title' FIRST", "SELECT * FROM p WHERE id = 'u1'", "ana,true,u1,7,5.00,NULL,NULL"},
		}
		for _, s := range steps {
			mustExec(t, db, s.alter)
			if s.query != "" {
				wantRows(t, db, s.want, s.query)
			}
		}
		mustExec(t, db, `INSERT INTO p (id, title) VALUES ('u3', 'cy')`)
		wantRows(t, db, "u1,7,NULL,5.00;u2,7,NULL,NULL;u3,9,hi,NULL", "SELECT id, age, tag, num FROM p ORDER BY id")
		// An old row rewritten by UPDATE takes the current version.
		mustExec(t, db, `UPDATE p SET age = age + 1 WHERE id = 'u1'`)
		wantRows(t, db, "u1,ana,8,5.00", "SELECT id, title, age, num FROM p WHERE id = 'u1'")
		wantRows(t, db, "title,varchar(20),NO,,NULL,;flag,boolean,NO,,1,;id,varchar(22),NO,PRI,NULL,generated id;age,int,YES,,9,;num,decimal(6,2),YES,,NULL,;tag,varchar(5),YES,,hi,;note,text,YES,,NULL,",
			"DESCRIBE p")
		consistent(t, c, "p")
		golden(t, "testdata/alter.golden", showCreate(t, db, "p"))
		mustExec(t, db, showCreateAs(showCreate(t, db, "p"), "p2")) // SHOW CREATE TABLE re-creates it
		if a, b := showCreate(t, db, "p"), showCreate(t, db, "p2"); strings.Replace(a, "`p`", "`p2`", 1) != b {
			t.Errorf("round trip:\n%s\n%s", a, b)
		}
	})
}

// showCreateAs renames the table of a CREATE TABLE text.
func showCreateAs(create, name string) string {
	_, rest, _ := strings.Cut(create, "(")
	return "CREATE TABLE `" + name + "` (" + rest
}

// golden compares got with a file (go test -update rewrites it).
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got+"\n" != string(want) {
		t.Errorf("output differs from %s (go test -update):\n%s", path, got)
	}
}

// TestAlterSecondClient: a client whose cached catalog predates an ALTER
// TABLE reads the rows written under the new version (it re-reads the
// catalog once and runs the statement again) and writes correctly after.
func TestAlterSecondClient(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		db2 := open(t, dsn) // another client: its own catalog cache (TTL 5 s)
		mustExec(t, db, `CREATE TABLE s (id INT PRIMARY KEY, v VARCHAR(10))`)
		mustExec(t, db, `INSERT INTO s VALUES (1, 'a'), (2, '20')`)
		wantRows(t, db2, "1,a;2,20", "SELECT * FROM s ORDER BY id") // db2 caches version 1

		mustExec(t, db, `ALTER TABLE s ADD w INT DEFAULT 3`)
		mustExec(t, db, `INSERT INTO s VALUES (3, 'c', 30)`)
		// The scan meets row 3 (version 2): db2 re-reads the catalog, runs again.
		wantRows(t, db2, "1,a,3;2,20,3;3,c,30", "SELECT * FROM s ORDER BY id")

		mustExec(t, db, `DELETE FROM s WHERE id = 1`)
		mustExec(t, db, `ALTER TABLE s DROP v`)
		mustExec(t, db, `INSERT INTO s VALUES (4, 40)`)
		wantRows(t, db2, "4,40", "SELECT * FROM s WHERE id = 4") // a point get of a newer row
		mustExec(t, db, `ALTER TABLE s MODIFY w VARCHAR(5)`)
		mustExec(t, db, `INSERT INTO s VALUES (5, 'fiv')`)
		// An UPDATE by db2 whose scan meets row 5 before changing a row:
		// retried with the new catalog, applied once.
		mustExec(t, db2, `UPDATE s SET w = CONCAT(w, '!') WHERE id >= 5`)
		wantRows(t, db, "2,3;3,30;4,40;5,fiv!", "SELECT * FROM s ORDER BY id")
		wantRows(t, db2, "2,3;3,30;4,40;5,fiv!", "SELECT * FROM s ORDER BY id")
		mustExec(t, db2, `UPDATE s SET w = CONCAT(w, '?')`) // db2 is up to date now
		wantRows(t, db, "2,3?;3,30?;4,40?;5,fiv!?", "SELECT * FROM s ORDER BY id")
	})
}

// TestAlterTableErrors: every bad change is a clear error and leaves the
// catalog as it was (SHOW CREATE TABLE before and after).
func TestAlterTableErrors(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		mustExec(t, db, `CREATE TABLE e (id VARCHAR(22) PRIMARY KEY, txt TEXT, word VARCHAR(20), maybe INT, k INT,
			pos INT, col ENUM('a','b','c'), CONSTRAINT pos_ok CHECK (pos >= 0), INDEX byK (k))`)
		mustExec(t, db, `INSERT INTO e VALUES ('r1', 'abc', 'a long word', NULL, 1, 5, 'c'), ('r2', '12', 'x', 4, 2, 0, 'a')`)
		mustExec(t, db, `CREATE TABLE other (id INT PRIMARY KEY)`)
		mustExec(t, db, `CREATE TRIGGER stamp BEFORE INSERT ON e FOR EACH ROW SET NEW.word = LOWER(NEW.word)`)
		before := showCreate(t, db, "e")
		for _, c := range []struct{ sql, want string }{
			{"ALTER TABLE e ADD x FOO", "syntax error"},
			{"ALTER TABLE e ADD x VARCHAR(0)", "type VARCHAR(0) cannot hold any value"},
			{"ALTER TABLE e ADD x CHAR(256)", "length 256 is too large for CHAR (max 255)"},
			{"ALTER TABLE e ADD x INT DEFAULT 'abc'", "invalid DEFAULT: cannot store 'abc' as INT: not an integer"},
			{"ALTER TABLE e MODIFY maybe TINYINT DEFAULT 300", "invalid DEFAULT: cannot store 300 as TINYINT"},
			{"ALTER TABLE e ADD CHECK (nope > 0)", "check constraint 'e_chk_1': refers to unknown column 'nope'"},
			{"ALTER TABLE e ADD z INT CHECK (zz > 0)", "refers to unknown column 'zz'"},
			{"ALTER TABLE e DROP nope", "can't DROP COLUMN 'nope': it does not exist"},
			{"ALTER TABLE e MODIFY nope INT", "unknown column 'nope'"},
			{"ALTER TABLE e CHANGE nope x INT", "unknown column 'nope'"},
			{"ALTER TABLE e RENAME COLUMN nope TO x", "unknown column 'nope'"},
			{"ALTER TABLE e ALTER nope SET DEFAULT 1", "unknown column 'nope'"},
			{"ALTER TABLE e ADD x INT AFTER nope", "unknown column 'nope' in AFTER"},
			{"ALTER TABLE e ADD txt INT", "duplicate column name 'txt'"},
			{"ALTER TABLE e RENAME COLUMN txt TO word", "duplicate column name 'word'"},
			{"ALTER TABLE nope ADD x INT", "table 'nope' doesn't exist"},
			// incompatible changes: a scan finds the first row that does not fit
			{"ALTER TABLE e MODIFY txt INT", "row id 'r1' would not be valid: column 'txt': cannot store 'abc' as INT: not an integer; nothing was changed"},
			{"ALTER TABLE e MODIFY word VARCHAR(5)", "row id 'r1' would not be valid: column 'word': cannot store 'a long word' as VARCHAR(5)"},
			{"ALTER TABLE e MODIFY maybe INT NOT NULL", "row id 'r1' would not be valid: column 'maybe' cannot be null"},
			{"ALTER TABLE e MODIFY col ENUM('a','b')", "row id 'r1' would not be valid: column 'col': cannot store 'c' as ENUM('a','b')"},
			{"ALTER TABLE e ADD CONSTRAINT big CHECK (pos > 1)", "row id 'r2' would not be valid: check constraint 'big' is violated for row id 'r2'"},
			{"ALTER TABLE e ADD must INT NOT NULL", "column 'must' is NOT NULL without a DEFAULT, but the table has rows: give it a DEFAULT"},
			{"ALTER TABLE e ADD u UUID DEFAULT (UUID())", "needs a value per existing row"},
			{"ALTER TABLE e ADD seq INT AUTO_INCREMENT", "can only be added to an empty table"},
			// what the table cannot do without
			{"ALTER TABLE e DROP id", "can't drop the PRIMARY KEY column id"},
			{"ALTER TABLE e MODIFY id INT", "the type of the PRIMARY KEY column id cannot change"},
			{"ALTER TABLE e DROP k", "can't drop column k: index byK is built on it (DROP INDEX first)"},
			{"ALTER TABLE e MODIFY k BIGINT", "can't change the type of column k: index byK is built on it"},
			{"ALTER TABLE e DROP pos", "check constraint 'pos_ok' uses column 'pos': drop the constraint first"},
			{"ALTER TABLE e DROP word", "ALTER TABLE e would break trigger stamp: unknown column 'word'"},
			{"ALTER TABLE e ADD PRIMARY KEY (k)", "unsupported: ADD PRIMARY KEY"},
			{"ALTER TABLE e DROP INDEX nope", "can't DROP INDEX 'nope': it does not exist"},
			{"ALTER TABLE e ADD INDEX byK (pos)", "index byK: an index of that name exists"},
			{"ALTER TABLE e DROP CHECK nope", "constraint 'nope' does not exist"},
			{"ALTER TABLE e RENAME TO other", "table 'other' already exists"},
			{"ALTER TABLE e RENAME TO x", "table e has triggers (stamp), which name it"},
			{"RENAME TABLE e TO x", "table e has triggers (stamp)"},
			{"RENAME TABLE nope TO x", "table 'nope' doesn't exist"},
			{"RENAME TABLE other TO e", "table 'e' already exists"},
			{"TRUNCATE TABLE nope", "table 'nope' doesn't exist"},
			{"ALTER TABLE e ADD c2 INT, DROP nope", "can't DROP COLUMN 'nope'"}, // all or nothing
		} {
			_, err := db.Exec(c.sql)
			if err == nil {
				t.Errorf("%s: no error, want %q", c.sql, c.want)
				continue
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s:\n got %v\nwant %q", c.sql, err, c.want)
			}
			if after := showCreate(t, db, "e"); after != before {
				t.Errorf("%s changed the table:\n%s", c.sql, after)
			}
		}
		wantRows(t, db, "r1,abc,a long word,NULL,1,5,c;r2,12,x,4,2,0,a", "SELECT * FROM e ORDER BY id")
		// With the bad rows fixed, the same changes go through.
		mustExec(t, db, `UPDATE e SET txt = '0', word = 'short', maybe = 0, col = 'b' WHERE id = 'r1'`)
		for _, q := range []string{"ALTER TABLE e MODIFY txt INT", "ALTER TABLE e MODIFY word VARCHAR(5)",
			"ALTER TABLE e MODIFY maybe INT NOT NULL", "ALTER TABLE e MODIFY col ENUM('a','b')"} {
			mustExec(t, db, q)
		}
		wantRows(t, db, "r1,0,short,0,b;r2,12,x,4,a", "SELECT id, txt, word, maybe, col FROM e ORDER BY id")
		wantRows(t, db, "12", "SELECT txt FROM e WHERE txt > 5")
	})
}

// TestAlterIndexesAndChecks: ADD/DROP INDEX fill and empty partitions,
// CHECK constraints added and dropped by ALTER TABLE.
func TestAlterIndexesAndChecks(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		db, c := connect(t, dsn)
		mustExec(t, db, `CREATE TABLE o (id INT PRIMARY KEY, user VARCHAR(10), total INT)`)
		mustExec(t, db, `INSERT INTO o VALUES (1, 'ann', 10), (2, 'bob', 20), (3, 'ann', 30)`)
		mustExec(t, db, `ALTER TABLE o ADD INDEX byUser (user), ADD CONSTRAINT positive CHECK (total > 0)`)
		wantRows(t, db, "o,0,PRIMARY,1,id,OBJECT KEY;o,1,byUser,1,user,PARTITION", "SHOW INDEX FROM o")
		wantRows(t, db, "1;3", "SELECT id FROM o WHERE user = 'ann' ORDER BY id")
		if plan := flat(queryRows(t, db, "EXPLAIN SELECT id FROM o WHERE user = 'ann'")); !strings.Contains(plan, "PartitionLookup") {
			t.Errorf("no partition lookup after ADD INDEX:\n%s", plan)
		}
		consistent(t, c, "o")
		_, err := db.Exec(`INSERT INTO o VALUES (4, 'cy', -1)`)
		wantErr(t, err, "check constraint 'positive' is violated for row id 4 of table o")
		mustExec(t, db, `ALTER TABLE o DROP INDEX byUser, DROP CHECK positive, ADD INDEX byTotal (total)`)
		mustExec(t, db, `INSERT INTO o VALUES (4, 'cy', -1), (5, 'dee', 20)`)
		wantRows(t, db, "2;5", "SELECT id FROM o WHERE total = 20 ORDER BY id")
		wantRows(t, db, "o,0,PRIMARY,1,id,OBJECT KEY;o,1,byTotal,1,total,PARTITION", "SHOW INDEX FROM o")
		consistent(t, c, "o")
		// A column added and indexed by one ALTER; renamed later: the index follows.
		mustExec(t, db, `ALTER TABLE o ADD region VARCHAR(5) DEFAULT 'eu', ADD INDEX byRegion (region)`)
		mustExec(t, db, `INSERT INTO o VALUES (6, 'eve', 60, 'us')`)
		wantRows(t, db, "1;2;3;4;5", "SELECT id FROM o WHERE region = 'eu' ORDER BY id")
		mustExec(t, db, `ALTER TABLE o RENAME COLUMN region TO area`)
		wantRows(t, db, "6", "SELECT id FROM o WHERE area = 'us'")
		consistent(t, c, "o")
		// UNIQUE by ALTER TABLE; DROP CONSTRAINT drops a UNIQUE index too.
		mustExec(t, db, `CREATE TABLE un (id INT PRIMARY KEY, code VARCHAR(5))`)
		mustExec(t, db, `ALTER TABLE un ADD UNIQUE KEY uCode (code)`)
		mustExec(t, db, `INSERT INTO un VALUES (1, 'a')`)
		_, err = db.Exec(`INSERT INTO un VALUES (2, 'a')`)
		wantErr(t, err, "duplicate entry 'a' for key 'un.uCode'")
		mustExec(t, db, `ALTER TABLE un DROP CONSTRAINT uCode`)
		mustExec(t, db, `INSERT INTO un VALUES (2, 'a')`)
		consistent(t, c, "un")
	})
}

// TestRenameTable: a rename is a catalog change: the rows, partitions and
// UNIQUE claims stay under the table's storage name, and a new table of the
// old name gets its own.
func TestRenameTable(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		db, c := connect(t, dsn)
		db2 := open(t, dsn)
		mustExec(t, db, `CREATE TABLE a (id VARCHAR(10) PRIMARY KEY, email VARCHAR(30) UNIQUE, team VARCHAR(5), secret_n INT, INDEX byTeam (team))`)
		mustExec(t, db, `INSERT INTO a VALUES ('x', 'x@a.io', 'red', 1), ('y', 'y@a.io', 'blue', 2)`)
		wantRows(t, db2, "2", "SELECT COUNT(*) FROM a")
		mustExec(t, db, `RENAME TABLE a TO b`)
		_, err := db.Query(`SELECT * FROM a`)
		wantErr(t, err, "table 'a' doesn't exist")
		wantRows(t, db, "x,x@a.io,red,1;y,y@a.io,blue,2", "SELECT * FROM b ORDER BY id")
		wantRows(t, db, "y", "SELECT id FROM b WHERE team = 'blue'")
		wantRows(t, db, "y@a.io", "SELECT email FROM b WHERE id = 'y'")
		_, err = db.Exec(`INSERT INTO b VALUES ('z', 'x@a.io', 'red', 3)`)
		wantErr(t, err, "duplicate entry 'x@a.io'")
		wantRows(t, db2, "2", "SELECT COUNT(*) FROM b") // db2 finds the new name at once
		// A new table a: its own objects (stored as a_2), the renamed one's stay.
		mustExec(t, db, `CREATE TABLE a (id INT PRIMARY KEY, v TEXT)`)
		mustExec(t, db, `INSERT INTO a VALUES (1, 'one')`)
		wantRows(t, db, "1,one", "SELECT * FROM a")
		wantRows(t, db, "2", "SELECT COUNT(*) FROM b")
		wantRows(t, db, "x,red,1", "SELECT b.id, b.team, a.id FROM b JOIN a ON a.id = b.secret_n")
		// Swap through a temporary name, in one statement; and back by ALTER.
		mustExec(t, db, `RENAME TABLE a TO tmp, b TO a, tmp TO b`)
		wantRows(t, db, "2", "SELECT COUNT(*) FROM a")
		wantRows(t, db, "1,one", "SELECT * FROM b")
		mustExec(t, db, `ALTER TABLE b RENAME TO c, ADD w INT DEFAULT 2`)
		wantRows(t, db, "1,one,2", "SELECT * FROM c")
		consistent(t, c, "a", "c")
		mustExec(t, db, `DROP TABLE c`)
		wantRows(t, db, "x;y", "SELECT id FROM a ORDER BY id")
		mustExec(t, db, `TRUNCATE TABLE a`)
		wantRows(t, db, "0", "SELECT COUNT(*) FROM a")
		mustExec(t, db, `INSERT INTO a VALUES ('x', 'x@a.io', 'red', 1)`) // the UNIQUE claims went too
		consistent(t, c, "a")
	})
}

// TestTruncate: every row and entry goes, the schema and the AUTO_INCREMENT
// sequence stay.
func TestTruncate(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		db, c := connect(t, dsn)
		mustExec(t, db, `CREATE TABLE tr (id BIGINT AUTO_INCREMENT PRIMARY KEY, k VARCHAR(5), INDEX byK (k), UNIQUE INDEX uk (k))`)
		mustExec(t, db, `INSERT INTO tr (k) VALUES ('a'), ('b'), ('c')`)
		before := showCreate(t, db, "tr")
		mustExec(t, db, `TRUNCATE tr`)
		wantRows(t, db, "0", "SELECT COUNT(*) FROM tr")
		wantRows(t, db, "", "SELECT id FROM tr WHERE k = 'a'")
		if after := showCreate(t, db, "tr"); after != before {
			t.Errorf("TRUNCATE changed the schema:\n%s", after)
		}
		res := mustExec(t, db, `INSERT INTO tr (k) VALUES ('a')`)
		if id, err := res.LastInsertId(); err != nil || id != 4 {
			t.Errorf("LastInsertId after TRUNCATE = %d, %v; want 4 (values are never reused)", id, err)
		}
		consistent(t, c, "tr")
	})
}

// TestCheckConstraints: column and table CHECKs on INSERT and UPDATE.
func TestCheckConstraints(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		mustExec(t, db, `CREATE TABLE ck (id VARCHAR(5) PRIMARY KEY, price DECIMAL(6,2) CHECK (price >= 0),
			lo INT, hi INT, CONSTRAINT ordered CHECK (lo <= hi), CHECK (LENGTH(id) > 1))`)
		mustExec(t, db, `INSERT INTO ck VALUES ('u1', 1.5, 1, 2), ('u2', NULL, NULL, 3)`) // NULL passes
		for _, c := range []struct{ sql, want string }{
			{`INSERT INTO ck VALUES ('u3', -1, 1, 2)`, "check constraint 'ck_chk_1' is violated for row id 'u3' of table ck"},
			{`INSERT INTO ck VALUES ('u4', 1, 1, 2), ('u5', 1, 3, 2)`, "row 2: check constraint 'ordered' is violated for row id 'u5'"},
			{`INSERT INTO ck VALUES ('x', 1, 1, 2)`, "check constraint 'ck_chk_2' is violated for row id 'x'"},
			{`UPDATE ck SET lo = 10 WHERE id = 'u1'`, "check constraint 'ordered' is violated for row id 'u1'"},
			{`UPDATE ck SET price = price - 5`, "check constraint 'ck_chk_1' is violated for row id 'u1'"},
		} {
			_, err := db.Exec(c.sql)
			wantErr(t, err, c.want)
		}
		wantRows(t, db, "u1,1.50,1,2;u2,NULL,NULL,3", "SELECT * FROM ck ORDER BY id") // nothing written
		mustExec(t, db, `UPDATE ck SET lo = 2 WHERE id = 'u1'`)
		want := "CREATE TABLE `ck` (\n  `id` VARCHAR(5) NOT NULL,\n  `price` DECIMAL(6,2),\n  `lo` INT,\n  `hi` INT,\n  PRIMARY KEY (`id`),\n" +
			"  CONSTRAINT `ck_chk_1` CHECK ((price >= 0)),\n  CONSTRAINT `ordered` CHECK ((lo <= hi)),\n  CONSTRAINT `ck_chk_2` CHECK ((LENGTH(id) > 1))\n) BEHAVIOR = 'body-overflow'"
		if got := showCreate(t, db, "ck"); got != want {
			t.Errorf("SHOW CREATE TABLE:\n%s\nwant\n%s", got, want)
		}
		// A renamed column is renamed in the constraints that use it.
		mustExec(t, db, `ALTER TABLE ck RENAME COLUMN lo TO low`)
		_, err := db.Exec(`UPDATE ck SET low = 10 WHERE id = 'u1'`)
		wantErr(t, err, "check constraint 'ordered' is violated for row id 'u1'")
		if got := showCreate(t, db, "ck"); !strings.Contains(got, "CONSTRAINT `ordered` CHECK ((low <= hi))") {
			t.Errorf("after RENAME COLUMN:\n%s", got)
		}
		_, err = db.Exec(`CREATE TABLE ck2 (a INT, CHECK (FOO(a) > 0))`)
		wantErr(t, err, "check constraint 'ck2_chk_1'")
	})
}

// TestTimestampsAndUUIDDefault: TIMESTAMPS = ON maintains createdAt and
// updatedAt; DEFAULT (UUID()) gives each row a new UUID.
func TestTimestampsAndUUIDDefault(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		mustExec(t, db, `CREATE TABLE ts (id UUID PRIMARY KEY DEFAULT (UUID()), ref VARCHAR(36) DEFAULT (UUID()), v INT) TIMESTAMPS = ON`)
		_, err := db.Exec(`CREATE TABLE bad (id CHAR(20) DEFAULT (UUID()))`)
		wantErr(t, err, "UUID() needs a UUID, CHAR(36), VARCHAR(36) or longer, or TEXT column, not CHAR(20)")
		start := time.Now().UTC().Add(-time.Second)
		mustExec(t, db, `INSERT INTO ts (v) VALUES (1), (2)`)
		mustExec(t, db, `INSERT INTO ts (v, createdAt) VALUES (3, '2020-01-02 03:04:05.678')`)
		rows := queryRows(t, db, `SELECT id, ref, v, createdAt, updatedAt FROM ts ORDER BY v`)
		if len(rows) != 3 {
			t.Fatalf("rows: %v", rows)
		}
		seen := map[string]bool{}
		for _, r := range rows {
			for _, u := range r[:2] {
				if len(u) != 36 || u[14] != '4' || seen[u] {
					t.Errorf("not a new version 4 UUID: %q", u)
				}
				seen[u] = true
			}
		}
		stamps := func(v int) (created, updated time.Time) {
			t.Helper()
			if err := db.QueryRow(`SELECT createdAt, updatedAt FROM ts WHERE v = ?`, v).Scan(&created, &updated); err != nil {
				t.Fatal(err)
			}
			return created, updated
		}
		c1, u1 := stamps(1)
		if c1.Before(start) || !c1.Equal(u1) || c1.Nanosecond()%int(time.Millisecond) != 0 {
			t.Errorf("inserted: createdAt %v, updatedAt %v", c1, u1)
		}
		if c3, _ := stamps(3); c3.Format("2006-01-02 15:04:05.000") != "2020-01-02 03:04:05.678" {
			t.Errorf("a given createdAt is kept: %v", c3)
		}
		time.Sleep(5 * time.Millisecond)
		mustExec(t, db, `UPDATE ts SET v = 10 WHERE v = 1`)
		c10, u10 := stamps(10)
		if !c10.Equal(c1) || !u10.After(u1) {
			t.Errorf("updated: createdAt %v (was %v), updatedAt %v (was %v)", c10, c1, u10, u1)
		}
		if res := mustExec(t, db, `UPDATE ts SET v = 10 WHERE v = 10`); affected(t, res) != 0 {
			t.Errorf("an UPDATE that changes nothing changed updatedAt")
		}
		mustExec(t, db, `UPDATE ts SET v = 11, updatedAt = '2021-01-01' WHERE v = 10`)
		if _, u := stamps(11); u.Year() != 2021 {
			t.Errorf("a given updatedAt is kept: %v", u)
		}
		create := showCreate(t, db, "ts")
		for _, want := range []string{"`id` UUID NOT NULL DEFAULT (UUID()),", "`ref` VARCHAR(36) DEFAULT (UUID())", "`createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP", ") BEHAVIOR = 'body-overflow' TIMESTAMPS = ON"} {
			if !strings.Contains(create, want) {
				t.Errorf("SHOW CREATE TABLE lacks %q:\n%s", want, create)
			}
		}
		mustExec(t, db, showCreateAs(create, "ts2"))
		if again := showCreate(t, db, "ts2"); again != strings.Replace(create, "`ts`", "`ts2`", 1) {
			t.Errorf("round trip:\n%s\n%s", create, again)
		}
		_, err = db.Exec(`ALTER TABLE ts DROP createdAt`)
		wantErr(t, err, "TIMESTAMPS = ON maintains it")
	})
}

func affected(t *testing.T, res sql.Result) int64 {
	t.Helper()
	n, err := res.RowsAffected()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestAutoIncrement: a distributed sequence per column, LastInsertId, and
// concurrent inserters through two clients never sharing a value.
func TestAutoIncrement(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string, db *sql.DB) {
		mustExec(t, db, `CREATE TABLE ai (id BIGINT AUTO_INCREMENT PRIMARY KEY, v TEXT)`)
		lastID := func(res sql.Result) int64 {
			t.Helper()
			id, err := res.LastInsertId()
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		if id := lastID(mustExec(t, db, `INSERT INTO ai (v) VALUES ('a')`)); id != 1 {
			t.Errorf("LastInsertId = %d, want 1", id)
		}
		if id := lastID(mustExec(t, db, `INSERT INTO ai (v) VALUES ('b'), ('c'), ('d')`)); id != 2 {
			t.Errorf("LastInsertId of 3 rows = %d, want 2 (the first, as MySQL)", id)
		}
		mustExec(t, db, `INSERT INTO ai VALUES (10, 'ten')`) // an explicit value raises the sequence
		if id := lastID(mustExec(t, db, `INSERT INTO ai (id, v) VALUES (NULL, 'e'), (0, 'f')`)); id != 11 {
			t.Errorf("LastInsertId after 10 = %d, want 11", id)
		}
		wantRows(t, db, "1,a;2,b;3,c;4,d;10,ten;11,e;12,f", "SELECT * FROM ai ORDER BY id")
		_, err := mustExec(t, db, `UPDATE ai SET v = 'x' WHERE id = 1`).LastInsertId()
		wantErr(t, err, "LastInsertId is not available")
		_, err = mustExec(t, db, `CREATE TABLE plain (id INT PRIMARY KEY)`).LastInsertId()
		wantErr(t, err, "LastInsertId is not available")

		// Concurrent inserters on two clients, one reserving blocks of 5.
		db2, _ := connect(t, dsn, s3db.WithAutoIncrementBlock(5))
		mustExec(t, db, `CREATE TABLE seq (n INT AUTO_INCREMENT, who VARCHAR(5))`) // not the key
		const workers, each = 4, 5
		errs := make(chan error, 2*workers)
		ids := make(chan int64, 2*workers*each)
		for w := 0; w < 2*workers; w++ {
			go func(d *sql.DB) {
				for i := 0; i < each; i++ {
					res, err := d.Exec(`INSERT INTO seq (who) VALUES ('w')`)
					if err != nil {
						errs <- err
						return
					}
					id, err := res.LastInsertId()
					if err != nil {
						errs <- err
						return
					}
					ids <- id
				}
				errs <- nil
			}(map[bool]*sql.DB{true: db, false: db2}[w%2 == 0])
		}
		for w := 0; w < 2*workers; w++ {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		close(ids)
		seen := map[int64]bool{}
		for id := range ids {
			if seen[id] {
				t.Errorf("value %d handed out twice", id)
			}
			seen[id] = true
		}
		wantRows(t, db, "40,40", "SELECT COUNT(*), COUNT(DISTINCT n) FROM seq")
		if !strings.Contains(showCreate(t, db, "seq"), "`n` INT AUTO_INCREMENT,") {
			t.Errorf("SHOW CREATE TABLE: %s", showCreate(t, db, "seq"))
		}
		_, err = db.Exec(`CREATE TABLE two (a INT AUTO_INCREMENT, b INT AUTO_INCREMENT)`)
		wantErr(t, err, "there can be only one AUTO_INCREMENT column")
	})
}

// TestInformationSchema: information_schema.tables and .columns.
func TestInformationSchema(t *testing.T) {
	db := open(t, "mem://")
	mustExec(t, db, `CREATE TABLE users (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL DEFAULT 'x' COMMENT 'full name',
		email EMAIL UNIQUE, team VARCHAR(5), price DECIMAL(8,2), at DATETIME(3), INDEX byTeam (team)) COMMENT 'people'`)
	mustExec(t, db, `CREATE TABLE logs (msg TEXT) TIMESTAMPS = ON`)
	wantRows(t, db, "s3db,logs,BASE TABLE,;s3db,users,BASE TABLE,people",
		"SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, TABLE_COMMENT FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY TABLE_NAME")
	wantRows(t, db, "id,1,NULL,NO,int,int,PRI,auto_increment,;name,2,x,NO,varchar,varchar(20),,,full name;email,3,NULL,YES,email,email,UNI,,;team,4,NULL,YES,varchar,varchar(5),MUL,,;price,5,NULL,YES,decimal,decimal(8,2),,,;at,6,NULL,YES,datetime,datetime(3),,,",
		"SELECT COLUMN_NAME, ORDINAL_POSITION, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE, COLUMN_TYPE, COLUMN_KEY, EXTRA, COLUMN_COMMENT FROM INFORMATION_SCHEMA.COLUMNS c WHERE c.TABLE_NAME = 'users' ORDER BY ORDINAL_POSITION")
	wantRows(t, db, "id,varchar(22);msg,text;createdAt,datetime(3);updatedAt,datetime(3)",
		"SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.columns WHERE TABLE_NAME = 'logs'")
	wantRows(t, db, "10,true", "SELECT NUMERIC_PRECISION, CHARACTER_MAXIMUM_LENGTH IS NULL FROM information_schema.columns WHERE COLUMN_NAME = 'id' AND TABLE_NAME = 'users'")
	_, err := db.Query("SELECT * FROM information_schema.routines")
	wantErr(t, err, "information_schema.routines is not available")
}

// TestSchemaChangeRequests pins what each schema change costs in requests
// (README, docs/FORMAT.md): catalog-only changes are a GET and a PUT of
// s3db.json whatever the table's size; a change that must check the rows
// adds a full scan; nothing rewrites a row.
func TestSchemaChangeRequests(t *testing.T) {
	db, counting := countingDB(t, "mem://?concurrency=4")
	mustExec(t, db, `CREATE TABLE u (id INT PRIMARY KEY, name VARCHAR(20), n INT)`)
	mustExec(t, db, `INSERT INTO u VALUES (1,'a',1),(2,'b',2),(3,'c',3),(4,'d',4),(5,'e',5),(6,'f',6),(7,'g',7),(8,'h',8),(9,'i',9),(10,'j',10)`)
	mustExec(t, db, `CREATE TABLE ai (id BIGINT AUTO_INCREMENT PRIMARY KEY, v INT)`)
	for _, c := range []struct {
		name, sql string
		want      storage.Counts
	}{
		{"ADD COLUMN: catalog only", `ALTER TABLE u ADD age INT DEFAULT 1`, storage.Counts{Get: 1, Put: 1}},
		{"DROP / RENAME COLUMN, SET DEFAULT: catalog only", `ALTER TABLE u DROP age, RENAME COLUMN name TO title, ALTER n SET DEFAULT 0`, storage.Counts{Get: 1, Put: 1}},
		{"MODIFY of a type: + a scan that checks every row", `ALTER TABLE u MODIFY n BIGINT`, storage.Counts{Get: 11, List: 1, Put: 1}},
		{"ADD CHECK: + a scan", `ALTER TABLE u ADD CHECK (n > 0)`, storage.Counts{Get: 11, List: 1, Put: 1}},
		{"ADD INDEX: + CREATE INDEX (catalog PUT, scan, 1 PUT per row)", `ALTER TABLE u ADD INDEX byN (n)`, storage.Counts{Get: 11, List: 1, Put: 12}},
		{"DROP INDEX: + 1 LIST per 1000 entries, 1 DELETE per entry", `ALTER TABLE u DROP INDEX byN`, storage.Counts{Get: 1, Put: 1, List: 1, Delete: 10}},
		{"RENAME TABLE: catalog only", `RENAME TABLE u TO v`, storage.Counts{Put: 1}},
		{"ALTER TABLE RENAME TO: catalog only", `ALTER TABLE v RENAME TO u`, storage.Counts{Get: 1, Put: 1}},
		{"TRUNCATE: 1 LIST per 1000 objects, 1 DELETE per object", `TRUNCATE TABLE u`, storage.Counts{Get: 1, List: 1, Delete: 10}},
		{"INSERT with AUTO_INCREMENT: + GET and PUT of the sequence", `INSERT INTO ai (v) VALUES (1), (2), (3)`, storage.Counts{Get: 1, Put: 4}},
		{"INSERT with an explicit AUTO_INCREMENT value: + GET (and PUT) of the sequence", `INSERT INTO ai VALUES (100, 1)`, storage.Counts{Get: 1, Put: 2}},
	} {
		before := counting.Counts()
		mustExec(t, db, c.sql)
		if got := counting.Counts().Sub(before); got != c.want {
			t.Errorf("%s: %s\n got %v\nwant %v", c.name, c.sql, got, c.want)
		}
	}
	// An incompatible MODIFY: the scan stops at the first bad row (the GETs
	// in flight then are not waited for), nothing is written.
	before := counting.Counts()
	mustExec(t, db, `INSERT INTO u VALUES (1, 'a', 1), (2, 'b', 2)`)
	if _, err := db.Exec(`ALTER TABLE u MODIFY title INT`); err == nil {
		t.Fatal("MODIFY title INT of 'a' succeeded")
	}
	if got := counting.Counts().Sub(before); got.Put != 2 || got.List != 1 || got.Delete != 0 {
		t.Errorf("incompatible MODIFY made %v, want 1 LIST, GETs and no write", got)
	}
}

// TestAlterSecretColumns: SECRET values are bound to the table's storage
// name and the column's field code, so RENAME TABLE and RENAME COLUMN keep
// them readable; MODIFY to and from SECRET converts old rows on read.
func TestAlterSecretColumns(t *testing.T) {
	db := open(t, withParam("mem://", "passphrase=pw"))
	mustExec(t, db, `CREATE TABLE c (id INT PRIMARY KEY, card SECRET(20), note TEXT)`)
	mustExec(t, db, `INSERT INTO c VALUES (1, '4111', 'plain')`)
	mustExec(t, db, `RENAME TABLE c TO cards`)
	mustExec(t, db, `ALTER TABLE cards RENAME COLUMN card TO pan, MODIFY note SECRET(20)`)
	mustExec(t, db, `INSERT INTO cards VALUES (2, '5500', 'hidden')`)
	wantRows(t, db, "1,4111,plain;2,5500,hidden", "SELECT * FROM cards ORDER BY id")
	mustExec(t, db, `ALTER TABLE cards MODIFY pan VARCHAR(20)`)
	wantRows(t, db, "1,4111,plain;2,5500,hidden", "SELECT * FROM cards ORDER BY id")
	mustExec(t, db, `ALTER TABLE cards MODIFY pan INT`)
	wantRows(t, db, "5500", "SELECT pan FROM cards WHERE pan > 5000")
}

// TestAlterAddsFirstSecret: the database's first SECRET column, added by
// ALTER TABLE, creates the key as CREATE TABLE does (and needs a passphrase).
func TestAlterAddsFirstSecret(t *testing.T) {
	db := open(t, withParam("mem://", "passphrase=pw"))
	mustExec(t, db, `CREATE TABLE c (id INT PRIMARY KEY)`)
	mustExec(t, db, `INSERT INTO c VALUES (1)`)
	mustExec(t, db, `ALTER TABLE c ADD s SECRET(10)`)
	mustExec(t, db, `INSERT INTO c VALUES (2, 'x')`)
	wantRows(t, db, "1,NULL;2,x", "SELECT * FROM c ORDER BY id")
	t.Setenv("S3DB_PASSPHRASE", "")
	plain := open(t, "mem://")
	mustExec(t, plain, `CREATE TABLE c (id INT PRIMARY KEY)`)
	_, err := plain.Exec(`ALTER TABLE c ADD s SECRET(10)`)
	wantErr(t, err, "ALTER TABLE c adds a SECRET column")
}
