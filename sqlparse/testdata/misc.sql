-- case: show tables
SHOW TABLES

-- case: describe forms
DESCRIBE t; DESC t; EXPLAIN t; SHOW COLUMNS FROM t; SHOW FIELDS FROM t; show columns in t

-- case: explain
EXPLAIN SELECT a FROM t WHERE id = ?

-- case: explain analyze
EXPLAIN ANALYZE SELECT COUNT(*) FROM t

-- case: explain dml
EXPLAIN UPDATE t SET a = 1 WHERE id = 2; EXPLAIN DELETE FROM t WHERE id = 3; EXPLAIN INSERT INTO t VALUES (1)

-- case: transactions
BEGIN; START TRANSACTION; COMMIT; ROLLBACK

-- case: unsupported EXPLAIN FORMAT
EXPLAIN FORMAT = 'json' SELECT 1

-- case: unsupported SHOW TABLES LIKE
SHOW TABLES LIKE 'x%'

-- case: unsupported SHOW FULL COLUMNS
SHOW FULL COLUMNS FROM t

-- case: unsupported DESCRIBE column
DESCRIBE t a

-- case: SHOW CREATE TABLE
SHOW CREATE TABLE t

-- case: unsupported ROLLBACK TO SAVEPOINT
ROLLBACK TO SAVEPOINT s

-- case: unsupported COMMIT AND CHAIN
COMMIT AND CHAIN

-- case: unsupported START TRANSACTION READ ONLY
START TRANSACTION READ ONLY

-- case: unsupported SET
SET @a = 1

-- case: unsupported CREATE INDEX
CREATE UNIQUE INDEX i ON t (a)

-- case: syntax error
SELECT * FORM users

-- case: syntax error on a later line
SELECT a,
  b
FROM t
WHERE a = = 1

-- case: syntax error at end of input
SELECT a FROM

-- case: unterminated string
SELECT 'abc

-- case: unterminated comment
SELECT 1 /* no end

-- case: syntax error after a multi-byte character
SELECT 'é' FROMM t

-- case: empty
-- nothing but a comment
