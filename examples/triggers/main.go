// Command triggers shows s3db's triggers and Go hooks: an audit-log trigger
// written in SQL, a Go hook called from a trigger, and a change listener.
//
//	go run ./examples/triggers            # in memory
//	go run ./examples/triggers file:./demo # or any DSN
package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log"
	"os"
	"strings"

	s3db "github.com/s3db-go/s3db/driver"
	"github.com/s3db-go/s3db/events"
)

func main() {
	dsn := "mem://triggers-example"
	if len(os.Args) > 1 {
		dsn = os.Args[1]
	}
	if err := run(dsn, os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func run(dsn string, out io.Writer) error {
	cfg, err := s3db.ParseDSN(dsn)
	if err != nil {
		return err
	}
	connector, err := s3db.NewConnector(cfg,
		// A Go hook: trigger bodies run it with CALL normalize_email(). In a
		// BEFORE trigger it may change the row, or refuse it with an error.
		s3db.WithHook("normalize_email", func(ctx context.Context, c *events.Call) error {
			v, _ := c.New.Get("email")
			email := strings.ToLower(strings.TrimSpace(fmt.Sprint(v)))
			if !strings.Contains(email, "@") {
				return fmt.Errorf("%q is not an email address", email)
			}
			return c.New.Set("email", email)
		}),
		// A listener: every row changed through this connector.
		s3db.WithListener(events.All, func(ev events.Event) {
			fmt.Fprintf(out, "event: %s %s old=%v new=%v\n", ev.Kind, ev.Table, ev.Old["email"], ev.New["email"])
		}, events.OnTables("users")),
	)
	if err != nil {
		return err
	}
	db := sql.OpenDB(connector)
	defer db.Close()

	for _, stmt := range []string{
		`CREATE TABLE IF NOT EXISTS users (id VARCHAR(22) PRIMARY KEY, email VARCHAR(100) NOT NULL)`,
		`CREATE TABLE IF NOT EXISTS audit (id VARCHAR(22) PRIMARY KEY, userId VARCHAR(22), old VARCHAR(100), new VARCHAR(100))`,
		`CREATE TRIGGER IF NOT EXISTS clean BEFORE INSERT ON users FOR EACH ROW CALL normalize_email()`,
		`CREATE TRIGGER IF NOT EXISTS audit_email AFTER UPDATE ON users FOR EACH ROW
		   IF OLD.email <> NEW.email THEN
		     INSERT INTO audit (userId, old, new) VALUES (NEW.id, OLD.email, NEW.email);
		   END IF`,
		`INSERT INTO users (id, email) VALUES ('ana', '  Ana@Example.COM ')`,
		`UPDATE users SET email = 'ana@example.org' WHERE id = 'ana'`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	if _, err := db.Exec(`INSERT INTO users (id, email) VALUES ('bo', 'not-an-email')`); err != nil {
		fmt.Fprintln(out, "refused by the hook:", err)
	}
	rows, err := db.Query(`SELECT userId, old, new FROM audit`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var user, old, new string
		if err := rows.Scan(&user, &old, &new); err != nil {
			return err
		}
		fmt.Fprintf(out, "audit: %s changed email from %s to %s\n", user, old, new)
	}
	return rows.Err()
}
