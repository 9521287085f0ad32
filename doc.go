// Package s3db holds the Go types that programs use with the s3db driver
// beyond database/sql's own. The driver itself is
// github.com/s3db-go/s3db/driver (import it for its side effect:
// sql.Open("s3db", dsn)).
//
//	var v s3db.Vector
//	err := db.QueryRow(`SELECT embedding FROM docs WHERE id = ?`, id).Scan(&v)
//	_, err = db.Exec(`INSERT INTO docs (id, embedding) VALUES (?, ?)`, id, s3db.Vector{0.1, 0.2})
package s3db
