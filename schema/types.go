package schema

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/s3db-go/s3db/sqlparse"
)

// Kind is the storage class of a column type: how its values are represented in
// memory (the engine's value domain) and encoded in a record.
type Kind uint8

const (
	KindString    Kind = iota + 1 // CHAR, VARCHAR, TEXT family, EMAIL, URL: string
	KindInt                       // TINYINT..BIGINT: int64
	KindFloat                     // FLOAT, DOUBLE: float64
	KindBool                      // BOOLEAN: bool
	KindTime                      // DATE, DATETIME, TIMESTAMP: time.Time (UTC)
	KindJSON                      // JSON: string holding valid JSON text
	KindUint                      // TINYINT..BIGINT UNSIGNED: uint64
	KindDecimal                   // DECIMAL(p,s): Decimal
	KindBytes                     // BINARY, VARBINARY, TINYBLOB..LONGBLOB: []byte
	KindTimeOfDay                 // TIME: string 'HH:MM:SS[.ffffff]'
	KindEnum                      // ENUM('a',...): string, one of Type.Elems
	KindUUID                      // UUID: string, canonical lower-case 8-4-4-4-12
	KindIP                        // IP4, IP6: string, canonical address text
	KindVector                    // EMBEDDING(n), VECTOR(n): string, JSON array of n float32
	KindSecret                    // SECRET: declared only, until the encryption layer lands
)

var kindNames = [...]string{KindString: "string", KindInt: "int", KindFloat: "float", KindBool: "bool",
	KindTime: "time", KindJSON: "json", KindUint: "uint", KindDecimal: "decimal", KindBytes: "bytes",
	KindTimeOfDay: "timeofday", KindEnum: "enum", KindUUID: "uuid", KindIP: "ip", KindVector: "vector",
	KindSecret: "secret"}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Type is a column type: its SQL name as declared (normalised), its kind and
// its limits. Name, Length, Scale, Unsigned and Elems are what the catalog
// stores; Resolve derives the rest.
type Type struct {
	Name string `json:"name"` // VARCHAR, INT, DATETIME, EMBEDDING, ...
	// Length is what the declaration's parenthesis says: characters for
	// strings, bytes for binary strings, the precision of DECIMAL, the
	// fractional-second digits of times, the dimensions of vectors; 0 = none.
	Length   int      `json:"length,omitempty"`
	Scale    int      `json:"scale,omitempty"`    // DECIMAL(p,s): digits after the point
	Unsigned bool     `json:"unsigned,omitempty"` // integer types
	Elems    []string `json:"elems,omitempty"`    // ENUM members, in order
	Kind     Kind     `json:"-"`
	// Min and Max bound signed integer types, UMax unsigned ones.
	Min  int64  `json:"-"`
	Max  int64  `json:"-"`
	UMax uint64 `json:"-"`
	// MaxChars bounds string types in characters (0 = the type's maximum in
	// MaxBytes); MaxBytes bounds strings and binary strings in bytes.
	MaxChars int `json:"-"`
	MaxBytes int `json:"-"`
}

type typeInfo struct {
	kind          Kind
	min, max      int64 // integers
	maxBytes      int   // strings: the type's own byte limit
	maxLength     int   // the largest declarable length (0 = maxBytes)
	needsLength   bool  // VARCHAR(n)
	defaultLength int   // CHAR = CHAR(1)
	defaultChars  int   // EMAIL, URL: the character limit without a length
}

