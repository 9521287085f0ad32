// Package eval evaluates the scalar expressions of the sqlparse IR with MySQL 8
// semantics: operators, comparisons, conversions, scalar functions and the
// aggregate accumulators.
//
// # Value domain
//
// Every value the engine handles (rows, placeholders, results) is an any
// holding one of:
//
//	nil             SQL NULL
//	int64           integers
//	uint64          UNSIGNED integers (values of UNSIGNED columns, literals beyond int64)
//	schema.Decimal  DECIMAL: exact, its canonical text ("12.50")
//	float64         DOUBLE/FLOAT, and decimal literals (1.5)
//	string          text; JSON values as their JSON text; TIME as 'HH:MM:SS[.ffffff]';
//	                ENUM, UUID, IP4/IP6 as their canonical text; vectors as JSON text
//	bool            BOOLEAN, and results of comparisons and logic (MySQL's 1/0)
//	time.Time       DATE, DATETIME, TIMESTAMP, always in UTC
//	[]byte          BLOB, VARBINARY, BINARY
//
// Normalize maps other Go values (int, uint32, float32, ...) into it;
// placeholder values go through it. The ~ operator is rejected.
//
// Integers, UNSIGNED integers and DECIMALs are exact: they compare exactly
// with each other, + - * DIV % on them is exact (integers give an int64, or
// a uint64 above BIGINT, and fail beyond BIGINT UNSIGNED; a DECIMAL operand
// gives a DECIMAL), and SUM over them is exact. A float64 operand makes the
// operation a float64 one (a DECIMAL compares with a DOUBLE as a DOUBLE, as
// in MySQL).
//
// # Compile, then evaluate
//
// Compile turns an IR expression into an *Expr once per statement: column
// references are resolved through a Scope into row indexes, function names
// and arities are checked, constant subexpressions (no column, placeholder,
// NOW or UUID) are folded, constant LIKE patterns and JSON paths are
// compiled. (*Expr).Eval then runs per row against an Env {Row, Params,
// Now}; an Expr is immutable and may be evaluated from several goroutines.
// Env.Now is the statement's clock: NOW() is the same in every row.
// Aggregates are not compiled: the planner rewrites each aggregate call into
// a column reference (Rewrite) that reads the output of an Accumulator
// (NewAccumulator).
//
// # NULL and truth
//
// Logic is three-valued. Truth gives the truth of a value (non-zero numbers
// are true, strings are converted to numbers, NULL is unknown). AND/OR
// short-circuit: FALSE AND x and TRUE OR x do not evaluate x. x IN (list) is
// TRUE if some element equals x, else NULL if x or some element is NULL, else
// FALSE: 1 IN (2, NULL) is NULL, 1 NOT IN (2, NULL) is NULL. BETWEEN is
// x >= lo AND x <= hi. <=> is the null-safe equality. Most functions return
// NULL when an argument is NULL; the exceptions are the ones whose purpose is
// NULL handling (COALESCE, IFNULL, IF, NULLIF, CONCAT_WS, JSON_OBJECT,
// JSON_ARRAY).
//
// # Coercion
//
// Compare implements MySQL's comparison coercion: numbers compare
// numerically (exactly across int64 and float64, bool as 0/1); a number
// against a string converts the string leniently to a number by its leading
// numeric prefix ('12abc' = 12, 'abc' = 0); a time against a string parses
// the string as a datetime (an error if it is not one); a time against a
// number reads the number as YYYYMMDD[HHMMSS]. Arithmetic uses the same
// lenient conversion: int64 op int64 stays int64 and fails on overflow
// ("BIGINT value is out of range in '(a + b)'"), anything else is float64; /
// always gives float64; division and modulo by zero are an error ("division
// by 0 in '(a / b)'"), as in MySQL's strict mode, not MySQL's default NULL.
//
// Conversions come in two strengths. The lenient ones are MySQL's implicit
// coercions and CAST: ToNumber, and CAST(x AS SIGNED/DOUBLE/DATE...), which
// read '12abc' as 12 and give NULL for an invalid date, as MySQL does with a
// warning. The strict ones are for writing a value into a typed column, as
// MySQL's strict mode does: ToInt64, ToFloat64 and ToTime reject '12abc' or
// '2024-02-30' with an error such as "cannot convert '12abc' to INT".
// ToString is the MySQL text form of any value, also used by the REPL.
//
// ORDER BY uses CompareForSort, a total order over any mix of values: NULL
// first, then numbers, times, strings and bytes, values of different kinds
// ordered by kind.
//
// # Differences from MySQL
//
//   - Strings compare byte-wise, case-sensitively (a binary collation), in =,
//     <, IN, LIKE, MIN/MAX, DISTINCT and ORDER BY. MySQL's default collation
//     utf8mb4_0900_ai_ci is case- and accent-insensitive: there 'a' = 'A'.
//     Use LOWER() on both sides for case-insensitive matching.
//   - / and AVG return float64 where MySQL returns DECIMAL; decimal literals
//     are float64, so 0.1 + 0.2 is 0.30000000000000004. ROUND and TRUNCATE
//     round the shortest decimal form half away from zero (ROUND(2.5) = 3,
//     ROUND(1.005, 2) = 1.01), as MySQL does for DECIMAL (MySQL rounds DOUBLE
//     half to even).
//   - SUM of integers is an int64, or a DECIMAL beyond BIGINT (MySQL's SUM of
//     integers is always DECIMAL).
//   - TIME is a time of day (00:00:00 to 23:59:59.999999), carried as text:
//     compare it with zero-padded 'HH:MM:SS' literals. ENUM values compare as
//     text, not by member index; IP addresses and UUIDs compare as their
//     canonical text.
//   - Comparisons and logic yield bool rather than the integers 1 and 0;
//     arithmetic treats bool as 0/1 and ToString prints it as 1/0.
//   - The session time zone is UTC: NOW() = UTC_TIMESTAMP(). NOW() has no
//     fractional seconds unless asked for (NOW(3)).
//     DATE values are times at midnight, so ToString prints them with
//     00:00:00. ToString prints fractional seconds as six digits when there
//     are any.
//   - Intervals (d + INTERVAL n unit = DATE_ADD(d, n, unit), DATE_SUB,
//     TIMESTAMPADD, TIMESTAMPDIFF, EXTRACT) take the simple units
//     MICROSECOND, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER and YEAR;
//     composite units such as DAY_HOUR are rejected. The unit arrives as a
//     sqlparse.Keyword, which compiles to its name as a string.
//   - Date functions given a value that is not a date return NULL (MySQL also
//     warns); comparing a time with a string that is not a date is an error.
//     The zero date '0000-00-00' is not a valid date.
//   - GREATEST/LEAST return the winning argument unchanged rather than
//     converting all arguments to a common type.
//   - REGEXP / REGEXP_LIKE use Go's RE2 syntax (no backreferences or
//     lookaround, unlike MySQL's ICU) and are case-sensitive unless the
//     match type 'i' is given.
//   - JSON: values are JSON text and compare as text; results are printed
//     in MySQL's normal form (sorted keys, ", " and ": " separators). A
//     string argument of
//     JSON_OBJECT or JSON_ARRAY is a JSON string unless it comes from a JSON
//     expression (JSON_EXTRACT, JSON_OBJECT, JSON_ARRAY, CAST(... AS JSON));
//     a JSON column read through a column reference therefore needs
//     CAST(col AS JSON) to nest as JSON. Paths support $, .key, ."key", .*,
//     [n], [last], [last-n] and [*], not ** or ranges.
//   - TRIM's forms are carried by the IR as TRIM(s [, remstr [, Keyword
//     BOTH | LEADING | TRAILING]]), the argument order of TiDB's AST.
//   - REPEAT, LPAD and RPAD give NULL beyond 64 MiB (MySQL's default
//     max_allowed_packet).
package eval
