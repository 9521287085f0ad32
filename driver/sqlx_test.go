package driver_test

import (
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
)

type user struct {
	ID      string    `db:"id"`
	Name    string    `db:"name"`
	Age     *int64    `db:"age"`
	Active  bool      `db:"active"`
	Created time.Time `db:"created"`
}

// TestSQLX: sqlx works on top of s3db as on any database/sql driver: struct
// scanning, Select/Get, and named queries (which sqlx compiles to `?`).
func TestSQLX(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			db, err := sqlx.Open("s3db", b.dsn(t))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			db.MustExec(`CREATE TABLE users (id VARCHAR(22) PRIMARY KEY, name VARCHAR(50) NOT NULL, age INT, active BOOLEAN NOT NULL DEFAULT TRUE, created DATETIME NOT NULL)`)
			at := time.Date(2025, 5, 6, 7, 8, 9, 0, time.UTC)
			age := int64(33)
			for _, u := range []user{{ID: "u1", Name: "Ana", Age: &age, Active: true, Created: at}, {ID: "u2", Name: "Bo", Created: at}} {
				if _, err := db.NamedExec(`INSERT INTO users (id, name, age, active, created) VALUES (:id, :name, :age, :active, :created)`, u); err != nil {
					t.Fatal(err)
				}
			}
			var users []user
			if err := db.Select(&users, `SELECT * FROM users ORDER BY name`); err != nil {
				t.Fatal(err)
			}
			if len(users) != 2 || users[0].Name != "Ana" || *users[0].Age != 33 || !users[0].Active || users[1].Age != nil || users[1].Active || !users[0].Created.Equal(at) {
				t.Fatalf("Select gave %+v", users)
			}
			var one user
			if err := db.Get(&one, `SELECT * FROM users WHERE id = ?`, "u2"); err != nil || one.Name != "Bo" {
				t.Fatalf("Get: %+v, %v", one, err)
			}
			query, args, err := sqlx.In(`SELECT name FROM users WHERE id IN (?) ORDER BY name`, []string{"u1", "u2"})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			if err := db.Select(&names, query, args...); err != nil || len(names) != 2 {
				t.Fatalf("sqlx.In: %v, %v", names, err)
			}
		})
	}
}
