package schema

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/s3db-go/s3db/sqlparse"
)

// Behaviors for S3's 2 KB user-metadata limit (see DIALECT.md).
const (
	BehaviorUserManaged   = "user-managed"
	BehaviorEnforceLimits = "enforce-limits"
	BehaviorTruncateData  = "truncate-data"
	BehaviorBodyOverflow  = "body-overflow"
	BehaviorBodyOnly      = "body-only"
	// DefaultBehavior applies to tables created without BEHAVIOR = ....
	DefaultBehavior = BehaviorBodyOverflow
)

// IDLength is the length of generated primary keys (nanoid-like, as s3db.js).
const IDLength = 22

// Default kinds.
const (
	DefaultValue            = "value"             // a literal, in Default.Value (canonical text)
	DefaultCurrentTimestamp = "current_timestamp" // the statement's time
	DefaultNull             = "null"              // explicit DEFAULT NULL
	DefaultUUID             = "uuid"              // DEFAULT (UUID()): a new random UUID per row
)

// Default is a column's DEFAULT clause.
type Default struct {
	Kind  string `json:"kind"`
	Value string `json:"value,omitempty"` // canonical text of the literal, coerced on use
}

// Column is one column of a table.
type Column struct {
	Name    string   `json:"name"`
	Type    Type     `json:"type"`
	NotNull bool     `json:"notNull,omitempty"`
	Default *Default `json:"default,omitempty"`
	// Code is the column's stable field code in record metadata (base36 of its
	// registry index). Codes of dropped columns are never reused.
	Code    string `json:"code"`
	Comment string `json:"comment,omitempty"`
	// AutoIncrement: an omitted, NULL or 0 value takes the next value of the
	// column's distributed sequence (planner/exec/sequence.go).
	AutoIncrement bool `json:"autoIncrement,omitempty"`
	// Since is the schema version whose ALTER TABLE added the column (0: the
	// table had it from the start). Rows written before (_v < Since) have no
	// field for it and read Fill: the canonical text of its DEFAULT at the
	// time of the ALTER, nil for NULL (version.go).
	Since int     `json:"since,omitempty"`
	Fill  *string `json:"fill,omitempty"`
	// History keeps the column's earlier types, oldest first: rows written
	// under a version <= Until decode with that Type, then convert to Type.
	History []TypeAt `json:"history,omitempty"`
}

// Table is one table's current schema.
type Table struct {
	Name       string    `json:"name"`
	Columns    []*Column `json:"columns"`
	PrimaryKey string    `json:"primaryKey"` // the key column's name
	Behavior   string    `json:"behavior"`
	Timestamps bool      `json:"timestamps,omitempty"`
	Comment    string    `json:"comment,omitempty"`
	// Version counts schema changes; every row records the version it was written with.
	Version int `json:"version"`
	// NextCode is the next unused field-code index.
	NextCode  int       `json:"nextCode"`
	CreatedAt time.Time `json:"createdAt"`
	// Indexes are the table's partitions (INDEX/KEY).
	Indexes []*Index `json:"indexes,omitempty"`
	// Triggers are the table's triggers, in the order they run for an event.
	Triggers []*Trigger `json:"triggers,omitempty"`
	// Storage names the table's objects (resource=<Storage>/...); "" = Name.
	// It is fixed at CREATE TABLE, so RENAME TABLE changes only the catalog.
	Storage string `json:"storage,omitempty"`
	// Burned are the field codes of dropped columns: rows written before the
	// drop still hold them, readers skip them, and they are never reused.
	Burned []string `json:"burned,omitempty"`
	// Checks are the table's CHECK constraints (check.go).
	Checks []*Check `json:"checks,omitempty"`
}

var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// CheckTableName rejects names that cannot be a key segment.
func CheckTableName(name string) error {
	if !identRE.MatchString(name) {
		return fmt.Errorf("invalid table name %s: use letters, digits and _ (max 64, not starting with a digit)", Quote(name))
	}
	return nil
}

// Column returns the column named name (case-insensitive, as MySQL) or nil.
func (t *Table) Column(name string) *Column {
	if i := t.ColumnIndex(name); i >= 0 {
		return t.Columns[i]
	}
	return nil
}

