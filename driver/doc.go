// Package driver is the database/sql driver "s3db": a SQL database stored in
// S3, in any S3-compatible server, in a local folder, or in memory.
//
//	import _ "github.com/s3db-go/s3db/driver"
//
//	db, err := sql.Open("s3db", "s3://KEY:SECRET@bucket/app?region=eu-west-1")
//	db, err := sql.Open("s3db", "file:./data")   // embedded, no server
//	db, err := sql.Open("s3db", "mem://test")    // in-process
//
// The DSN forms and parameters are in ParseDSN; a Go program can pass what a
// string cannot (a custom storage.Bucket, a catalog TTL) with NewConnector and
// sql.OpenDB.
//
// # Concepts
//
// One file per database/sql concept: the Driver (driver.go), the Connector
// (connector.go) that owns the storage client and the catalog cache shared by
// every connection of a sql.DB, the connection (conn.go), prepared statements
// (stmt.go), streamed result rows (rows.go), results (result.go),
// transactions (tx.go) and errors (errors.go). A statement travels
// driver → sqlparse → planner → planner/exec → storage.
//
// # Caveats
//
//   - Placeholders are `?`; sql.Named arguments are rejected.
//   - BEGIN/db.Begin fail with a clear error: there are no multi-statement
//     transactions yet. Each statement is atomic per row, and UPDATE/DELETE
//     never lose a concurrent change (compare-and-swap on the row's ETag).
//   - LastInsertId is the first AUTO_INCREMENT value an INSERT generated
//     (MySQL's rule); without one it is an error (generated string keys are
//     22-character strings: SELECT them).
//   - DDL from another client becomes visible within the catalog TTL; a
//     statement that meets a row written under a newer schema version
//     re-reads the catalog and runs again, once, if it has not yet returned
//     a row or changed one.
//   - Every error is a *Error with a Code; messages never contain the secret
//     key, session token or passphrase.
package driver