// typeTable lists every supported SQL type. Types not listed here (SET, BIT,
// YEAR, ...) are rejected with a clear error.
var typeTable = map[string]typeInfo{
	"CHAR":       {kind: KindString, maxBytes: 255 * 4, maxLength: 255, defaultLength: 1},
	"VARCHAR":    {kind: KindString, maxBytes: 65535, needsLength: true},
	"TINYTEXT":   {kind: KindString, maxBytes: 255},
	"TEXT":       {kind: KindString, maxBytes: 65535},
	"MEDIUMTEXT": {kind: KindString, maxBytes: 1<<24 - 1},
	"LONGTEXT":   {kind: KindString, maxBytes: 1<<32 - 1},
	"EMAIL":      {kind: KindString, maxBytes: 65535, maxLength: 65535, defaultChars: 254},
	"URL":        {kind: KindString, maxBytes: 65535, maxLength: 65535, defaultChars: 2048},
	"TINYINT":    {kind: KindInt, min: -1 << 7, max: 1<<7 - 1},
	"SMALLINT":   {kind: KindInt, min: -1 << 15, max: 1<<15 - 1},
	"MEDIUMINT":  {kind: KindInt, min: -1 << 23, max: 1<<23 - 1},
	"INT":        {kind: KindInt, min: -1 << 31, max: 1<<31 - 1},
	"BIGINT":     {kind: KindInt, min: -1 << 63, max: 1<<63 - 1},
	"DECIMAL":    {kind: KindDecimal},
	"FLOAT":      {kind: KindFloat},
	"DOUBLE":     {kind: KindFloat},
	"BOOLEAN":    {kind: KindBool},
	"DATE":       {kind: KindTime},
	"DATETIME":   {kind: KindTime},
	"TIMESTAMP":  {kind: KindTime},
	"TIME":       {kind: KindTimeOfDay},
	"JSON":       {kind: KindJSON},
	"ENUM":       {kind: KindEnum},
	"BINARY":     {kind: KindBytes, maxBytes: 255, defaultLength: 1},
	"VARBINARY":  {kind: KindBytes, maxBytes: 65535, needsLength: true},
	"TINYBLOB":   {kind: KindBytes, maxBytes: 255},
	"BLOB":       {kind: KindBytes, maxBytes: 65535},
	"MEDIUMBLOB": {kind: KindBytes, maxBytes: 1<<24 - 1},
	"LONGBLOB":   {kind: KindBytes, maxBytes: 1<<32 - 1},
	"UUID":       {kind: KindUUID},
	"IP4":        {kind: KindIP},
	"IP6":        {kind: KindIP},
	"EMBEDDING":  {kind: KindVector, maxLength: MaxVectorDims},
	"VECTOR":     {kind: KindVector, maxLength: MaxVectorDims},
	"SECRET":     {kind: KindSecret, maxBytes: 65535},
}

// Limits of the declarable types.
const (
	MaxVectorDims    = 16383 // TiDB's VECTOR limit
	MaxDecimalPrec   = 65    // MySQL's DECIMAL limits
	MaxDecimalScale  = 30
	MaxEnumMembers   = 65535
	maxEnumMemberLen = 255
)

