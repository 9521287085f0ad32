package planner

import (
	"fmt"
	"strings"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

// SchemaName is the database name s3db reports (information_schema's
// TABLE_SCHEMA, DATABASE()).
const SchemaName = "s3db"

// InfoSchemaPrefix starts the names sqlparse gives information_schema
// tables: "information_schema.tables", "information_schema.columns".
const InfoSchemaPrefix = "information_schema."

// infoSchema plans FROM information_schema.tables / .columns: rows built
// from the catalog (no request), with MySQL's column names. ok is false for
// any other table.
func (b *builder) infoSchema(from *sqlparse.TableRef) (n Node, ok bool, err error) {
	name, ok := strings.CutPrefix(strings.ToLower(from.Name), InfoSchemaPrefix)
	if !ok {
		return nil, false, nil
	}
	alias := from.Alias
	if alias == "" {
		alias = name
	}
	col := func(name string, t *schema.Type, notNull bool) Column {
		return Column{Table: alias, Name: name, Type: t, NotNull: notNull}
	}
	var v *Values
	switch name {
	case "tables":
		v = &Values{Columns: Schema{
			col("TABLE_CATALOG", &text, true), col("TABLE_SCHEMA", &text, true), col("TABLE_NAME", &text, true),
			col("TABLE_TYPE", &text, true), col("ENGINE", &text, true), col("VERSION", &bigint, true),
			col("TABLE_ROWS", &bigint, false), col("AUTO_INCREMENT", &bigint, false), col("CREATE_TIME", &dtime, false),
			col("TABLE_COMMENT", &text, true),
		}}
		for _, tn := range b.cat.TableNames() {
			t := b.cat.Table(tn)
			// TABLE_ROWS and AUTO_INCREMENT would cost a scan / a GET: NULL.
			v.Rows = append(v.Rows, []any{"def", SchemaName, t.Name, "BASE TABLE", "s3db", int64(t.Version), nil, nil, t.CreatedAt, t.Comment})
		}
	case "columns":
		v = &Values{Columns: Schema{
			col("TABLE_CATALOG", &text, true), col("TABLE_SCHEMA", &text, true), col("TABLE_NAME", &text, true),
			col("COLUMN_NAME", &text, true), col("ORDINAL_POSITION", &bigint, true), col("COLUMN_DEFAULT", &text, false),
			col("IS_NULLABLE", &text, true), col("DATA_TYPE", &text, true), col("CHARACTER_MAXIMUM_LENGTH", &bigint, false),
			col("NUMERIC_PRECISION", &bigint, false), col("NUMERIC_SCALE", &bigint, false), col("DATETIME_PRECISION", &bigint, false),
			col("COLUMN_TYPE", &text, true), col("COLUMN_KEY", &text, true), col("EXTRA", &text, true),
			col("COLUMN_COMMENT", &text, true),
		}}
		for _, tn := range b.cat.TableNames() {
			t := b.cat.Table(tn)
			for i, c := range t.Columns {
				v.Rows = append(v.Rows, columnRow(t, i, c))
			}
		}
	default:
		return nil, true, fmt.Errorf("information_schema.%s is not available: s3db has information_schema.tables and information_schema.columns", name)
	}
	return v, true, nil
}

// columnRow is one row of information_schema.columns.
func columnRow(t *schema.Table, i int, c *schema.Column) []any {
	var def any
	if s, ok := c.DefaultSQL(); ok {
		def = s
	}
	null := "YES"
	if c.NotNull {
		null = "NO"
	}
	typ := c.Type
	var maxLen, prec, scale, dtPrec any
	switch typ.Kind {
	case schema.KindString, schema.KindSecret:
		if typ.MaxChars > 0 {
			maxLen = int64(typ.MaxChars)
		} else {
			maxLen = int64(typ.MaxBytes)
		}
	case schema.KindBytes:
		maxLen = int64(typ.MaxBytes)
	case schema.KindInt, schema.KindUint:
		prec, scale = int64(len(fmt.Sprint(typ.Max))), int64(0)
		if typ.Kind == schema.KindUint {
			prec = int64(len(fmt.Sprint(typ.UMax)))
		}
	case schema.KindDecimal:
		prec, scale = int64(typ.Length), int64(typ.Scale)
	case schema.KindFloat:
		prec = int64(12)
		if typ.Name == "DOUBLE" {
			prec = int64(22)
		}
	case schema.KindTime, schema.KindTimeOfDay:
		if typ.Name != "DATE" {
			dtPrec = int64(typ.Length)
		}
	}
	var extra []string
	if c.AutoIncrement {
		extra = append(extra, "auto_increment")
	}
	if c.Default != nil && (c.Default.Kind == schema.DefaultCurrentTimestamp || c.Default.Kind == schema.DefaultUUID) {
		extra = append(extra, "DEFAULT_GENERATED")
	}
	if _, updated := t.TimestampColumns(); updated == i {
		extra = append(extra, "on update CURRENT_TIMESTAMP(3)")
	}
	return []any{"def", SchemaName, t.Name, c.Name, int64(i + 1), def, null, strings.ToLower(typ.Name),
		maxLen, prec, scale, dtPrec, strings.ToLower(typ.SQL()), columnKey(t, c), strings.Join(extra, " "), c.Comment}
}

// columnKey is MySQL's COLUMN_KEY: PRI for the primary key, UNI for the
// first column of a UNIQUE index, MUL for the first of another index.
func columnKey(t *schema.Table, c *schema.Column) string {
	if strings.EqualFold(c.Name, t.PrimaryKey) {
		return "PRI"
	}
	key := ""
	for _, ix := range t.Indexes {
		if len(ix.Codes) == 0 || ix.Codes[0] != c.Code {
			continue
		}
		if ix.Unique && len(ix.Codes) == 1 {
			return "UNI"
		}
		key = "MUL"
	}
	return key
}
