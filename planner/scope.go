package planner

import (
	"fmt"
	"strings"
)

// Resolve implements eval.Scope: it finds the column a reference names.
// Table qualifiers and names compare case-insensitively, as MySQL does for
// column names.
func (s Schema) Resolve(table, name string) (int, error) {
	found := -1
	for i, c := range s {
		if !strings.EqualFold(c.Name, name) || (table != "" && !strings.EqualFold(c.Table, table)) {
			continue
		}
		if found >= 0 {
			return -1, fmt.Errorf("column '%s' is ambiguous", qualified(table, name))
		}
		found = i
	}
	if found < 0 {
		return -1, fmt.Errorf("unknown column '%s'", qualified(table, name))
	}
	return found, nil
}

func qualified(table, name string) string {
	if table == "" {
		return name
	}
	return table + "." + name
}

// clauseScope names the clause in resolution errors, as MySQL does:
// "unknown column 'x' in 'where clause'".
type clauseScope struct {
	Schema
	clause string
}

func (s clauseScope) Resolve(table, name string) (int, error) {
	i, err := s.Schema.Resolve(table, name)
	if err != nil {
		return -1, fmt.Errorf("%v in '%s'", err, s.clause)
	}
	return i, nil
}
