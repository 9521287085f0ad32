package s3db

import (
	"database/sql/driver"
	"fmt"

	"github.com/s3db-go/s3db/schema"
)

// Vector is the value of an EMBEDDING(n) or VECTOR(n) column. The driver
// hands vectors to database/sql as their JSON text ("[0.1,0.2]"), which
// scans into a string or, with Vector's Scan, into float32s; as an argument
// a Vector is sent as that text. A nil Vector is NULL.
type Vector []float32

var (
	_ driver.Valuer                = Vector(nil)
	_ interface{ Scan(any) error } = (*Vector)(nil)
)

// Scan reads a vector's JSON text (string or []byte); NULL gives a nil Vector.
func (v *Vector) Scan(src any) error {
	var text string
	switch x := src.(type) {
	case nil:
		*v = nil
		return nil
	case string:
		text = x
	case []byte:
		text = string(x)
	default:
		return fmt.Errorf("s3db.Vector: cannot scan a %T", src)
	}
	f, err := schema.ParseVector(text)
	if err != nil {
		return fmt.Errorf("s3db.Vector: %w", err)
	}
	*v = f
	return nil
}

// Value is the vector's JSON text, or NULL for a nil Vector.
func (v Vector) Value() (driver.Value, error) {
	if v == nil {
		return nil, nil
	}
	return schema.FormatVector(v), nil
}
