package driver_test

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

// TestShowCreateTableRoundTrip: SHOW CREATE TABLE's output creates the same
// table again; the outputs are pinned in testdata/showcreate.golden.
func TestShowCreateTableRoundTrip(t *testing.T) {
	t.Setenv("S3DB_PASSPHRASE", "pw")
	db := open(t, "mem://")
	ddl := []string{
		`CREATE TABLE users (name VARCHAR(100) NOT NULL COMMENT 'display name', age INT DEFAULT 18, email EMAIL UNIQUE,
			team ENUM('red','blue') DEFAULT 'red', at DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3), INDEX byTeam (team, age)) COMMENT = 'people''s table'`,
		`CREATE TABLE orders (id INT PRIMARY KEY, total DECIMAL(10,2) NOT NULL DEFAULT 0, note TEXT, card SECRET(19), ip IP4,
			u UUID, emb VECTOR(3), ok BOOLEAN DEFAULT TRUE, tag VARCHAR(10) DEFAULT 'it''s') BEHAVIOR = 'body-only'`,
		`CREATE TABLE events (seq BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, ref CHAR(36) NOT NULL DEFAULT (UUID()),
			lo INT CHECK (lo >= 0), hi INT, kind VARCHAR(10) CONSTRAINT kind_set CHECK (kind IN ('a', 'b')),
			CONSTRAINT ordered CHECK (lo <= hi OR hi IS NULL)) TIMESTAMPS = ON`,
	}
	var out strings.Builder
	for _, d := range ddl {
		mustExec(t, db, d)
	}
	for _, name := range []string{"events", "orders", "users"} {
		shown := queryRows(t, db, "SHOW CREATE TABLE "+name)[0][1]
		out.WriteString(shown + "\n\n")
		mustExec(t, db, "DROP TABLE "+name)
		mustExec(t, db, shown)
		if again := queryRows(t, db, "SHOW CREATE TABLE "+name)[0][1]; again != shown {
			t.Errorf("round trip of %s changed it:\n%s\n---\n%s", name, shown, again)
		}
	}
	const path = "testdata/showcreate.golden"
	if *update {
		os.MkdirAll("testdata", 0o755)
		os.WriteFile(path, []byte(out.String()), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != string(want) {
		t.Errorf("SHOW CREATE TABLE output differs from %s (go test -update):\n%s", path, out.String())
	}
}
