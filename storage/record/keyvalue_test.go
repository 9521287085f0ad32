package record

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/s3db-go/s3db/planner/eval"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

// randomKeyValue returns a random input for a column of type decl.
func randomKeyValue(r *rand.Rand, decl string) any {
	switch decl {
	case "BIGINT":
		switch r.IntN(4) {
		case 0:
			return r.Int64()
		case 1:
			return -r.Int64()
		case 2:
			return r.Int64N(2001) - 1000
		}
		return []int64{0, 1, -1, 9, 10, -9, -10, math.MaxInt64, math.MinInt64}[r.IntN(9)]
	case "BIGINT UNSIGNED":
		if r.IntN(2) == 0 {
			return r.Uint64()
		}
		return r.Uint64N(1000)
	case "DECIMAL(30,6)":
		n := r.Int64N(2_000_000_001) - 1_000_000_000
		if r.IntN(3) == 0 {
			n = r.Int64() / int64(1+r.IntN(1000))
		}
		return schema.Decimal(fmt.Sprint(n)).Shift(-r.IntN(7)) // up to 6 decimals
	case "DOUBLE":
		switch r.IntN(4) {
		case 0:
			return (r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(40)-20))
		case 1:
			return math.Float64frombits(r.Uint64()) // may be NaN/Inf: skipped
		case 2:
			return float64(r.IntN(21) - 10)
		}
		return []float64{0, math.Copysign(0, -1), math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, math.MaxFloat64, -math.MaxFloat64}[r.IntN(6)]
	case "DATE", "DATETIME(6)":
		secs := r.Int64N(253402300800+62135596800) - 62135596800
		return time.Unix(secs, int64(r.IntN(1_000_000))*1000*int64(r.IntN(2))).UTC()
	case "TIME(6)":
		return fmt.Sprintf("%02d:%02d:%02d.%06d", r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(1_000_000)*r.IntN(2))
	case "BOOLEAN":
		return r.IntN(2) == 0
	case "UUID":
		var u [16]byte
		for i := range u {
			u[i] = byte(r.UintN(256) & []uint{0, 1, 0xff}[r.IntN(3)])
		}
		return schema.FormatUUID(u)
	case "LONGBLOB":
		return []byte(randomValue(r))
	}
	return randomValue(r) // LONGTEXT
}

// TestKeyValueOrder is the property test of KeyValue: for random values of
// every orderable type, the byte order of the encoded keys is eval.Compare's
// order of the values, and no encoding has a byte at or below '/'.
func TestKeyValueOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, decl := range []string{"BIGINT", "BIGINT UNSIGNED", "DECIMAL(30,6)", "DOUBLE", "DATE", "DATETIME(6)", "TIME(6)", "BOOLEAN", "UUID", "LONGTEXT", "LONGBLOB"} {
		t.Run(decl, func(t *testing.T) {
			typ := typeOf(t, decl)
			type kv struct {
				v   any
				key string
			}
			var vals []kv
			for len(vals) < 3000 {
				v, err := schema.Coerce(typ, randomKeyValue(r, decl))
				if err != nil {
					continue // NaN, ±Inf
				}
				k, err := KeyValue(typ, v)
				if err != nil {
					t.Fatalf("KeyValue(%v): %v", v, err)
				}
				for i := 0; i < len(k); i++ {
					if k[i] <= '/' || !strings.ContainsRune("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~", rune(k[i])) {
						t.Fatalf("KeyValue(%v) = %q has byte %q", v, k, k[i])
					}
				}
				vals = append(vals, kv{v, k})
			}
			for i := 1; i < len(vals); i++ {
				a, b := vals[i-1], vals[i]
				want, _, err := eval.Compare(a.v, b.v)
				if err != nil {
					t.Fatal(err)
				}
				// The order of "<key>/" is what LIST sees in entry keys.
				if got := strings.Compare(a.key+"/", b.key+"/"); got != want {
					t.Fatalf("%v vs %v: Compare = %d, but keys %q vs %q compare %d", a.v, b.v, want, a.key, b.key, got)
				}
			}
			// Sorting the keys sorts the values.
			slices.SortFunc(vals, func(a, b kv) int { return strings.Compare(a.key+"/", b.key+"/") })
			for i := 1; i < len(vals); i++ {
				if c, _, _ := eval.Compare(vals[i-1].v, vals[i].v); c > 0 {
					t.Fatalf("sorted keys %q < %q but values %v > %v", vals[i-1].key, vals[i].key, vals[i-1].v, vals[i].v)
				}
			}
		})
	}
}