// ParseType turns a parsed type into a Type, rejecting unknown types and bad lengths.
func ParseType(spec sqlparse.TypeSpec) (Type, error) {
	name := strings.ToUpper(spec.Name)
	info, ok := typeTable[name]
	if !ok {
		return Type{}, fmt.Errorf("unsupported type %s", name)
	}
	if spec.Unsigned && info.kind != KindInt {
		return Type{}, fmt.Errorf("type %s cannot be UNSIGNED: UNSIGNED applies to integer types", name)
	}
	if len(spec.Elems) > 0 && info.kind != KindEnum {
		return Type{}, fmt.Errorf("type %s takes no member list", name)
	}
	t := Type{Name: name, Kind: info.kind}
	noLength := func() error {
		if spec.Length >= 0 {
			return fmt.Errorf("type %s takes no length", name)
		}
		return nil
	}
	switch info.kind {
	case KindString, KindBytes, KindSecret:
		if err := parseLength(&t, spec, info); err != nil {
			return Type{}, err
		}
		if info.kind == KindBytes { // lengths count bytes
			t.MaxChars = 0
			if t.Length > 0 {
				t.MaxBytes = t.Length
			}
		}
	case KindInt:
		if spec.Unsigned {
			t.Kind, t.Unsigned, t.UMax = KindUint, true, uint64(info.max)<<1|1
		} else {
			if spec.Length == 1 && name == "TINYINT" {
				// TINYINT(1) is MySQL's BOOLEAN spelling.
				t.Length = 1
			}
			t.Min, t.Max = info.min, info.max
		}
	case KindDecimal:
		return parseDecimalType(t, spec)
	case KindTime, KindTimeOfDay:
		if spec.Length >= 0 {
			if name == "DATE" {
				return Type{}, fmt.Errorf("type DATE takes no precision")
			}
			if spec.Length > 6 {
				return Type{}, fmt.Errorf("fractional second precision %d is too large for %s (max 6)", spec.Length, name)
			}
			t.Length = spec.Length
		}
	case KindEnum:
		if err := noLength(); err != nil {
			return Type{}, err
		}
		return parseEnum(t, spec.Elems)
	case KindVector:
		if spec.Length <= 0 {
			return Type{}, fmt.Errorf("type %s needs a dimension, e.g. %s(768)", name, name)
		}
		if spec.Length > MaxVectorDims {
			return Type{}, fmt.Errorf("dimension %d is too large for %s (max %d)", spec.Length, name, MaxVectorDims)
		}
		t.Length = spec.Length
	default:
		if err := noLength(); err != nil {
			return Type{}, err
		}
	}
	if spec.Scale >= 0 && info.kind != KindDecimal && info.kind != KindFloat {
		return Type{}, fmt.Errorf("type %s takes no scale", name)
	}
	return t, nil
}

// parseLength sets the length limits of a string, binary or SECRET type.
func parseLength(t *Type, spec sqlparse.TypeSpec, info typeInfo) error {
	name := t.Name
	t.Length = spec.Length
	if t.Length < 0 {
		if info.needsLength {
			return fmt.Errorf("type %s needs a length, e.g. %s(255)", name, name)
		}
		t.Length = info.defaultLength
	}
	if t.Length == 0 && (info.needsLength || info.defaultLength > 0) {
		// CHAR(0) too: a catalog stores length 0 as "none", which would reload as CHAR(1).
		return fmt.Errorf("type %s(0) cannot hold any value", name)
	}
	maxLength := info.maxLength
	if maxLength == 0 {
		maxLength = info.maxBytes
	}
	if t.Length > maxLength {
		return fmt.Errorf("length %d is too large for %s (max %d)", t.Length, name, maxLength)
	}
	t.MaxChars, t.MaxBytes = t.Length, info.maxBytes
	if t.Length == 0 {
		t.MaxChars = info.defaultChars
	}
	return nil
}

// parseDecimalType reads DECIMAL[(p[,s])]: DECIMAL is DECIMAL(10,0), as in MySQL.
func parseDecimalType(t Type, spec sqlparse.TypeSpec) (Type, error) {
	t.Length, t.Scale = 10, 0
	if spec.Length >= 0 {
		t.Length = spec.Length
	}
	if spec.Scale >= 0 {
		t.Scale = spec.Scale
	}
	switch {
	case t.Length < 1 || t.Length > MaxDecimalPrec:
		return Type{}, fmt.Errorf("precision %d is out of range for DECIMAL (1 to %d)", t.Length, MaxDecimalPrec)
	case t.Scale > MaxDecimalScale:
		return Type{}, fmt.Errorf("scale %d is too large for DECIMAL (max %d)", t.Scale, MaxDecimalScale)
	case t.Scale > t.Length:
		return Type{}, fmt.Errorf("scale %d is larger than the precision %d of DECIMAL", t.Scale, t.Length)
	}
	return t, nil
}

