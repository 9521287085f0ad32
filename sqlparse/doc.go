// Package sqlparse turns SQL text into s3db's statement IR (ast.go): the only
// shape of SQL that the planner and the driver see.
//
// # IR and TiDB
//
// The grammar is MySQL's, parsed by github.com/pingcap/tidb/pkg/parser. This
// package is the only importer of that parser, and none of its types leaves
// the package: Parse translates TiDB's AST into the IR and rejects whatever
// the IR cannot express. The IR keeps names as written (compare them
// case-insensitively), upper-cases function names and type names, and
// normalises what TiDB leaves ambiguous:
//
//   - type synonyms: INTEGER is INT, BOOL is BOOLEAN, REAL and DOUBLE
//     PRECISION are DOUBLE, NUMERIC and DEC are DECIMAL, SERIAL is BIGINT
//     UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE; TypeSpec.Length and Scale are
//     what the user wrote, -1 when not given (for DATETIME, TIMESTAMP and
//     TIME, Length is the fractional seconds precision). In a CAST, SIGNED
//     and UNSIGNED are BIGINT [UNSIGNED] and CHAR stays CHAR.
//   - literals: TRUE and FALSE are bools, integers int64 (uint64 beyond
//     int64), decimal and float literals float64, and a minus sign before a
//     number is folded into it (DEFAULT -1 is a constant).
//   - COUNT(*) is Func{Name: "COUNT", Star: true}; `a -> '$.x'` and
//     `a ->> '$.x'` are JSON_EXTRACT and JSON_UNQUOTE(JSON_EXTRACT(...));
//     `d + INTERVAL 1 DAY` is DATE_ADD(d, 1, Keyword{DAY}); `x REGEXP p` is
//     REGEXP_LIKE(x, p); DATE 'str', TIME 'str' and TIMESTAMP 'str' are the
//     functions DATE, TIME and TIMESTAMP of the string; BINARY x and
//     CONVERT(x, type) are Casts.
//   - ORDER BY 2 and GROUP BY 2 become the expression of the second select
//     item (the same Expr value); a position after a * is rejected.
//   - SelectField.Text is the item's text as written, without its alias and
//     comments, the name MySQL gives the result column; a string literal
//     names its column by its value, as in MySQL.
//   - placeholders are numbered in text order across all statements of the
//     text; NumParams is one more than the highest Param.Index.
//
// # Pooling
//
// TiDB parsers are not safe for concurrent use and are costly to make, so
// Parse takes one from a sync.Pool and returns it once the translation is
// done (TiDB reuses its statement list). Parse itself is safe for concurrent
// use. TiDB's test_driver package provides the literal and placeholder nodes.
//
// # The extension pre-pass
//
// The dialect's extensions are not TiDB grammar. Before TiDB sees the text,
// prepass (prepass.go) scans it with a small lexer (lex.go) that knows
// strings, quoted identifiers and comments, so that nothing inside them is
// touched. For every CREATE TABLE it records each element of the column list
// (the column's name, its position and the type word as written, which tells
// BOOL from TINYINT(1)), and it cuts the extension table options BEHAVIOR
// [=] 'value' and TIMESTAMPS [=] ON|OFF out of the table options, in any
// order, any case, among other options, with one neighbouring comma. Cut
// text is replaced by spaces, newlines kept, so that every byte offset, and
// so every position TiDB reports, is still valid in the original text.
//
// The extension column types (SECRET, EMAIL, URL, IP4, IP6, UUID,
// EMBEDDING) are handled at the same place: for each column, scanCreate
// replaces an extension type word by a TiDB type word that takes the same
// optional (n) and is no longer (extensionTypes: UUID, EMAIL and SECRET
// become TEXT, URL, IP4 and IP6 INT, EMBEDDING VECTOR), padded with spaces,
// so offsets do not move; the element keeps the word as written, and
// typeSpec names the column's type by it, with TiDB's length. Elements that
// start with INDEX, KEY, UNIQUE, ... are not columns and are left alone. The
// column definitions of an ALTER TABLE (after ADD, MODIFY and CHANGE) are
// found and edited the same way (scanAlter in alter.go); every other
// statement is left alone.
//
// # Positions and errors
//
// Every error is an *Error with a 1-based line and column (columns count
// characters, a tab is one) and up to 40 characters of the text there:
//
//	sql: syntax error at line 4, column 11 near "= 1"
//	sql: unsupported: JOIN at line 2, column 8 near "JOIN u ON t.a = u.a"
//
// TiDB reports syntax errors as `line L column C near "REST"`, where C is
// where its lexer stopped (past the offending token, and counted differently
// on the first line than on the others) and REST is the text from the
// offending token to the end: REST gives the token's exact offset, and the
// error points at the token itself. TiDB records the offset of expressions
// only, so errors about other constructs point at their keyword, found by
// the lexer in the statement's text, or else at the statement.
//
// # What is rejected
//
// Everything in TiDB's AST that the IR cannot express is an error naming the
// construct ("unsupported: ..."), never silently dropped: joins and
// subqueries of any kind, UNION/EXCEPT/INTERSECT, WITH, window functions and
// WINDOW, GROUP_CONCAT and aggregates other than COUNT, SUM, AVG, MIN, MAX,
// WITH ROLLUP, FOR UPDATE and LOCK IN SHARE MODE, SELECT ... INTO, index and
// optimizer hints, SQL_* and priority modifiers, PARTITION clauses,
// database-qualified names, table aliases in UPDATE and DELETE, multi-table
// UPDATE and DELETE, REPLACE, INSERT IGNORE, ON DUPLICATE KEY UPDATE,
// INSERT ... SELECT, DEFAULT and VALUES() as values, user and system
// variables, row constructors, MATCH ... AGAINST, COLLATE, ILIKE, bit
// operators, hexadecimal and bit literals, CONVERT ... USING, CAST with a
// character set; in CREATE TABLE: TEMPORARY, LIKE, ... SELECT, PARTITION BY,
// FOREIGN KEY and REFERENCES, CHECK ... NOT ENFORCED and a second CHECK on
// one column, FULLTEXT, generated columns, ON UPDATE,
// column CHARACTER SET and COLLATE, ZEROFILL, index prefixes, DESC and
// expressions in indexes, index options, and table options other than
// COMMENT. The table options ENGINE, [DEFAULT] CHARSET and COLLATE are
// accepted and ignored: s3db has one storage engine and stores UTF-8. In
// ALTER TABLE: ADD/DROP PRIMARY KEY, RENAME INDEX, LOCK and ALGORITHM,
// ORDER BY, partition changes and table options other than COMMENT.
// Statements other than those of the IR are rejected by name
// ("unsupported: CREATE VIEW").
package sqlparse
