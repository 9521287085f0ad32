-- case: literals
SELECT NULL, 1, -1, 9223372036854775807, 9223372036854775808, 18446744073709551615, 18446744073709551616, -9223372036854775808, 1.5, -2.25, 1e3, 'str', "dq", 'it''s', TRUE, false, N'nat', 'a' 'b'

-- case: arithmetic and comparison
SELECT a + b - c * d / e DIV f % g MOD h, a = b, a != b, a <> b, a < b, a <= b, a > b, a >= b, a <=> b FROM t

-- case: logic
SELECT a AND b OR c XOR d, a && b || c, NOT a, !a, ~a, +a, - a FROM t

-- case: IS
SELECT a IS NULL, a IS NOT NULL, a IS TRUE, a IS NOT TRUE, a IS FALSE, a IS NOT FALSE FROM t

-- case: IN, BETWEEN, LIKE
SELECT a IN (1, 2, ?), a NOT IN ('x'), a BETWEEN 1 AND 10, a NOT BETWEEN ? AND ?, a LIKE 'x%', a NOT LIKE '%y' ESCAPE '!', a LIKE 'z' ESCAPE '' FROM t

-- case: functions
SELECT UPPER(name), lower(name), CONCAT(a, '-', b), COALESCE(a, b, 0), IFNULL(a, 1), NOW(), CURRENT_TIMESTAMP, CURRENT_TIMESTAMP(), UTC_TIMESTAMP(), LENGTH(s), VEC_COSINE_DISTANCE(e, ?) FROM t

-- case: CASE both forms
SELECT CASE WHEN a > 1 THEN 'big' WHEN a = 1 THEN 'one' ELSE 'small' END, CASE a WHEN 1 THEN 'x' END FROM t

-- case: CAST and CONVERT
SELECT CAST(a AS SIGNED), CAST(a AS UNSIGNED), CAST(a AS CHAR), CAST(a AS CHAR(10)), CAST(a AS DECIMAL(10,2)), CAST(a AS DATETIME(3)), CAST(a AS DATE), CAST(a AS JSON), CAST(a AS DOUBLE), CONVERT(a, SIGNED INTEGER), BINARY a FROM t

-- case: JSON operators
SELECT profile->'$.a.b', profile->>'$.name', JSON_EXTRACT(profile, '$.x') FROM t WHERE profile->>'$.a' = 'x'

-- case: date arithmetic and keywords
SELECT DATE_ADD(d, INTERVAL 1 DAY), d + INTERVAL 2 HOUR, d - INTERVAL ? MINUTE, EXTRACT(YEAR FROM d), TIMESTAMPDIFF(DAY, a, b), TRIM(LEADING 'x' FROM s), TRIM(s), DATE '2024-01-02', TIMESTAMP '2024-01-02 03:04:05.5' FROM t

-- case: REGEXP
SELECT a REGEXP '^x', a NOT RLIKE 'y' FROM t

-- case: nested parentheses
SELECT ((a + (b))) * (c) FROM t WHERE ((a = 1))

-- case: placeholders numbered across statements
SELECT ? FROM t WHERE a = ?; UPDATE t SET a = ? WHERE b = ?; SELECT ?

-- case: unsupported subquery
SELECT a FROM t WHERE b = (SELECT MAX(b) FROM t)

-- case: IN subquery
SELECT a FROM t WHERE b IN (SELECT b FROM u)

-- case: EXISTS
SELECT a FROM t WHERE EXISTS (SELECT 1)

-- case: unsupported row constructor
SELECT a FROM t WHERE (a, b) = (1, 2)

-- case: unsupported user variable
SELECT @x

-- case: unsupported system variable
SELECT @@version

-- case: unsupported MATCH AGAINST
SELECT a FROM t WHERE MATCH (a) AGAINST ('x')

-- case: unsupported GROUP_CONCAT
SELECT GROUP_CONCAT(a) FROM t

-- case: unsupported aggregate
SELECT STDDEV(a) FROM t

-- case: unsupported hex literal
SELECT 0x1F

-- case: unsupported bit operator
SELECT a & b FROM t

-- case: unsupported COLLATE
SELECT a COLLATE utf8mb4_bin FROM t

-- case: unsupported ILIKE
SELECT a FROM t WHERE a ILIKE 'x'

-- case: unsupported CONVERT USING
SELECT CONVERT(a USING utf8mb4) FROM t
