-- case: simple select
SELECT id, name FROM users WHERE id = ?

-- case: star and qualified star
SELECT *, u.* FROM users AS u

-- case: alias without AS and field texts
SELECT a+1 AS x, COUNT(*)  total, age + 1, `weird name` AS "w", 'lit', -5, u.name FROM users u

-- case: distinct, group by, having, order, limit offset
SELECT DISTINCT status, COUNT(*) AS n FROM orders WHERE total > 10 GROUP BY status HAVING COUNT(*) > 1 ORDER BY n DESC, status LIMIT 10 OFFSET 20

-- case: LIMIT m, n
SELECT a FROM t LIMIT 5, 10

-- case: LIMIT with placeholders
SELECT a FROM t WHERE b = ? LIMIT ? OFFSET ?

-- case: ORDER BY and GROUP BY position
SELECT status, COUNT(*) FROM orders GROUP BY 1 ORDER BY 2 DESC

-- case: ORDER BY position out of range
SELECT a FROM t ORDER BY 3

-- case: ORDER BY position after star
SELECT *, a FROM t ORDER BY 2

-- case: select without FROM
SELECT 1 + 1, NOW(), 'x' AS s

-- case: select from dual
SELECT 1 FROM DUAL

-- case: select in parentheses
(SELECT a FROM t)

-- case: aggregates
SELECT COUNT(*), COUNT(1), COUNT(DISTINCT a), SUM(b), AVG(c), MIN(d), MAX(e), SUM(DISTINCT b) FROM t

-- case: ORDER BY placeholder
SELECT a FROM t ORDER BY ?

-- case: comments around fields
SELECT /* first */ a /* after a */ , b -- trailing
FROM t

-- case: join
SELECT * FROM t JOIN u ON t.id = u.id

-- case: comma join
SELECT * FROM t, u

-- case: unsupported subquery in FROM
SELECT * FROM (SELECT 1) AS s

-- case: union of two
SELECT 1 UNION SELECT 2

-- case: unsupported FOR UPDATE
SELECT a FROM t WHERE id = 1 FOR UPDATE

-- case: unsupported LOCK IN SHARE MODE
SELECT a FROM t LOCK IN SHARE MODE

-- case: unsupported index hint
SELECT a FROM t USE INDEX (i)

-- case: unsupported partition selection
SELECT a FROM t PARTITION (p1)

-- case: unsupported INTO OUTFILE
SELECT a FROM t INTO OUTFILE '/tmp/x'

-- case: unsupported WITH
WITH c AS (SELECT 1) SELECT * FROM c

-- case: unsupported WITH ROLLUP
SELECT a, COUNT(*) FROM t GROUP BY a WITH ROLLUP

-- case: unsupported window function
SELECT ROW_NUMBER() OVER (ORDER BY a) FROM t

-- case: unsupported SQL_CALC_FOUND_ROWS
SELECT SQL_CALC_FOUND_ROWS a FROM t

-- case: unsupported optimizer hint
SELECT /*+ MAX_EXECUTION_TIME(1000) */ a FROM t

-- case: unsupported database-qualified table
SELECT a FROM db.t

-- case: unsupported TABLE statement
TABLE t

-- case: inner join
SELECT u.name, o.total FROM users u JOIN orders AS o ON o.userId = u.id WHERE o.total > ?

-- case: left join, cross join and comma
SELECT * FROM a LEFT JOIN b ON a.x = b.x CROSS JOIN c, d

-- case: join using
SELECT * FROM a INNER JOIN b USING (x, y)

-- case: unsupported right join
SELECT * FROM a RIGHT JOIN b ON a.x = b.x

-- case: unsupported natural join
SELECT * FROM a NATURAL JOIN b

-- case: union
SELECT a FROM t UNION SELECT b FROM u UNION ALL SELECT 3 ORDER BY a DESC LIMIT 5

-- case: unsupported except
SELECT a FROM t EXCEPT SELECT b FROM u

-- case: in subquery and exists
SELECT a FROM t WHERE a IN (SELECT b FROM u WHERE u.c = ?) AND NOT EXISTS (SELECT 1 FROM v WHERE v.a = t.a)
