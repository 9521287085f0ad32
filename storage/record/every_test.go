package record

import (
	"testing"
	"time"

	"github.com/s3db-go/s3db/schema"
)

// everyTypeSQL is a table with a column of every type of the dialect but SECRET.
const everyTypeSQL = `CREATE TABLE every (id VARCHAR(40) PRIMARY KEY,
	c CHAR(3), vc VARCHAR(50), tt TINYTEXT, tx TEXT, mt MEDIUMTEXT, lt LONGTEXT,
	ti TINYINT, si SMALLINT, mi MEDIUMINT, i INT, bi BIGINT, tu TINYINT UNSIGNED, bu BIGINT UNSIGNED,
	dc DECIMAL(12,4), fl FLOAT, db DOUBLE, bo BOOLEAN,
	d DATE, dt DATETIME(6), ts TIMESTAMP, tm TIME(3),
	js JSON, en ENUM('new','paid','shipped'), bn BINARY(4), vb VARBINARY(16), bl BLOB,
	uu UUID, em EMAIL, ur URL, ip4 IP4, ip6 IP6, emb EMBEDDING(4), vec VECTOR(2))`

// everyTypeRow is a row of everyTypeSQL with a typical value in every column.
func everyTypeRow(t testing.TB, tb *schema.Table) []any {
	return coerceRow(t, tb, "every/1",
		"abc", "Zoë", "tiny", "text", "medium", "long",
		int64(-128), int64(32767), int64(-8388608), int64(2147483647), int64(-9223372036854775808), uint64(255), uint64(18446744073709551615),
		"-12345678.9012", 1.5, 0.1, true,
		"2024-01-02", time.Date(2024, 1, 2, 3, 4, 5, 678000000, time.UTC), "1969-12-31 23:59:59", "12:34:56.789",
		`{"a":[1,2]}`, "paid", []byte{0, 1, 2}, []byte{0xde, 0xad, 0xbe, 0xef}, []byte("blob"),
		"123e4567-e89b-12d3-a456-426614174000", "zoe@example.com", "https://example.com/a?b=c",
		"192.168.0.1", "2001:db8::1", "[0.1,-0.25,0,1]", "[1e20,-3.5]")
}
