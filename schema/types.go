package schema

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/s3db-go/s3db/sqlparse"
)

// Kind is the storage class of a column type: how its values are represented in
// memory (the engine's value domain) and encoded in a record.
type Kind uint8

const (
	KindString Kind = iota + 1 // CHAR, VARCHAR, TEXT family: Go string
	KindInt                    // TINYINT..BIGINT: int64
	KindFloat                  // FLOAT, DOUBLE: float64
	KindBool                   // BOOLEAN: bool
	KindTime                   // DATE, DATETIME, TIMESTAMP: time.Time (UTC)
	KindJSON                   // JSON: string holding valid JSON text
)

var kindNames = [...]string{KindString: "string", KindInt: "int", KindFloat: "float", KindBool: "bool", KindTime: "time", KindJSON: "json"}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Type is a column type: its SQL name as declared (normalised), its kind and its limits.
type Type struct {
	Name   string `json:"name"`             // VARCHAR, INT, DATETIME, ...
	Length int    `json:"length,omitempty"` // declared length: characters for strings, 0 = none
	Kind   Kind   `json:"-"`
	// Min and Max bound integer types.
	Min int64 `json:"-"`
	Max int64 `json:"-"`
	// MaxChars bounds string types in characters (0 = the type's maximum in MaxBytes).
	MaxChars int `json:"-"`
	MaxBytes int `json:"-"`
}

type typeInfo struct {
	kind          Kind
	min, max      int64 // integers
	maxBytes      int   // strings: the type's own byte limit
	maxLength     int   // strings: the largest declarable length in characters (0 = maxBytes)
	needsLength   bool  // VARCHAR(n)
	defaultLength int   // CHAR = CHAR(1)
}

// typeTable lists every supported SQL type. Types of the dialect not listed
// here (DECIMAL, ENUM, BLOB, UUID, ...) are rejected with a clear error until
// they are implemented.
var typeTable = map[string]typeInfo{
	"CHAR":       {kind: KindString, maxBytes: 255 * 4, maxLength: 255, defaultLength: 1},
	"VARCHAR":    {kind: KindString, maxBytes: 65535, needsLength: true},
	"TINYTEXT":   {kind: KindString, maxBytes: 255},
	"TEXT":       {kind: KindString, maxBytes: 65535},
	"MEDIUMTEXT": {kind: KindString, maxBytes: 1<<24 - 1},
	"LONGTEXT":   {kind: KindString, maxBytes: 1<<32 - 1},
	"TINYINT":    {kind: KindInt, min: -1 << 7, max: 1<<7 - 1},
	"SMALLINT":   {kind: KindInt, min: -1 << 15, max: 1<<15 - 1},
	"MEDIUMINT":  {kind: KindInt, min: -1 << 23, max: 1<<23 - 1},
	"INT":        {kind: KindInt, min: -1 << 31, max: 1<<31 - 1},
	"BIGINT":     {kind: KindInt, min: -1 << 63, max: 1<<63 - 1},
	"FLOAT":      {kind: KindFloat},
	"DOUBLE":     {kind: KindFloat},
	"BOOLEAN":    {kind: KindBool},
	"DATE":       {kind: KindTime},
	"DATETIME":   {kind: KindTime},
	"TIMESTAMP":  {kind: KindTime},
	"JSON":       {kind: KindJSON},
}

// ParseType turns a parsed type into a Type, rejecting unknown types and bad lengths.
func ParseType(spec sqlparse.TypeSpec) (Type, error) {
	name := strings.ToUpper(spec.Name)
	info, ok := typeTable[name]
	if !ok {
		return Type{}, fmt.Errorf("unsupported type %s", name)
	}
	if spec.Unsigned {
		return Type{}, fmt.Errorf("unsupported type %s UNSIGNED", name)
	}
	t := Type{Name: name, Kind: info.kind}
	switch info.kind {
	case KindString:
		t.Length = spec.Length
		if t.Length < 0 {
			if info.needsLength {
				return Type{}, fmt.Errorf("type %s needs a length, e.g. %s(255)", name, name)
			}
			t.Length = info.defaultLength
		}
		if t.Length == 0 && (info.needsLength || info.defaultLength > 0) {
			// CHAR(0) too: a catalog stores length 0 as "none", which would reload as CHAR(1).
			return Type{}, fmt.Errorf("type %s(0) cannot hold any value", name)
		}
		maxLength := info.maxLength
		if maxLength == 0 {
			maxLength = info.maxBytes
		}
		if t.Length > maxLength {
			return Type{}, fmt.Errorf("length %d is too large for %s (max %d)", t.Length, name, maxLength)
		}
		t.MaxChars, t.MaxBytes = t.Length, info.maxBytes
	case KindInt:
		if spec.Length == 1 && name == "TINYINT" {
			// TINYINT(1) is MySQL's BOOLEAN spelling.
			t.Length = 1
		}
		t.Min, t.Max = info.min, info.max
	case KindTime:
		if spec.Length >= 0 {
			if name == "DATE" {
				return Type{}, fmt.Errorf("type DATE takes no precision")
			}
			if spec.Length > 6 {
				return Type{}, fmt.Errorf("fractional second precision %d is too large for %s (max 6)", spec.Length, name)
			}
			t.Length = spec.Length
		}
	default:
		if spec.Length >= 0 {
			return Type{}, fmt.Errorf("type %s takes no length", name)
		}
	}
	return t, nil
}

// Resolve fills the derived fields of a Type loaded from the catalog.
func (t *Type) Resolve() error {
	nt, err := ParseType(sqlparse.TypeSpec{Name: t.Name, Length: lengthOrUnset(t), Scale: -1})
	if err != nil {
		return err
	}
	*t = nt
	return nil
}

func lengthOrUnset(t *Type) int {
	if t.Length == 0 {
		return -1
	}
	return t.Length
}

// SQL renders the type as it would be declared.
func (t Type) SQL() string {
	if t.Length > 0 {
		return t.Name + "(" + strconv.Itoa(t.Length) + ")"
	}
	return t.Name
}

var (
	scanString = reflect.TypeOf("")
	scanInt    = reflect.TypeOf(int64(0))
	scanFloat  = reflect.TypeOf(float64(0))
	scanBool   = reflect.TypeOf(false)
	scanTime   = reflect.TypeOf(time.Time{})
)

// ScanType is the Go type a value of this type scans into (Rows.ColumnTypes).
func (t Type) ScanType() reflect.Type {
	switch t.Kind {
	case KindInt:
		return scanInt
	case KindFloat:
		return scanFloat
	case KindBool:
		return scanBool
	case KindTime:
		return scanTime
	default:
		return scanString
	}
}
