package eval

import "testing"

var vectorCases = []tcase{
	{sql: "VEC_COSINE_DISTANCE('[1, 0]', '[0, 1]')", want: 1.0},
	{sql: "VEC_COSINE_DISTANCE('[1, 0]', '[2, 0]')", want: 0.0},
	{sql: "VEC_COSINE_DISTANCE('[0, 0]', '[1, 1]')", want: nil},
	{sql: "VEC_COSINE_DISTANCE(NULL, '[1]')", want: nil},
	{sql: "VEC_COSINE_DISTANCE('[1, 2]', '[1, 2, 3]')", err: "vectors of different dimensions: 2 and 3"},
	{sql: "VEC_L2_DISTANCE('[0, 0]', '[3, 4]')", want: 5.0},
	{sql: "VEC_L2_DISTANCE('[1,2]', ?)", params: []any{"[1, 2]"}, want: 0.0},
	{sql: "VEC_L1_DISTANCE('[0, 0]', '[3, -4]')", want: 7.0},
	{sql: "VEC_NEGATIVE_INNER_PRODUCT('[1, 2]', '[3, 4]')", want: -11.0},
	{sql: "VEC_DIMS('[1, 2, 3]')", want: 3},
	{sql: "VEC_DIMS('[]')", want: 0},
	{sql: "VEC_L2_NORM('[3, 4]')", want: 5.0},
	{sql: "VEC_DIMS('1, 2')", err: "is not a vector"},
	{sql: "VEC_DIMS('[1, x]')", err: "element 2 is not a finite number"},
}

func TestVectorFunctions(t *testing.T) { runCases(t, vectorCases) }
