// Command s3sql is the interactive SQL shell of s3db, in the manner of the
// mysql client and the sqlite3 shell.
//
// Usage:
//
//	s3sql [flags] [DSN]
//
// DSN is any s3db data source name (see driver.ParseDSN); it defaults to
// file:./s3db-data, an embedded database in a folder of the current
// directory. For example:
//
//	s3sql                                       # ./s3db-data
//	s3sql 's3://AKIA...:SECRET@bucket/app?region=eu-west-1'
//	s3sql http://minio:minio123@localhost:9000/bucket/app
//	s3sql -c 'SELECT COUNT(*) FROM users' mem://demo
//	s3sql -f schema.sql -mode csv file:./data
//	echo 'SHOW TABLES;' | s3sql file:./data
//
// Flags (they may come before or after the DSN):
//
//	-c SQL      run SQL (statements and meta commands, one per line) and exit
//	-f FILE     run the statements in FILE and exit
//	-mode MODE  output mode: table (default), csv, tsv, json or line
//	-timer      print the time each statement takes
//	-force      in scripts, go on after a failed statement
//	-version    print the version and exit
//
// # Statements
//
// Statements end with ';' and may span lines; the last statement of a
// script may omit it. A ';' inside '...', "..." or `...` quotes or inside
// --, # or /* */ comments does not end a statement. Comments are not sent,
// except /*! ... */ and /*+ ... */. In CREATE TRIGGER ... BEGIN ... END, the
// ';' inside the BEGIN ... END block do not end the statement, so no
// DELIMITER command is needed.
//
// Statements starting with SELECT, SHOW, DESCRIBE, DESC, EXPLAIN, WITH,
// VALUES or TABLE print their rows; other statements print the number of
// rows affected ("Query OK, 1 row affected").
//
// # Output modes
//
//	table  bordered table with a header, as mysql; numbers right-aligned,
//	       NULL shown as NULL, followed by "N rows in set"
//	csv    RFC 4180 with a header row; NULL is an empty field
//	tsv    tab-separated with a header row, \t \n \\ escaped; NULL is NULL
//	json   an array of objects, one row per line; NULL is null
//	line   one "column: value" line per column, rows separated by a banner
//	       (mysql's \G)
//
// All modes stream rows. The table mode buffers up to 1000 rows to size its
// columns; a longer result continues in more blocks of rows, with a new
// header when a column gets wider. The csv, tsv and json modes print nothing
// but the rows to standard output; with the timer on, the time goes to
// standard error.
//
// # Meta commands
//
// A line starting with '.' where a statement would start is a meta command:
//
//	.help            show the commands
//	.quit, .exit     exit (also quit, exit, \q and Ctrl-D)
//	.tables          list the tables (SHOW TABLES)
//	.schema [TABLE]  describe the given tables, or all of them (DESCRIBE)
//	.mode [MODE]     set or show the output mode
//	.timer [on|off]  set or show the timer
//	.read FILE       run the statements in FILE
//
// # Interactive use, scripts and exit status
//
// When standard input is a terminal, s3sql prompts with "s3sql> " (and
// "   ...> " inside a statement), offers line editing and keeps its history
// in ~/.s3sql_history. A failed statement prints "ERROR: ..." and the
// session goes on; Ctrl-C cancels the running statement or drops the line
// being typed, and Ctrl-D exits (dropping a statement not ended by ';').
// The exit status is 0.
//
// With -c, -f or piped input there are no prompts. Like the mysql client,
// s3sql stops at the first failed statement, printing
// "ERROR at line N: ..." to standard error, unless -force is given. The exit
// status is 1 if any statement (or meta command) failed or the database
// could not be opened, 2 for a usage error, and 0 otherwise. Ctrl-C cancels
// the running statement, which then fails. .read FILE follows the same rule
// as a script: it stops at the first error unless -force.
package main
