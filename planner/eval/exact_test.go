package eval

import (
	"math"
	"testing"

	"github.com/s3db-go/s3db/schema"
)

// TestExactNumbers: DECIMAL and UNSIGNED values compare and compute exactly.
func TestExactNumbers(t *testing.T) {
	d := func(s string) schema.Decimal { return schema.Decimal(s) }
	const maxU = uint64(math.MaxUint64)
	runCases(t, []tcase{
		{sql: "? = ?", params: []any{d("1.50"), d("1.5")}, want: true},
		{sql: "? < ?", params: []any{d("0.1"), d("0.10000000000000000001")}, want: true},
		{sql: "? = 1", params: []any{d("1.00")}, want: true},
		{sql: "? = 0.1", params: []any{d("0.1")}, want: true}, // as MySQL: DECIMAL vs DOUBLE as DOUBLE
		{sql: "? > ?", params: []any{maxU, int64(math.MaxInt64)}, want: true},
		{sql: "? > -1", params: []any{maxU}, want: true},
		{sql: "? = ?", params: []any{maxU, d("18446744073709551615")}, want: true},
		{sql: "? = ?", params: []any{maxU, maxU - 1}, want: false},
		{sql: "? + ?", params: []any{d("0.1"), d("0.2")}, want: d("0.3")},
		{sql: "? - 1", params: []any{d("1.25")}, want: d("0.25")},
		{sql: "? * ?", params: []any{d("1.5"), d("1.5")}, want: d("2.25")},
		{sql: "? * 2", params: []any{d("9999999999999999999999.99")}, want: d("19999999999999999999999.98")},
		{sql: "? + 0.5", params: []any{d("1")}, want: 1.5}, // a DOUBLE operand: DOUBLE
		{sql: "? / 4", params: []any{d("1")}, want: 0.25},  // / is DOUBLE
		{sql: "? DIV ?", params: []any{d("7.5"), d("2")}, want: int64(3)},
		{sql: "? % 2", params: []any{d("-7.5")}, want: d("-1.5")},
		{sql: "? DIV 0", params: []any{d("1")}, err: "division by 0"},
		{sql: "-?", params: []any{d("1.5")}, want: d("-1.5")},
		{sql: "? - 1", params: []any{maxU}, want: maxU - 1},
		{sql: "? + 1", params: []any{maxU}, err: "BIGINT value is out of range"},
		{sql: "? - ?", params: []any{maxU, maxU}, want: int64(0)},
		{sql: "? + ?", params: []any{uint64(math.MaxInt64), uint64(1)}, want: uint64(1 << 63)},
		{sql: "? - ?", params: []any{uint64(1), uint64(2)}, want: int64(-1)},
		{sql: "? + ?", params: []any{int64(math.MaxInt64), int64(1)}, err: "BIGINT value is out of range"},
		{sql: "-?", params: []any{uint64(1 << 63)}, want: int64(math.MinInt64)},
		{sql: "-?", params: []any{maxU}, err: "BIGINT value is out of range"},
		{sql: "? * ?", params: []any{maxU, d("1.0")}, want: d("18446744073709551615.0")},
		{sql: "? * 1.0", params: []any{maxU}, want: 1.8446744073709552e19}, // 1.0 is a DOUBLE literal
		{sql: "ABS(?)", params: []any{d("-2.50")}, want: d("2.50")},
		{sql: "ABS(?)", params: []any{maxU}, want: maxU},
		{sql: "ROUND(?, 1)", params: []any{d("2.45")}, want: d("2.5")},
		{sql: "ROUND(?)", params: []any{d("-2.5")}, want: d("-3")},
		{sql: "ROUND(?, -2)", params: []any{d("1250")}, want: d("1300")},
		{sql: "TRUNCATE(?, 1)", params: []any{d("2.49")}, want: d("2.4")},
		{sql: "ROUND(?, -1)", params: []any{maxU}, err: "BIGINT value is out of range"},
		{sql: "ROUND(?, -2)", params: []any{maxU - 100}, want: uint64(18446744073709551500)},
		{sql: "CEIL(?)", params: []any{d("1.2")}, want: int64(2)},
		{sql: "CEIL(?)", params: []any{d("-1.2")}, want: int64(-1)},
		{sql: "FLOOR(?)", params: []any{d("-1.2")}, want: int64(-2)},
		{sql: "FLOOR(?)", params: []any{d("99999999999999999999.5")}, want: d("99999999999999999999")},
		{sql: "SIGN(?)", params: []any{d("-0.01")}, want: int64(-1)},
		{sql: "SIGN(?)", params: []any{maxU}, want: int64(1)},
		{sql: "CONCAT(?, '')", params: []any{d("1.50")}, want: "1.50"},
		{sql: "CONCAT(?, '')", params: []any{maxU}, want: "18446744073709551615"},
		{sql: "? IN (1, 2)", params: []any{d("2.0")}, want: true},
		{sql: "? BETWEEN 1 AND 2", params: []any{d("1.5")}, want: true},
		{sql: "IF(?, 'y', 'n')", params: []any{d("0.00")}, want: "n"},
		{sql: "JSON_ARRAY(?, ?)", params: []any{d("1.50"), maxU}, want: "[1.5, 18446744073709551615]"},
	})
}

func TestCompareForSortExact(t *testing.T) {
	vals := []any{int64(-1), schema.Decimal("-0.5"), 0.0, schema.Decimal("0.25"), int64(1), uint64(math.MaxInt64), uint64(1 << 63), uint64(math.MaxUint64), schema.Decimal("18446744073709551616")}
	for i := range vals {
		for j := range vals {
			got := CompareForSort(vals[i], vals[j])
			want := 0
			switch {
			case i < j:
				want = -1
			case i > j:
				want = 1
			}
			if got != want {
				t.Errorf("CompareForSort(%v, %v) = %d, want %d", vals[i], vals[j], got, want)
			}
		}
	}
}
