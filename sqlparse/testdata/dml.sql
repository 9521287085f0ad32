-- case: insert with columns and rows
INSERT INTO users (id, name, age) VALUES (?, ?, ?), ('b', 'Bob', 42)

-- case: insert without columns
INSERT INTO t VALUES (1, 'x', NULL)

-- case: insert set
INSERT INTO t SET a = 1, b = 'two'

-- case: insert empty row
INSERT INTO t () VALUES ()

-- case: update
UPDATE users SET name = ?, age = age + 1 WHERE id = ? ORDER BY age DESC LIMIT 1

-- case: update with qualified column
UPDATE users SET users.name = 'x'

-- case: delete
DELETE FROM users WHERE age < 18 ORDER BY age LIMIT 10

-- case: delete everything
DELETE FROM t

-- case: unsupported REPLACE
REPLACE INTO t VALUES (1)

-- case: unsupported INSERT IGNORE
INSERT IGNORE INTO t VALUES (1)

-- case: unsupported ON DUPLICATE KEY UPDATE
INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = a + 1

-- case: unsupported INSERT SELECT
INSERT INTO t (a) SELECT b FROM u

-- case: unsupported DEFAULT value
INSERT INTO t (a) VALUES (DEFAULT)

-- case: unsupported multi-table UPDATE
UPDATE t, u SET t.a = u.a

-- case: unsupported multi-table DELETE
DELETE t FROM t JOIN u ON t.id = u.id

-- case: unsupported LOW_PRIORITY
DELETE LOW_PRIORITY FROM t

-- case: unsupported UPDATE IGNORE
UPDATE IGNORE t SET a = 1

-- case: unsupported update alias
UPDATE t AS x SET a = 1

-- case: wrong table in SET
UPDATE t SET u.a = 1
