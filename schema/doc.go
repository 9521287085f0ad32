// Package schema is s3db's type system and catalog.
//
// # Types and values
//
// A column's Type has a Kind that fixes how its values live in memory, the
// engine's value domain: nil (NULL), string (CHAR/VARCHAR/TEXT, EMAIL, URL,
// JSON text, TIME as 'HH:MM:SS[.ffffff]', ENUM members, canonical UUIDs and
// IP addresses, vectors as JSON text), int64 (TINYINT..BIGINT), uint64
// (... UNSIGNED), Decimal (DECIMAL, exact), float64 (FLOAT/DOUBLE), bool
// (BOOLEAN), []byte (BINARY, VARBINARY, BLOBs) and time.Time in UTC
// (DATE/DATETIME/TIMESTAMP). Coerce converts any value to a column's type the
// way MySQL's strict mode does on INSERT and UPDATE: '42' into INT is 42, 1.6
// into INT is 2, 'abc' into INT is an error naming the value; lengths count
// characters (bytes for binary types), integer ranges follow the declared
// type, DECIMAL rounds to its scale, ENUM checks membership, the extension
// types validate their format (extension.go). docs/TYPES.md lists them all.
//
// # Tables
//
// NewTable validates a CREATE TABLE. A table without a declared PRIMARY KEY
// gets an implicit `id VARCHAR(22)` key, as every s3db.js resource has; its
// values are generated on INSERT. Every column gets a field code (base36 of a
// per-table counter) that names it in row metadata; codes are never reused,
// so a dropped column's stored values can never be mistaken for a new one's.
//
// # Catalog
//
// The catalog (every table) is one JSON object, s3db.json, under the
// database prefix. Store caches it per connector and changes it only by
// compare-and-swap: Update re-reads and re-applies a change after losing a
// race, so two clients creating tables at once both succeed. A cached catalog
// is trusted for DefaultCatalogTTL; a statement naming an unknown table
// re-reads it at once, so a table created elsewhere is usable immediately,
// and other DDL becomes visible within the TTL.
//
// A catalog that does not decode is repaired when that loses nothing
// (heal.go): the broken original is kept as a backup object and Store.OnHeal
// hears of it; otherwise reading it is an error naming it (ErrCatalogCorrupt),
// never an empty catalog.
//
// # Schema changes
//
// Table.Alter applies an ALTER TABLE to a copy of a table (alter.go). A change
// of columns makes a new schema Version that keeps what rows of older versions
// need to be read without rewriting them (version.go): an added column's
// Since and Fill (the value older rows read), a dropped column's Burned code,
// a modified column's History of types. Alteration.Scan tells the executor
// that every row must be checked (Table.Upgrade) before the change is
// committed. A table's objects stay under its StorageName, fixed at CREATE
// TABLE, so RENAME TABLE changes only the catalog. CHECK constraints are
// stored as SQL text and parsed back (check.go); TIMESTAMPS = ON adds
// createdAt/updatedAt; AUTO_INCREMENT marks one integer column.
//
// Caveats: what the dialect does not have yet is rejected with a clear
// error; the catalog format is 3 when a table uses schema changes or the
// constraints above, so an older s3db refuses it rather than misread rows.
package schema
