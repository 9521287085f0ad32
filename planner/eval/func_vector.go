package eval

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Vector functions (TiDB's names). A vector is the value of an EMBEDDING or
// VECTOR column, or any text "[x, y, ...]" such as a placeholder's argument.
var vectorFuncs = map[string]*funcDef{
	"VEC_COSINE_DISTANCE":        vecFn2(cosineDistance),
	"VEC_L2_DISTANCE":            vecFn2(func(a, b []float64) (any, error) { return math.Sqrt(sumSq(a, b)), nil }),
	"VEC_L1_DISTANCE":            vecFn2(l1Distance),
	"VEC_NEGATIVE_INNER_PRODUCT": vecFn2(func(a, b []float64) (any, error) { return -dot(a, b), nil }),
	"VEC_DIMS": {min: 1, max: 1, nullIn: true, fn: func(_ *Env, args []any) (any, error) {
		v, err := toVector(args[0])
		return int64(len(v)), err
	}},
	"VEC_L2_NORM": {min: 1, max: 1, nullIn: true, fn: func(_ *Env, args []any) (any, error) {
		v, err := toVector(args[0])
		return math.Sqrt(dot(v, v)), err
	}},
}

func vecFn2(f func(a, b []float64) (any, error)) *funcDef {
	return &funcDef{min: 2, max: 2, nullIn: true, fn: func(_ *Env, args []any) (any, error) {
		a, err := toVector(args[0])
		if err != nil {
			return nil, err
		}
		b, err := toVector(args[1])
		if err != nil {
			return nil, err
		}
		if len(a) != len(b) {
			return nil, fmt.Errorf("vectors of different dimensions: %d and %d", len(a), len(b))
		}
		return f(a, b)
	}}
}

// toVector reads a vector's text "[1, 2.5, -3]".
func toVector(v any) ([]float64, error) {
	s := strings.TrimSpace(strOf(v))
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return nil, fmt.Errorf("%s is not a vector: want '[x, y, ...]'", show(v))
	}
	body := strings.TrimSpace(s[1 : len(s)-1])
	if body == "" {
		return []float64{}, nil
	}
	parts := strings.Split(body, ",")
	out := make([]float64, len(parts))
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, fmt.Errorf("%s is not a vector: element %d is not a finite number", show(v), i+1)
		}
		out[i] = f
	}
	return out, nil
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func sumSq(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		d := a[i] - b[i]
		s += d * d
	}
	return s
}

func l1Distance(a, b []float64) (any, error) {
	s := 0.0
	for i := range a {
		s += math.Abs(a[i] - b[i])
	}
	return s, nil
}

// cosineDistance is 1 - cos(a, b); NULL when either vector is zero (the
// angle is undefined).
func cosineDistance(a, b []float64) (any, error) {
	na, nb := math.Sqrt(dot(a, a)), math.Sqrt(dot(b, b))
	if na == 0 || nb == 0 {
		return nil, nil
	}
	return 1 - dot(a, b)/(na*nb), nil
}