// parseEnum checks the member list of an ENUM: at least one member, none
// repeated (ignoring case, as MySQL), each at most 255 characters.
func parseEnum(t Type, elems []string) (Type, error) {
	if len(elems) == 0 {
		return Type{}, fmt.Errorf("type ENUM needs members, e.g. ENUM('a','b')")
	}
	if len(elems) > MaxEnumMembers {
		return Type{}, fmt.Errorf("ENUM has %d members, max %d", len(elems), MaxEnumMembers)
	}
	seen := map[string]bool{}
	for _, e := range elems {
		if n := len([]rune(e)); n > maxEnumMemberLen {
			return Type{}, fmt.Errorf("ENUM member %s is too long (%d characters, max %d)", Quote(e), n, maxEnumMemberLen)
		}
		k := strings.ToLower(e)
		if seen[k] {
			return Type{}, fmt.Errorf("ENUM member %s is repeated", Quote(e))
		}
		seen[k] = true
	}
	t.Elems = slices.Clone(elems)
	return t, nil
}

// Resolve fills the derived fields of a Type loaded from the catalog.
func (t *Type) Resolve() error {
	scale := -1
	if t.Kind == KindDecimal || t.Name == "DECIMAL" {
		scale = t.Scale
	}
	nt, err := ParseType(sqlparse.TypeSpec{Name: t.Name, Length: lengthOrUnset(t), Scale: scale, Unsigned: t.Unsigned, Elems: t.Elems})
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

// Keyable reports whether the type can be a PRIMARY KEY: its canonical text
// is the object key (record.Key), so strings, integers and UUIDs.
func (t Type) Keyable() bool {
	switch t.Kind {
	case KindString, KindInt, KindUint, KindUUID:
		return true
	}
	return false
}

// Equal reports whether t and u are the same declared type.
func (t Type) Equal(u Type) bool {
	return t.Name == u.Name && t.Length == u.Length && t.Scale == u.Scale && t.Unsigned == u.Unsigned && slices.Equal(t.Elems, u.Elems)
}

// SQL renders the type as it would be declared.
func (t Type) SQL() string {
	var s string
	switch {
	case t.Kind == KindEnum || len(t.Elems) > 0:
		q := make([]string, len(t.Elems))
		for i, e := range t.Elems {
			q[i] = "'" + strings.ReplaceAll(e, "'", "''") + "'"
		}
		s = t.Name + "(" + strings.Join(q, ",") + ")"
	case t.Kind == KindDecimal || t.Name == "DECIMAL":
		s = t.Name + "(" + strconv.Itoa(t.Length) + "," + strconv.Itoa(t.Scale) + ")"
	case t.Length > 0:
		s = t.Name + "(" + strconv.Itoa(t.Length) + ")"
	default:
		s = t.Name
	}
	if t.Unsigned {
		s += " UNSIGNED"
	}
	return s
}

var (
	scanString = reflect.TypeOf("")
	scanInt    = reflect.TypeOf(int64(0))
	scanUint   = reflect.TypeOf(uint64(0))
	scanFloat  = reflect.TypeOf(float64(0))
	scanBool   = reflect.TypeOf(false)
	scanTime   = reflect.TypeOf(time.Time{})
	scanBytes  = reflect.TypeOf([]byte(nil))
)

// ScanType is the Go type a value of this type scans into (Rows.ColumnTypes):
// what the driver hands to database/sql. DECIMAL arrives as its exact text
// (string, as go-sql-driver/mysql gives it), TIME as a time.Time on
// 0000-01-01, EMBEDDING as its JSON text.
func (t Type) ScanType() reflect.Type {
	switch t.Kind {
	case KindInt:
		return scanInt
	case KindUint:
		return scanUint
	case KindFloat:
		return scanFloat
	case KindBool:
		return scanBool
	case KindTime, KindTimeOfDay:
		return scanTime
	case KindBytes:
		return scanBytes
	default:
		return scanString
	}
}

// ValueType is the Go type of this type's values inside the engine (see
// package doc): it differs from ScanType for DECIMAL (Decimal) and TIME (string).
func (t Type) ValueType() reflect.Type {
	switch t.Kind {
	case KindDecimal:
		return reflect.TypeOf(Decimal(""))
	case KindTimeOfDay:
		return scanString
	}
	return t.ScanType()
}