// ColumnIndex returns the position of the named column or -1.
func (t *Table) ColumnIndex(name string) int {
	for i, c := range t.Columns {
		if strings.EqualFold(c.Name, name) {
			return i
		}
	}
	return -1
}

// PKIndex is the position of the primary-key column.
func (t *Table) PKIndex() int { return t.ColumnIndex(t.PrimaryKey) }

// ByCode returns the column with the given field code or nil.
func (t *Table) ByCode(code string) *Column {
	for _, c := range t.Columns {
		if c.Code == code {
			return c
		}
	}
	return nil
}

// NewTable builds a table from CREATE TABLE, validating every column. behavior
// is the default for tables that don't declare one ("" = DefaultBehavior).
func NewTable(ct *sqlparse.CreateTable, behavior string, now time.Time) (*Table, error) {
	if err := CheckTableName(ct.Name); err != nil {
		return nil, err
	}
	t := &Table{Name: ct.Name, Behavior: ct.Options.Behavior, Comment: ct.Options.Comment,
		Timestamps: ct.Options.Timestamps, Version: 1, CreatedAt: now.UTC()}
	if t.Behavior == "" {
		t.Behavior = behavior
	}
	if t.Behavior == "" {
		t.Behavior = DefaultBehavior
	}
	pks := ct.PrimaryKey
	for _, cd := range ct.Columns {
		if t.Column(cd.Name) != nil {
			return nil, fmt.Errorf("table %s: duplicate column %s", ct.Name, cd.Name)
		}
		c, err := newColumn(ct.Name, cd)
		if err != nil {
			return nil, err
		}
		c.Code = strconv.FormatInt(int64(t.NextCode), 36)
		t.NextCode++
		t.Columns = append(t.Columns, c)
	}
	switch len(pks) {
	case 0:
		if t.Column("id") != nil {
			return nil, fmt.Errorf("table %s: column id exists but is not the PRIMARY KEY; declare it PRIMARY KEY or rename it", ct.Name)
		}
		id := &Column{Name: "id", Type: mustType("VARCHAR", IDLength), NotNull: true, Code: strconv.FormatInt(int64(t.NextCode), 36)}
		t.NextCode++
		t.Columns = append([]*Column{id}, t.Columns...)
		t.PrimaryKey = "id"
	case 1:
		c := t.Column(pks[0])
		if c == nil {
			return nil, fmt.Errorf("table %s: PRIMARY KEY names unknown column %s", ct.Name, pks[0])
		}
		if !c.Type.Keyable() {
			return nil, fmt.Errorf("table %s: PRIMARY KEY column %s must be a string, integer or UUID type, not %s", ct.Name, c.Name, c.Type.SQL())
		}
		if c.Default != nil && c.Default.Kind != DefaultUUID { // DEFAULT (UUID()) generates keys
			return nil, fmt.Errorf("table %s: PRIMARY KEY column %s cannot have a DEFAULT", ct.Name, c.Name)
		}
		c.NotNull = true
		t.PrimaryKey = c.Name
	default:
		return nil, fmt.Errorf("table %s: composite PRIMARY KEY (%s) is not supported; use one key column and an INDEX", ct.Name, strings.Join(pks, ", "))
	}
	if err := t.addTimestamps(); err != nil { // version.go
		return nil, err
	}
	if err := t.checkAutoIncrement(); err != nil {
		return nil, err
	}
	if err := t.addChecks(ct); err != nil { // check.go
		return nil, err
	}
	defs := ct.Indexes
	for _, cd := range ct.Columns {
		if cd.Unique && !cd.PrimaryKey { // a column's UNIQUE is a one-column unique index
			defs = append(defs, sqlparse.IndexDef{Name: cd.Name, Columns: []string{cd.Name}, Unique: true})
		}
	}
	for _, def := range defs {
		ix, err := t.NewIndex(def)
		if err != nil {
			return nil, err
		}
		t.Indexes = append(t.Indexes, ix)
	}
	return t, nil
}

func mustType(name string, length int) Type {
	t, err := ParseType(sqlparse.TypeSpec{Name: name, Length: length, Scale: -1})
	if err != nil {
		panic(err)
	}
	return t
}

