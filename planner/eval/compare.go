package eval

import (
	"cmp"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/s3db-go/s3db/schema"
)

// Truth is the truth value of v in WHERE, HAVING, ON and the logical
// operators: NULL is unknown, a number is true when non-zero, a string is
// converted to a number first ('abc' and '0.0' are false, '1x' is true), a
// time is true.
func Truth(v any) (val, isNull bool) {
	switch x := v.(type) {
	case nil:
		return false, true
	case bool:
		return x, false
	case int64:
		return x != 0, false
	case uint64:
		return x != 0, false
	case schema.Decimal:
		return x.Sign() != 0, false
	case float64:
		return x != 0, false
	case string:
		return prefixFloat(x) != 0, false
	case []byte:
		return prefixFloat(string(x)) != 0, false
	case time.Time:
		return !x.IsZero(), false
	}
	return false, false
}

type kind uint8

const (
	kNull kind = iota
	kNum
	kTime
	kStr // string and []byte
	kOther
)

func kindOf(v any) kind {
	switch v.(type) {
	case nil:
		return kNull
	case int64, float64, bool, uint64, schema.Decimal:
		return kNum
	case time.Time:
		return kTime
	case string, []byte:
		return kStr
	}
	return kOther
}

func strOf(v any) string {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return v.(string)
}

// Compare compares a and b with MySQL's coercion rules and reports -1, 0 or
// +1; isNull is true when either side is NULL.
//
//   - number vs number (bool is 0/1): numeric, exact across int64, uint64
//     and Decimal and between integers and float64; Decimal vs float64 as
//     float64 (as MySQL);
//   - string vs string, []byte vs either: byte-wise (binary collation);
//   - number vs string: the string's leading numeric prefix as float64;
//   - time vs string: the string is parsed as a datetime, an error if it is
//     not one;
//   - time vs number: the number read as YYYYMMDD[HHMMSS], or else the time
//     as the number YYYYMMDDHHMMSS.
func Compare(a, b any) (c int, isNull bool, err error) {
	switch x := a.(type) { // fast paths
	case int64:
		if y, ok := b.(int64); ok {
			return cmp.Compare(x, y), false, nil
		}
	case string:
		if y, ok := b.(string); ok {
			return strings.Compare(x, y), false, nil
		}
	case float64:
		if y, ok := b.(float64); ok {
			return cmp.Compare(x, y), false, nil
		}
	case schema.Decimal:
		if y, ok := b.(schema.Decimal); ok {
			return x.Cmp(y), false, nil
		}
	}
	ka, kb := kindOf(a), kindOf(b)
	switch {
	case ka == kNull || kb == kNull:
		return 0, true, nil
	case ka == kNum && kb == kNum:
		na, _, _ := toNum(a)
		nb, _, _ := toNum(b)
		return cmpNum(na, nb), false, nil
	case ka == kStr && kb == kStr:
		return strings.Compare(strOf(a), strOf(b)), false, nil
	case ka == kTime && kb == kTime:
		return a.(time.Time).Compare(b.(time.Time)), false, nil
	case ka == kTime && kb == kStr:
		t, err := ToTime(b)
		if err != nil {
			return 0, false, err
		}
		return a.(time.Time).Compare(t), false, nil
	case ka == kStr && kb == kTime:
		c, n, err := Compare(b, a)
		return -c, n, err
	case ka == kTime && kb == kNum:
		nb, _, _ := toNum(b)
		if t, ok := schema.TimeFromNumber(nb.float()); ok {
			return a.(time.Time).Compare(t), false, nil
		}
		return cmpNum(timeNumber(a.(time.Time)), nb), false, nil
	case ka == kNum && kb == kTime:
		c, n, err := Compare(b, a)
		return -c, n, err
	case ka == kNum && kb == kStr, ka == kStr && kb == kNum:
		na, _, _ := toNum(a)
		nb, _, _ := toNum(b)
		return cmpNum(na, nb), false, nil
	}
	return 0, false, fmt.Errorf("cannot compare a value of type %T with one of type %T", a, b)
}

func cmpNum(a, b num) int {
	switch {
	case (a.isX || b.isX) && a.exact() && b.exact(): // DECIMAL, UNSIGNED: exactly
		return a.dec().Cmp(b.dec())
	case !a.isF && !b.isF:
		return cmp.Compare(a.i, b.i)
	case a.isF && b.isF:
		return cmp.Compare(a.f, b.f)
	case a.isF:
		return -cmpIntFloat(b.i, a.f)
	}
	return cmpIntFloat(a.i, b.f)
}

// cmpIntFloat compares exactly, without rounding i to float64. NaN is below
// every number, as cmp.Compare orders it.
func cmpIntFloat(i int64, f float64) int {
	switch {
	case math.IsNaN(f):
		return 1
	case f >= 0x1p63:
		return -1
	case f < -0x1p63:
		return 1
	}
	t := int64(f)
	if i != t {
		return cmp.Compare(i, t)
	}
	return cmp.Compare(0, f-float64(t))
}

// CompareForSort is a total order for ORDER BY, GROUP BY and DISTINCT
// sorting: NULL first (as MySQL sorts ascending), then numbers (numerically,
// NaN lowest), times, strings and []byte (byte-wise), then anything else.
// Values of different ranks never coerce, so the order is consistent and
// transitive over any mix; it never fails or panics.
func CompareForSort(a, b any) int {
	ka, kb := kindOf(a), kindOf(b)
	if ka != kb {
		return cmp.Compare(ka, kb)
	}
	switch ka {
	case kNum:
		na, _, _ := toNum(a)
		nb, _, _ := toNum(b)
		return cmpNum(na, nb)
	case kTime:
		return a.(time.Time).Compare(b.(time.Time))
	case kStr:
		return strings.Compare(strOf(a), strOf(b))
	case kOther:
		return strings.Compare(fmt.Sprintf("%T:%v", a, a), fmt.Sprintf("%T:%v", b, b))
	}
	return 0
}
