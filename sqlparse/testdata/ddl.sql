-- case: the dialect's example table
CREATE TABLE IF NOT EXISTS orders (
  id      VARCHAR(22) PRIMARY KEY,            -- omitted on INSERT: generated
  seq     BIGINT AUTO_INCREMENT,
  userId  VARCHAR(64) NOT NULL,
  status  ENUM('new','paid','shipped') NOT NULL DEFAULT 'new',
  total   DECIMAL(10,2),
  profile JSON,
  INDEX byUser (userId),
  INDEX byUserStatus (userId, status),
  UNIQUE INDEX byEmail (userId)
) BEHAVIOR = 'body-overflow' TIMESTAMPS = ON;

-- case: column options
CREATE TABLE t (
  a INT NOT NULL UNIQUE COMMENT 'the a',
  b INT NULL DEFAULT NULL,
  c DATETIME DEFAULT CURRENT_TIMESTAMP,
  d TIMESTAMP(3) DEFAULT NOW(3),
  e INT DEFAULT -1,
  f DOUBLE DEFAULT 1.5,
  g BOOLEAN DEFAULT TRUE,
  h VARCHAR(10) DEFAULT 'x' NOT NULL,
  i BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  j INT DEFAULT (42)
)

-- case: type names as written and normalised
CREATE TABLE types (
  a INT, b INTEGER(11), c TINYINT(1), d BOOL, e BOOLEAN, f SMALLINT, g MEDIUMINT, h BIGINT(20) UNSIGNED,
  i DECIMAL, j DECIMAL(10), k DECIMAL(10,2), l NUMERIC(5,1), m DEC, n FIXED(3,1),
  o FLOAT, p FLOAT(7,3), q DOUBLE, r DOUBLE PRECISION, s REAL,
  t CHAR, u CHAR(3), v VARCHAR(255), w CHARACTER VARYING(10), x BINARY(4), y VARBINARY(16),
  z TEXT, aa TINYTEXT, ab MEDIUMTEXT, ac LONGTEXT, ad TEXT(100), ae BLOB, af TINYBLOB, ag LONGBLOB,
  ah DATE, ai DATETIME, aj DATETIME(6), ak TIMESTAMP, al TIME, am TIME(3), an YEAR,
  ao JSON, ap ENUM('a', 'b c'), aq SET('x', 'y'), ar BIT(3), as_ VECTOR(3), at SERIAL
)

-- case: table-level keys and indexes
create table `my table` (
  `id` int,
  `name` varchar(20),
  k2 int,
  primary key (`id`, k2),
  key (name),
  index by_name (name, k2),
  unique u1 (name),
  unique key u2 (k2),
  unique index u3 (id),
  constraint u4 unique (name)
)

-- case: harmless table options are ignored, COMMENT is kept
CREATE TABLE t (a INT) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='hello'

-- case: extension options with other options, in any order, lower case
create table t (a int) comment 'c', behavior 'user-managed', engine = innodb, timestamps on

-- case: extension options first, with commas
CREATE TABLE t (a INT) TIMESTAMPS=ON, BEHAVIOR='truncate-data', COMMENT='x'

-- case: BEHAVIOR in a string literal and a comment stays
CREATE TABLE t (a VARCHAR(30) DEFAULT 'BEHAVIOR = ''x''' /* BEHAVIOR = 'y' */) COMMENT = 'BEHAVIOR = ''z''' -- BEHAVIOR = 'w'

-- case: a column named behavior
CREATE TABLE t (behavior VARCHAR(20), timestamps INT) BEHAVIOR = 'enforce-limits'

-- case: TIMESTAMPS = OFF
CREATE TABLE t (a INT) TIMESTAMPS = OFF

-- case: invalid BEHAVIOR
CREATE TABLE t (a INT)
BEHAVIOR = 'sometimes'

-- case: invalid TIMESTAMPS
CREATE TABLE t (a INT) TIMESTAMPS = maybe

-- case: duplicate BEHAVIOR
CREATE TABLE t (a INT) BEHAVIOR = 'body-only' BEHAVIOR = 'body-only'

-- case: two creates, options of each
CREATE TABLE a (x INT) BEHAVIOR='body-only'; CREATE TABLE b (y INT) TIMESTAMPS=ON

-- case: drop tables
DROP TABLE IF EXISTS a, `b`; drop table c

