package schema

import (
	"crypto/rand"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// This file holds what lets rows of older schema versions, and objects of
// renamed tables, be read without rewriting the bucket: per-column type
// history and fill values, burned field codes, stable storage names; and the
// catalog format that records them.

// TypeAt is an earlier type of a column: rows written under a schema version
// <= Until were encoded with Type.
type TypeAt struct {
	Until int  `json:"until"`
	Type  Type `json:"type"`
}

// TypeAt returns the type the column's values had in rows written under
// schema version v: decode them with it, then convert to c.Type.
func (c *Column) TypeAt(v int) Type {
	for _, h := range c.History {
		if v <= h.Until {
			return h.Type
		}
	}
	return c.Type
}

// Missing reports whether rows of schema version v predate the column (it
// was added later by ALTER TABLE), and the value such rows read: Fill, as the
// column's type at that time (nil for NULL).
func (c *Column) Missing(v int) (bool, any, error) {
	if v >= c.Since || c.Since == 0 {
		return false, nil, nil
	}
	if c.Fill == nil {
		return true, nil, nil
	}
	val, err := Coerce(c.TypeAt(v), *c.Fill)
	return true, val, err
}

// IsBurned reports whether code belonged to a dropped column.
func (t *Table) IsBurned(code string) bool { return slices.Contains(t.Burned, code) }

// StorageName is the name under which the table's objects are stored
// (resource=<StorageName>/...): the name it was created with, whatever it
// has been renamed to since.
func (t *Table) StorageName() string {
	if t.Storage != "" {
		return t.Storage
	}
	return t.Name
}

// TableByStorage returns the table whose objects are stored under name, or nil.
func (c *Catalog) TableByStorage(name string) *Table {
	for _, t := range c.Tables {
		if strings.EqualFold(t.StorageName(), name) {
			return t
		}
	}
	return nil
}

// FreeStorage returns the storage name for a new table called name: name
// itself, unless a renamed table still stores its objects there; then name_2,
// name_3, ... (compared without case, for case-insensitive file systems).
func (c *Catalog) FreeStorage(name string) string {
	s := name
	for n := 2; c.TableByStorage(s) != nil; n++ {
		s = name + "_" + strconv.Itoa(n)
	}
	return s
}

// formatNeeded is the catalog format c must be written in: 3 when a table
// uses what format 3 added (storage names, burned codes, type history, added
// columns, CHECK, AUTO_INCREMENT, TIMESTAMPS, DEFAULT (UUID())), else 2, so
// that an older s3db refuses exactly the catalogs it would misread.
func (c *Catalog) formatNeeded() int {
	for _, t := range c.Tables {
		if t.Storage != "" || len(t.Burned) > 0 || len(t.Checks) > 0 || t.Timestamps {
			return FormatVersion
		}
		for _, col := range t.Columns {
			if col.AutoIncrement || col.Since > 0 || len(col.History) > 0 || col.Default != nil && col.Default.Kind == DefaultUUID {
				return FormatVersion
			}
		}
	}
	return 2
}

// checkVersions checks and resolves what version.go adds to a stored table.
func checkVersions(t *Table) error {
	if t.Storage != "" && !storageRE.MatchString(t.Storage) {
		return fmt.Errorf("table %s: bad storage name %q", t.Name, t.Storage)
	}
	for _, code := range t.Burned {
		n, err := strconv.ParseInt(code, 36, 32)
		if err != nil || n < 0 || int(n) >= t.NextCode || code != strconv.FormatInt(n, 36) {
			return fmt.Errorf("table %s: bad burned field code %q", t.Name, code)
		}
		if t.ByCode(code) != nil {
			return fmt.Errorf("table %s: field code %q is both burned and in use", t.Name, code)
		}
	}
	for _, col := range t.Columns {
		last := 0
		for i := range col.History {
			h := &col.History[i]
			if h.Until < last || h.Until >= t.Version {
				return fmt.Errorf("table %s, column %s: bad type history", t.Name, col.Name)
			}
			last = h.Until
			if err := h.Type.Resolve(); err != nil {
				return fmt.Errorf("table %s, column %s: %w", t.Name, col.Name, err)
			}
		}
		if col.Since < 0 || col.Since > t.Version {
			return fmt.Errorf("table %s, column %s: bad version %d", t.Name, col.Name, col.Since)
		}
	}
	for _, ck := range t.Checks {
		if _, err := ck.Parsed(); err != nil {
			return fmt.Errorf("table %s, check constraint %s: %w", t.Name, ck.Name, err)
		}
	}
	return nil
}

// storageRE matches storage names: table names and FreeStorage's name_<n>.
var storageRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,80}$`)

// Names of the columns TIMESTAMPS = ON maintains.
const (
	CreatedAt = "createdAt"
	UpdatedAt = "updatedAt"
)

// addTimestamps adds createdAt and updatedAt DATETIME(3) NOT NULL DEFAULT
// CURRENT_TIMESTAMP to a TIMESTAMPS = ON table, unless it declares them (as
// SHOW CREATE TABLE does); declared ones must be DATETIME or TIMESTAMP.
func (t *Table) addTimestamps() error {
	if !t.Timestamps {
		return nil
	}
	for _, name := range []string{CreatedAt, UpdatedAt} {
		if c := t.Column(name); c != nil {
			if c.Type.Kind != KindTime || c.Type.Name == "DATE" {
				return fmt.Errorf("table %s: TIMESTAMPS = ON maintains %s, which must be DATETIME or TIMESTAMP, not %s", t.Name, c.Name, c.Type.SQL())
			}
			continue
		}
		c := &Column{Name: name, Type: mustType("DATETIME", 3), NotNull: true, Default: &Default{Kind: DefaultCurrentTimestamp},
			Code: strconv.FormatInt(int64(t.NextCode), 36)}
		t.NextCode++
		t.Columns = append(t.Columns, c)
	}
	return nil
}

// TimestampColumns returns the positions of createdAt and updatedAt in a
// TIMESTAMPS = ON table, or -1, -1.
func (t *Table) TimestampColumns() (created, updated int) {
	if !t.Timestamps {
		return -1, -1
	}
	return t.ColumnIndex(CreatedAt), t.ColumnIndex(UpdatedAt)
}

// AutoIncrementColumn returns the position of the AUTO_INCREMENT column, or -1.
func (t *Table) AutoIncrementColumn() int {
	for i, c := range t.Columns {
		if c.AutoIncrement {
			return i
		}
	}
	return -1
}

// checkAutoIncrement allows one AUTO_INCREMENT column per table.
func (t *Table) checkAutoIncrement() error {
	n := 0
	for _, c := range t.Columns {
		if c.AutoIncrement {
			if n++; n > 1 {
				return fmt.Errorf("table %s: there can be only one AUTO_INCREMENT column", t.Name)
			}
			if c.Type.Kind == KindSecret {
				return fmt.Errorf("table %s: a SECRET column cannot be AUTO_INCREMENT", t.Name)
			}
		}
	}
	return nil
}

// uuidDefault is DEFAULT (UUID()): for UUID columns and strings that hold 36
// characters.
func uuidDefault(c *Column) (*Default, error) {
	switch {
	case c.Type.Kind == KindUUID:
	case c.Type.Kind == KindString && c.Type.Name != "EMAIL" && c.Type.Name != "URL" && (c.Type.MaxChars == 0 || c.Type.MaxChars >= 36):
	default:
		return nil, fmt.Errorf("invalid DEFAULT: UUID() needs a UUID, CHAR(36), VARCHAR(36) or longer, or TEXT column, not %s", c.Type.SQL())
	}
	return &Default{Kind: DefaultUUID}, nil
}

// NewUUID returns a random (version 4) UUID in canonical form.
func NewUUID() string {
	var u [16]byte
	rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return FormatUUID(u)
}

// nextCode allocates the next field code of the table.
func (t *Table) nextCode() string {
	code := strconv.FormatInt(int64(t.NextCode), 36)
	t.NextCode++
	return code
}
