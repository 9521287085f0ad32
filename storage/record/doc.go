// Package record maps a table row to an S3 object and back.
//
// # Keys
//
// A row lives at resource=<table>/data/id=<key>, where <key> is the primary
// key's text with every byte outside [A-Za-z0-9-_.~] percent-escaped, so
// '/', '=', '%' and non-ASCII can never break the layout. Every prefix used
// to find objects ends in '/': table "user" never sees the rows of "users".
//
// # Values
//
// A row's columns are stored as S3 user metadata, one entry per non-NULL
// column, named by the column's field code (see schema.Column.Code). The
// primary key is not repeated: it is the object key. Metadata "_v" holds the
// schema version the row was written with. Values are text; text that is
// not printable ASCII, is empty, has leading or trailing blanks, or starts
// with '~' is stored as "~u" + percent-escapes or "~b" + base64, whichever is
// shorter, so every S3 implementation stores it unchanged. Sizes are counted
// on these encoded bytes, exactly as S3 counts its 2 KB limit.
//
// # Behaviors (the 2 KB metadata limit)
//
//   - body-overflow (default): everything in metadata if it fits; otherwise
//     the smallest fields stay in metadata and the rest go to the body as a
//     JSON object, with metadata "_l" = "b".
//   - body-only: every field in the body.
//   - enforce-limits: a row that does not fit is rejected before any request,
//     naming the largest columns.
//   - user-managed: metadata is sent as is; the store rejects an oversize row.
//   - truncate-data: not implemented yet (CREATE TABLE accepts it only when
//     the record-format issue lands).
//
// # ETags and the write token
//
// S3's ETag is the MD5 of the body alone. A row whose fields all sit in
// metadata would keep the same ETag across updates, and If-Match could not
// detect a concurrent change. Every write therefore puts a random 16-byte
// write token in the body (alone, or as field "_w" of the JSON body), so
// every version of a row has a distinct ETag.
//
// The exact format, for other implementations, is in docs/FORMAT.md.
package record