func newColumn(table string, cd sqlparse.ColumnDef) (*Column, error) {
	where := func(err error) error { return fmt.Errorf("table %s, column %s: %w", table, cd.Name, err) }
	if cd.Name == "" || len(cd.Name) > 64 {
		return nil, fmt.Errorf("table %s: invalid column name %s", table, Quote(cd.Name))
	}
	typ, err := ParseType(cd.Type)
	if err != nil {
		return nil, where(err)
	}
	c := &Column{Name: cd.Name, Type: typ, NotNull: cd.NotNull, Comment: cd.Comment}
	if cd.AutoIncrement {
		if typ.Kind != KindInt && typ.Kind != KindUint {
			return nil, where(fmt.Errorf("AUTO_INCREMENT needs an integer type, not %s", typ.SQL()))
		}
		if cd.HasDefault {
			return nil, where(fmt.Errorf("an AUTO_INCREMENT column cannot have a DEFAULT"))
		}
		c.AutoIncrement = true
	}
	if cd.HasDefault {
		d, err := newDefault(c, cd.Default)
		if err != nil {
			return nil, where(err)
		}
		c.Default = d
	}
	return c, nil
}

func newDefault(c *Column, e sqlparse.Expr) (*Default, error) {
	switch x := e.(type) {
	case nil:
		return nullDefault(c)
	case *sqlparse.Literal:
		if x.Value == nil {
			return nullDefault(c)
		}
		v, err := Coerce(c.Type, x.Value)
		if err != nil {
			return nil, fmt.Errorf("invalid DEFAULT: %w", err)
		}
		return &Default{Kind: DefaultValue, Value: ValueText(v)}, nil
	case *sqlparse.Unary:
		if lit, ok := x.X.(*sqlparse.Literal); ok && x.Op == "-" {
			switch n := lit.Value.(type) {
			case int64:
				return newDefault(c, &sqlparse.Literal{Value: -n})
			case float64:
				return newDefault(c, &sqlparse.Literal{Value: -n})
			}
		}
	case *sqlparse.Func:
		// CURRENT_TIMESTAMP, NOW() and the fsp forms CURRENT_TIMESTAMP(6) / NOW(6)
		// (the column's own precision applies: values are coerced to it).
		if x.Name == "UUID" && len(x.Args) == 0 {
			return uuidDefault(c) // version.go
		}
		if (x.Name == "CURRENT_TIMESTAMP" || x.Name == "NOW") && (len(x.Args) == 0 || len(x.Args) == 1 && isSmallInt(x.Args[0])) {
			if c.Type.Kind != KindTime || c.Type.Name == "DATE" {
				return nil, fmt.Errorf("invalid DEFAULT: CURRENT_TIMESTAMP needs a DATETIME or TIMESTAMP column, not %s", c.Type.SQL())
			}
			return &Default{Kind: DefaultCurrentTimestamp}, nil
		}
	}
	return nil, fmt.Errorf("DEFAULT must be a literal, CURRENT_TIMESTAMP or (UUID())")
}

func isSmallInt(e sqlparse.Expr) bool {
	l, ok := e.(*sqlparse.Literal)
	if !ok {
		return false
	}
	n, isInt := l.Value.(int64)
	return isInt && n >= 0 && n <= 6
}

func nullDefault(c *Column) (*Default, error) {
	if c.NotNull {
		return nil, fmt.Errorf("invalid DEFAULT NULL for a NOT NULL column")
	}
	return &Default{Kind: DefaultNull}, nil
}

// DefaultFor returns the value a row gets for c when an INSERT omits it.
func (c *Column) DefaultFor(now time.Time) (any, error) {
	if c.Default == nil {
		return nil, nil
	}
	switch c.Default.Kind {
	case DefaultValue:
		return Coerce(c.Type, c.Default.Value)
	case DefaultCurrentTimestamp:
		return Coerce(c.Type, now)
	case DefaultUUID:
		return Coerce(c.Type, NewUUID())
	}
	return nil, nil
}

// DefaultSQL renders the DEFAULT clause's value for DESCRIBE ("" = none).
func (c *Column) DefaultSQL() (string, bool) {
	if c.Default == nil {
		return "", false
	}
	switch c.Default.Kind {
	case DefaultValue:
		return c.Default.Value, true
	case DefaultCurrentTimestamp:
		return "CURRENT_TIMESTAMP", true
	case DefaultUUID:
		return "UUID()", true
	}
	return "", false
}