func TestKeyValueExamples(t *testing.T) {
	tests := []struct {
		decl string
		in   any
		want string
	}{
		{"BIGINT", int64(0), "a0"},
		{"BIGINT", int64(42), "b42"},
		{"BIGINT", int64(-42), "Y57~"},
		{"BIGINT", int64(math.MinInt64), "H0776627963145224191~"},
		{"BIGINT UNSIGNED", uint64(math.MaxUint64), "t18446744073709551615"},
		{"DECIMAL(10,2)", "0.50", "a05"},
		{"DECIMAL(10,2)", "-0.50", "Z94~"},
		{"DECIMAL(10,2)", "-0.00", "a0"},
		{"DECIMAL(10,2)", "12.30", "b123"},
		{"DOUBLE", 1.5, "BFF8000000000000"},
		{"DOUBLE", -1.5, "4007FFFFFFFFFFFF"},
		{"DOUBLE", math.Copysign(0, -1), "8000000000000000"},
		{"DATE", "2024-01-02", "20240102"},
		{"DATETIME(6)", "2024-01-02 03:04:05.5", "20240102T0304055"},
		{"TIME(3)", "09:05:00.25", "09050025"},
		{"BOOLEAN", true, "1"},
		{"UUID", "123E4567-E89B-12D3-A456-426614174000", "123e4567e89b12d3a456426614174000"},
		{"IP4", "10.0.0.1", "0a000001"},
		{"IP6", "::1", "00000000000000000000000000000001"},
		{"VARCHAR(20)", "Zoë 2024", "Zo~C3~AB020203024"},
		{"VARCHAR(20)", "active", "active"},
		{"VARCHAR(20)", "a/b_c@d", "a02Fb_5FcA40d"},
		{"ENUM('new','paid')", "paid", "paid"},
		{"VARBINARY(4)", []byte{0, 0xff}, "000~FF"},
	}
	for _, tt := range tests {
		typ := typeOf(t, tt.decl)
		v, err := schema.Coerce(typ, tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := KeyValue(typ, v); err != nil || got != tt.want {
			t.Errorf("KeyValue(%s, %v) = %q, %v; want %q", tt.decl, v, got, err, tt.want)
		}
	}
	if _, err := KeyValue(typeOf(t, "EMBEDDING(2)"), "[1,2]"); err == nil || err.Error() != "a EMBEDDING(2) value cannot be part of a key" {
		t.Errorf("vector key: %v", err)
	}
	if _, err := KeyValue(typeOf(t, "DECIMAL(65,30)"), schema.Decimal(strings.Repeat("9", 27))); err == nil || !strings.Contains(err.Error(), "more than 26 integer digits") {
		t.Errorf("huge decimal key: %v", err)
	}
}

func TestPartitionKeys(t *testing.T) {
	parts := []KeyPart{{"3", "paid"}, {"5", "b42"}}
	if got := PartitionPrefix("orders", "byStatus"); got != "resource=orders/partition=byStatus/" {
		t.Errorf("PartitionPrefix = %q", got)
	}
	if got := PartitionPrefix("orders", "byStatus", parts[0]); got != "resource=orders/partition=byStatus/3=paid/" {
		t.Errorf("PartitionPrefix = %q", got)
	}
	key := PartitionKey("orders", "byStatus", parts, "o/1")
	if key != "resource=orders/partition=byStatus/3=paid/5=b42/id=o%2F1" {
		t.Errorf("PartitionKey = %q", key)
	}
	// The entry names its row: its id segment is the row key's.
	if !strings.HasSuffix(Key("orders", "o/1"), key[strings.LastIndex(key, "/"):]) {
		t.Errorf("entry %s does not end like the row key %s", key, Key("orders", "o/1"))
	}
	// A value's entries sort below After(its prefix), which sorts below the next value's.
	p := PartitionPrefix("orders", "byStatus", parts[0])
	if !(key > p && key < After(p) && After(p) < PartitionPrefix("orders", "byStatus", KeyPart{"3", "paid0"})) {
		t.Errorf("After(%q) = %q does not bound %q", p, After(p), key)
	}
	if got := SequenceKey("orders", "7"); got != "resource=orders/sequence=7/value" {
		t.Errorf("SequenceKey = %q", got)
	}
	if strings.HasPrefix(PartitionPrefix("user", "p"), TablePrefix("users")) || strings.HasPrefix(PartitionPrefix("users", "p"), PartitionPrefix("user", "p")) {
		t.Error("prefixes of user and users overlap")
	}
	if got := PartitionPrefix("t", "a/b"); got != "resource=t/partition=a%2Fb/" {
		t.Errorf("escaped partition name: %q", got)
	}
}

// TestParseKeyValueRoundTrip: what KeyValue writes, ParseKeyValue reads back.
func TestParseKeyValueRoundTrip(t *testing.T) {
	typ := func(spec string) schema.Type {
		stmts, err := sqlparse.Parse("CREATE TABLE x (c " + spec + ")")
		if err != nil {
			t.Fatal(err)
		}
		ty, err := schema.ParseType(stmts[0].(*sqlparse.CreateTable).Columns[0].Type)
		if err != nil {
			t.Fatal(err)
		}
		return ty
	}
	for _, c := range []struct {
		spec string
		vals []any
	}{
		{"VARCHAR(50)", []any{"", "a", "Zoë 2024", "/=%~_0A", "emoji 🎉"}},
		{"VARBINARY(8)", []any{[]byte{0, 1, 255}, []byte("ab")}},
		{"BIGINT", []any{int64(0), int64(42), int64(-42), int64(-1), int64(math.MaxInt64), int64(math.MinInt64 + 1)}},
		{"DOUBLE", []any{0.0, 1.5, -2.25, 1e300, -1e-300}},
		{"BOOLEAN", []any{true, false}},
		{"DATE", []any{time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)}},
		{"DATETIME(6)", []any{time.Date(2024, 1, 2, 3, 4, 5, 123456000, time.UTC), time.Date(1999, 12, 31, 23, 59, 59, 0, time.UTC)}},
		{"UUID", []any{"123e4567-e89b-12d3-a456-426614174000"}},
	} {
		ty := typ(c.spec)
		if !KeyDecodable(ty) {
			t.Errorf("%s is not decodable", c.spec)
		}
		for _, v := range c.vals {
			enc, err := KeyValue(ty, v)
			if err != nil {
				t.Fatalf("%s %v: %v", c.spec, v, err)
			}
			got, err := ParseKeyValue(ty, enc)
			if err != nil || fmt.Sprint(got) != fmt.Sprint(v) {
				t.Errorf("%s: %v -> %q -> %v, %v", c.spec, v, enc, got, err)
			}
		}
	}
}