-- case: unsupported FOREIGN KEY
CREATE TABLE t (a INT, b INT, FOREIGN KEY (b) REFERENCES u (id))

-- case: CHECK constraints, column and table level
CREATE TABLE t (a INT CHECK (a > 0), b INT CONSTRAINT b_pos CHECK (b >= 0), CONSTRAINT lt CHECK (a < b), CHECK (a <> b))

-- case: unsupported CHECK NOT ENFORCED
CREATE TABLE t (a INT, CHECK (a > 0) NOT ENFORCED)

-- case: unsupported two CHECKs on a column
CREATE TABLE t (a INT CHECK (a > 0) CHECK (a < 9))

-- case: unsupported ON UPDATE
CREATE TABLE t (
  a DATETIME DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
)

-- case: unsupported table option
CREATE TABLE t (a INT) ENGINE=InnoDB AUTO_INCREMENT=100

-- case: unsupported PARTITION BY
CREATE TABLE t (a INT) PARTITION BY HASH(a) PARTITIONS 4

-- case: expression index
CREATE TABLE t (a DATETIME, INDEX byDay ((DATE(a))))

-- case: unsupported column charset
CREATE TABLE t (a VARCHAR(10) CHARACTER SET latin1)

-- case: unsupported CREATE TABLE LIKE
CREATE TABLE t LIKE u

-- case: unsupported CREATE TABLE SELECT
CREATE TABLE t (a INT) AS SELECT 1 AS a

-- case: unsupported temporary table
CREATE TEMPORARY TABLE t (a INT)

-- case: multiple primary keys
CREATE TABLE t (a INT PRIMARY KEY, b INT, PRIMARY KEY (b))

-- case: unsupported generated column
CREATE TABLE t (a INT, b INT AS (a + 1))

-- case: alter table columns
ALTER TABLE t ADD COLUMN b INT NOT NULL DEFAULT 0 FIRST, ADD c EMAIL AFTER b, ADD COLUMN (d UUID, e BOOL),
  DROP f, DROP COLUMN IF EXISTS g, MODIFY h IP4 NOT NULL COMMENT 'addr', CHANGE COLUMN i `ii` VARCHAR(10) CHECK (ii <> ''),
  RENAME COLUMN j TO jj, ALTER COLUMN k SET DEFAULT 'x', ALTER l DROP DEFAULT

-- case: alter table indexes, checks, comment, rename
ALTER TABLE t ADD INDEX byB (b), ADD UNIQUE KEY (c, d), DROP INDEX byB, DROP KEY IF EXISTS c,
  ADD CONSTRAINT pos CHECK (b > 0), ADD CHECK (c <> ''), DROP CHECK pos, DROP CONSTRAINT c_chk, COMMENT = 'note', RENAME TO u

-- case: alter table extension types keep positions
ALTER TABLE t
  MODIFY e SECRET(10),
  ADD v EMBEDDING(3) AFTER e

-- case: rename table
RENAME TABLE a TO b, `c` TO d

-- case: truncate
TRUNCATE t; TRUNCATE TABLE u

-- case: unsupported ADD PRIMARY KEY
ALTER TABLE t ADD PRIMARY KEY (a)

-- case: unsupported RENAME INDEX
ALTER TABLE t RENAME INDEX a TO b

-- case: unsupported ALTER TABLE ORDER BY
ALTER TABLE t ORDER BY a

-- case: unsupported ALTER TABLE option
ALTER TABLE t AUTO_INCREMENT = 10

-- case: create index
CREATE INDEX byUser ON orders (userId, status)

-- case: create unique index if not exists
CREATE UNIQUE INDEX IF NOT EXISTS byEmail ON users (email)

-- case: drop index and show index
DROP INDEX IF EXISTS byUser ON orders; SHOW INDEX FROM orders

-- case: expression index
CREATE INDEX byDay ON t ((DATE(at)))

-- case: the extension column types
CREATE TABLE people (
  id    UUID PRIMARY KEY,
  email EMAIL NOT NULL,
  site  URL(300),
  ip    IP4 DEFAULT '127.0.0.1',
  ip6   IP6,
  card  SECRET(16),
  emb   EMBEDDING(768),
  vec   VECTOR(3),
  KEY byEmail (email)
) BEHAVIOR = 'body-overflow'

-- case: extension type names in any case, quoted column names
CREATE TABLE t (`uuid` uuid, Email Email(20), `url` Url)
