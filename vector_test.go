package s3db

import (
	"reflect"
	"testing"
)

func TestVector(t *testing.T) {
	v := Vector{0.1, -2, 1e20}
	text, err := v.Value()
	if err != nil || text != "[0.1,-2,1e20]" {
		t.Fatalf("Value = %v, %v", text, err)
	}
	var back Vector
	for _, src := range []any{text, []byte(text.(string))} {
		if err := back.Scan(src); err != nil || !reflect.DeepEqual(back, v) {
			t.Errorf("Scan(%v) = %v, %v", src, back, err)
		}
	}
	if err := back.Scan(nil); err != nil || back != nil {
		t.Errorf("Scan(nil) = %v, %v", back, err)
	}
	if n, err := Vector(nil).Value(); n != nil || err != nil {
		t.Errorf("nil Value = %v, %v", n, err)
	}
	for _, bad := range []any{"[1,", 42, `["a"]`} {
		if err := back.Scan(bad); err == nil {
			t.Errorf("Scan(%v): no error", bad)
		}
	}
}
