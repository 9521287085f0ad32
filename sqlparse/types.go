package sqlparse

import (
	"slices"
	"strings"

	"github.com/pingcap/tidb/pkg/parser/charset"
	"github.com/pingcap/tidb/pkg/parser/mysql"
	"github.com/pingcap/tidb/pkg/parser/types"
)

// typeNames names TiDB's types; binaryNames the ones whose binary-charset
// variant has a name of its own.
var (
	typeNames = map[byte]string{
		mysql.TypeTiny:              "TINYINT",
		mysql.TypeShort:             "SMALLINT",
		mysql.TypeInt24:             "MEDIUMINT",
		mysql.TypeLong:              "INT",
		mysql.TypeLonglong:          "BIGINT",
		mysql.TypeNewDecimal:        "DECIMAL",
		mysql.TypeFloat:             "FLOAT",
		mysql.TypeDouble:            "DOUBLE",
		mysql.TypeString:            "CHAR",
		mysql.TypeVarchar:           "VARCHAR",
		mysql.TypeVarString:         "VARCHAR",
		mysql.TypeTinyBlob:          "TINYTEXT",
		mysql.TypeBlob:              "TEXT",
		mysql.TypeMediumBlob:        "MEDIUMTEXT",
		mysql.TypeLongBlob:          "LONGTEXT",
		mysql.TypeDate:              "DATE",
		mysql.TypeDatetime:          "DATETIME",
		mysql.TypeTimestamp:         "TIMESTAMP",
		mysql.TypeDuration:          "TIME",
		mysql.TypeYear:              "YEAR",
		mysql.TypeJSON:              "JSON",
		mysql.TypeEnum:              "ENUM",
		mysql.TypeSet:               "SET",
		mysql.TypeBit:               "BIT",
		mysql.TypeTiDBVectorFloat32: "VECTOR",
	}
	binaryNames = map[byte]string{
		mysql.TypeString:     "BINARY",
		mysql.TypeVarchar:    "VARBINARY",
		mysql.TypeVarString:  "VARBINARY",
		mysql.TypeTinyBlob:   "TINYBLOB",
		mysql.TypeBlob:       "BLOB",
		mysql.TypeMediumBlob: "MEDIUMBLOB",
		mysql.TypeLongBlob:   "LONGBLOB",
	}
)

// typeSpec converts a TiDB type. TiDB already folds synonyms (INTEGER, REAL,
// NUMERIC, DOUBLE PRECISION, CHARACTER VARYING, SERIAL, ...) into its type
// codes and leaves lengths it was not given at -1, except that BOOL and
// BOOLEAN become TINYINT(1): written, the type word as written in a column
// definition, tells them apart. written also names the extension types
// (UUID, EMAIL, ...) that the pre-pass replaced by a TiDB type. It returns
// false for a type the IR cannot name.
func typeSpec(ft *types.FieldType, written string) (TypeSpec, bool) {
	tp := ft.GetType()
	name, ok := typeNames[tp]
	if !ok {
		return TypeSpec{}, false
	}
	if ft.GetCharset() == charset.CharsetBin && binaryNames[tp] != "" {
		name = binaryNames[tp]
	}
	spec := TypeSpec{Name: name, Length: -1, Scale: -1, Unsigned: mysql.HasUnsignedFlag(ft.GetFlag())}
	switch tp {
	case mysql.TypeNewDecimal, mysql.TypeFloat, mysql.TypeDouble:
		spec.Length, spec.Scale = ft.GetFlen(), ft.GetDecimal()
	case mysql.TypeDate, mysql.TypeYear, mysql.TypeJSON:
	case mysql.TypeDatetime, mysql.TypeTimestamp, mysql.TypeDuration:
		spec.Length = ft.GetDecimal() // fractional seconds precision
	case mysql.TypeEnum, mysql.TypeSet:
		spec.Elems = slices.Clone(ft.GetElems())
	default:
		spec.Length = ft.GetFlen()
	}
	if tp == mysql.TypeTiny && (written == "BOOL" || written == "BOOLEAN") {
		spec.Name, spec.Length = "BOOLEAN", -1
	}
	if IsExtensionType(written) {
		// The pre-pass put a TiDB type word in its place; the lengths carry over.
		spec.Name = written
	}
	return spec, true
}

// typeName names a type for an error message.
func typeName(ft *types.FieldType) string {
	return strings.ToUpper(types.TypeToStr(ft.GetType(), ft.GetCharset()))
}
