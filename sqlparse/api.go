package sqlparse

// Parse parses one or more ';'-separated statements. Placeholders are numbered
// across the whole text. Errors are *Error with line and column.
//
// Parse is safe for concurrent use: TiDB parsers are pooled.
//func Parse(sql string) ([]Statement, error)

// NumParams reports how many `?` placeholders the text holds (for driver.Stmt.NumInput).
//func NumParams(stmts []Statement) int

// Error is a parse or validation error at a position in the SQL text.
// Its message reads: `syntax error at line 1, column 15 near "FORM users": ...`.
type Error struct {
	Pos  Pos
	Near string // up to ~40 characters of text at the position
	Msg  string
}

func (e *Error) Error() string {
	s := "sql: " + e.Msg
	if e.Pos.Line > 0 {
		s += " at line " + itoa(e.Pos.Line) + ", column " + itoa(e.Pos.Col)
	}
	if e.Near != "" {
		s += " near \"" + e.Near + "\""
	}
	return s
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
