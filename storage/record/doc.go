// Package record maps a table row to an S3 object and back: the record
// format. docs/FORMAT.md describes it exactly; testdata/row.golden and
// testdata/row_v1.golden pin it.
//
// # Keys
//
// A row lives at resource=<table>/data/id=<key>, where <key> is the primary
// key's text with every byte outside [A-Za-z0-9-_.~] percent-escaped, so
// '/', '=', '%' and non-ASCII can never break the layout. Every prefix used
// to find objects ends in '/': table "user" never sees the rows of "users".
// Partition entries (PartitionKey) name their columns by field code and
// their values by KeyValue, an order-preserving encoding: the byte order of
// keys is the SQL order of values, so range predicates become LIST ranges.
//
// # Values
//
// A row's columns are stored as S3 user metadata, one entry per non-NULL
// column, named by the column's field code (see schema.Column.Code). The
// primary key is not repeated: it is the object key. Metadata "_v" holds the
// schema version the row was written with, "_f" the record format (2; rows
// without it are format 1 and still decode). Values are encoded compactly
// and exactly by type (value.go): integers, dates and times in base62,
// DECIMAL as its unscaled integer, bytes, UUIDs, addresses and vectors in
// Ascii85. Text that is not printable ASCII, is empty, has leading or
// trailing blanks, or starts with '~' is stored as "~u" + percent-escapes or
// "~b" + base64, whichever is shorter, so every S3 implementation stores it
// unchanged. Sizes are counted on these bytes, exactly as S3 counts its 2 KB
// limit.
//
// # Behaviors (the 2 KB metadata limit)
//
//   - body-overflow (default): everything in metadata if it fits; otherwise
//     the smallest fields stay in metadata and the rest go to the body as a
//     JSON object, with metadata "_l" = "b".
//   - body-only: every field in the body.
//   - enforce-limits: a row that does not fit is rejected before any request,
//     naming the largest columns.
//   - truncate-data: text values (CHAR, VARCHAR, TEXT) are cut at a UTF-8
//     boundary to fit, smallest first kept whole, and the row is marked
//     "_t" = "1"; a row whose other columns alone do not fit is rejected.
//   - user-managed: metadata is sent as is; the store rejects an oversize row.
//
// # ETags and the write token
//
// S3's ETag is the MD5 of the body alone. A row whose fields all sit in
// metadata would keep the same ETag across updates, and If-Match could not
// detect a concurrent change. Every write therefore puts a random 16-byte
// write token in the body (alone, or as field "_w" of the JSON body), so
// every version of a row has a distinct ETag.
//
// # Errors
//
// Decode names the object key in every error (ErrCorrupt): a bad version or
// format, an unknown field code, a value that is not its type's canonical
// encoding, metadata over the limit. ErrNewerSchema asks the caller to
// re-read the catalog.
package record
