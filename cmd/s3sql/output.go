package main

import (
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// modes are the output modes of .mode and -mode.
var modes = []string{"table", "csv", "tsv", "json", "line"}

// A column describes one result column.
type column struct {
	name    string
	dbType  string // upper-case database type name, "" if the driver does not say
	numeric bool   // right-aligned in tables
}

func columnsOf(rows *sql.Rows) ([]column, error) {
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	cols := make([]column, len(types))
	for i, t := range types {
		typ := strings.ToUpper(t.DatabaseTypeName())
		cols[i] = column{name: t.Name(), dbType: typ, numeric: isNumericType(typ)}
	}
	return cols, nil
}

func isNumericType(t string) bool {
	t = strings.TrimPrefix(t, "UNSIGNED ")
	for _, n := range []string{"TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER", "BIGINT", "DECIMAL", "NUMERIC", "FLOAT", "DOUBLE", "REAL"} {
		if t == n || strings.HasPrefix(t, n+" ") || strings.HasPrefix(t, n+"(") {
			return true
		}
	}
	return false
}

// writeRows prints a result set in mode and returns the number of rows.
// Every mode but table streams; table buffers at most chunk rows at a time.
func writeRows(w io.Writer, mode string, rows *sql.Rows, chunk int) (int, error) {
	cols, err := columnsOf(rows)
	if err != nil {
		return 0, err
	}
	var p rowPrinter
	switch mode {
	case "csv":
		p = &csvPrinter{w: csv.NewWriter(w)}
	case "tsv":
		p = &tsvPrinter{w: w}
	case "json":
		p = &jsonPrinter{w: w}
	case "line":
		p = &linePrinter{w: w}
	default:
		p = &tablePrinter{w: w, chunk: chunk}
	}
	if err := p.begin(cols); err != nil {
		return 0, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		n++
		if err := p.row(vals); err != nil {
			return n, err
		}
	}
	if err := rows.Err(); err != nil {
		p.end(n) // show the rows that arrived before the error
		return n, err
	}
	return n, p.end(n)
}

// A rowPrinter prints one result set in one output mode.
type rowPrinter interface {
	begin(cols []column) error
	row(vals []any) error // vals is reused by the next call
	end(n int) error
}

// formatValue is how a value reads in text modes; ok is false for NULL.
func formatValue(v any, dbType string) (s string, ok bool) {
	switch v := v.(type) {
	case nil:
		return "NULL", false
	case []byte:
		if utf8.Valid(v) {
			return string(v), true
		}
		return "0x" + strings.ToUpper(hex.EncodeToString(v)), true
	case string:
		return v, true
	case bool:
		if v {
			return "1", true
		}
		return "0", true
	case float64:
		return formatFloat(v, 64), true
	case float32:
		return formatFloat(float64(v), 32), true
	case time.Time:
		switch dbType {
		case "DATE":
			return v.Format(time.DateOnly), true
		case "TIME":
			return v.Format("15:04:05.999999"), true
		}
		return v.Format("2006-01-02 15:04:05.999999999"), true
	case []float32:
		parts := make([]string, len(v))
		for i, f := range v {
			parts[i] = formatFloat(float64(f), 32)
		}
		return "[" + strings.Join(parts, ",") + "]", true
	}
	return fmt.Sprint(v), true
}

// formatFloat avoids exponents for ordinary magnitudes (1000000, not 1e+06).
func formatFloat(f float64, bits int) string {
	if a := math.Abs(f); a == 0 || a >= 1e-6 && a < 1e15 {
		return strconv.FormatFloat(f, 'f', -1, bits)
	}
	return strconv.FormatFloat(f, 'g', -1, bits)
}

func isNumericValue(v any) bool {
	switch v.(type) {
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return true
	}
	return false
}

// tablePrinter draws the bordered tables of the mysql client. It buffers up
// to chunk rows to compute the column widths; a longer result continues in
// more chunks, and when a chunk needs wider columns a new table (with its
// header) starts, so memory stays bounded.
type tablePrinter struct {
	w       io.Writer
	chunk   int
	cols    []column
	numeric []bool // per column: numeric type, or every value so far numeric
	widths  []int  // of the table being printed; nil before the first chunk
	buf     [][]string
	printed bool
}

func (t *tablePrinter) begin(cols []column) error {
	t.cols = cols
	t.numeric = make([]bool, len(cols))
	for i, c := range cols {
		t.numeric[i] = c.numeric || c.dbType == ""
	}
	return nil
}

func (t *tablePrinter) row(vals []any) error {
	cells := make([]string, len(vals))
	for i, v := range vals {
		s, ok := formatValue(v, t.cols[i].dbType)
		if ok && !t.cols[i].numeric && !isNumericValue(v) {
			t.numeric[i] = false
		}
		cells[i] = escapeControls(s)
	}
	t.buf = append(t.buf, cells)
	if t.chunk > 0 && len(t.buf) >= t.chunk {
		return t.flush()
	}
	return nil
}

func (t *tablePrinter) end(n int) error {
	if n == 0 {
		return nil // "Empty set", as mysql prints no header
	}
	if err := t.flush(); err != nil {
		return err
	}
	_, err := io.WriteString(t.w, t.border())
	return err
}

// flush prints the buffered rows, opening a new table first if needed.
func (t *tablePrinter) flush() error {
	if len(t.buf) == 0 {
		return nil
	}
	widths := make([]int, len(t.cols))
	grew := t.widths == nil
	for i, c := range t.cols {
		widths[i] = displayWidth(c.name)
		if t.widths != nil {
			widths[i] = max(widths[i], t.widths[i])
		}
		for _, r := range t.buf {
			widths[i] = max(widths[i], displayWidth(r[i]))
		}
		if t.widths != nil && widths[i] > t.widths[i] {
			grew = true
		}
	}
	var b strings.Builder
	if grew {
		if t.printed {
			b.WriteString(t.border())
		}
		t.widths = widths
		b.WriteString(t.border())
		names := make([]string, len(t.cols))
		for i, c := range t.cols {
			names[i] = escapeControls(c.name)
		}
		t.line(&b, names, false)
		b.WriteString(t.border())
	}
	for _, r := range t.buf {
		t.line(&b, r, true)
	}
	t.buf = t.buf[:0]
	t.printed = true
	_, err := io.WriteString(t.w, b.String())
	return err
}

func (t *tablePrinter) border() string {
	var b strings.Builder
	for _, w := range t.widths {
		b.WriteString("+" + strings.Repeat("-", w+2))
	}
	b.WriteString("+\n")
	return b.String()
}

func (t *tablePrinter) line(b *strings.Builder, cells []string, data bool) {
	for i, s := range cells {
		pad := strings.Repeat(" ", t.widths[i]-displayWidth(s))
		if data && t.numeric[i] {
			b.WriteString("| " + pad + s + " ")
		} else {
			b.WriteString("| " + s + pad + " ")
		}
	}
	b.WriteString("|\n")
}

// escapeControls keeps a table cell on one line.
func escapeControls(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case unicode.IsControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// displayWidth is the number of terminal columns s takes: combining marks
// and zero-width characters take none, East Asian wide characters and emoji
// take two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r == 0x200B || r == 0x200C || r == 0x200D || r == 0xFEFF ||
			unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
		case isWide(r):
			n += 2
		default:
			n++
		}
	}
	return n
}

func isWide(r rune) bool {
	if r < 0x1100 {
		return false
	}
	for _, rg := range wideRanges {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

// wideRanges are the main East Asian Wide and Fullwidth blocks and emoji.
var wideRanges = [][2]rune{
	{0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC}, {0x23F0, 0x23F3},
	{0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653}, {0x26AA, 0x26AB}, {0x26BD, 0x26BE},
	{0x26C4, 0x26C5}, {0x26F2, 0x26F5}, {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728},
	{0x274C, 0x274C}, {0x2753, 0x2755}, {0x2795, 0x2797}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50},
	{0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF},
	{0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6F},
	{0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x16FE0, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004},
	{0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F64F},
	{0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x3FFFD},
}

// csvPrinter writes RFC 4180 CSV with a header; NULL is an empty field.
type csvPrinter struct {
	w    *csv.Writer
	cols []column
	rec  []string
}

func (p *csvPrinter) begin(cols []column) error {
	p.cols, p.rec = cols, make([]string, len(cols))
	for i, c := range cols {
		p.rec[i] = c.name
	}
	return p.w.Write(p.rec)
}

func (p *csvPrinter) row(vals []any) error {
	for i, v := range vals {
		s, ok := formatValue(v, p.cols[i].dbType)
		if !ok {
			s = ""
		}
		p.rec[i] = s
	}
	return p.w.Write(p.rec)
}

func (p *csvPrinter) end(int) error { p.w.Flush(); return p.w.Error() }

// tsvPrinter writes tab-separated values with a header, as mysql --batch
// does: tab, newline and backslash are escaped as \t, \n and \\.
type tsvPrinter struct {
	w    io.Writer
	cols []column
}

var tsvEscaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`, "\x00", `\0`)

func (p *tsvPrinter) begin(cols []column) error {
	p.cols = cols
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = tsvEscaper.Replace(c.name)
	}
	_, err := io.WriteString(p.w, strings.Join(names, "\t")+"\n")
	return err
}

func (p *tsvPrinter) row(vals []any) error {
	var b strings.Builder
	for i, v := range vals {
		if i > 0 {
			b.WriteByte('\t')
		}
		s, _ := formatValue(v, p.cols[i].dbType)
		b.WriteString(tsvEscaper.Replace(s))
	}
	b.WriteByte('\n')
	_, err := io.WriteString(p.w, b.String())
	return err
}

func (p *tsvPrinter) end(int) error { return nil }

// jsonPrinter writes a JSON array of objects, one row per line, keys in
// column order (like the sqlite shell's json mode).
type jsonPrinter struct {
	w    io.Writer
	cols []column
	keys []string
	n    int
}

func (p *jsonPrinter) begin(cols []column) error {
	p.cols, p.keys = cols, make([]string, len(cols))
	for i, c := range cols {
		k, _ := json.Marshal(c.name)
		p.keys[i] = string(k)
	}
	return nil
}

func (p *jsonPrinter) row(vals []any) error {
	var b strings.Builder
	if p.n++; p.n == 1 {
		b.WriteByte('[')
	} else {
		b.WriteString(",\n")
	}
	b.WriteByte('{')
	for i, v := range vals {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(p.keys[i] + ":" + jsonValue(v, p.cols[i].dbType))
	}
	b.WriteByte('}')
	_, err := io.WriteString(p.w, b.String())
	return err
}

func (p *jsonPrinter) end(n int) error {
	if n == 0 {
		_, err := io.WriteString(p.w, "[]\n")
		return err
	}
	_, err := io.WriteString(p.w, "]\n")
	return err
}

func jsonValue(v any, dbType string) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(x)
	case int64, int, int32, uint64, uint32:
		return fmt.Sprint(x)
	case float64, float32:
		s, _ := formatValue(x, dbType)
		if f, _ := strconv.ParseFloat(s, 64); math.IsInf(f, 0) || math.IsNaN(f) {
			break
		}
		return s
	case []byte:
		if dbType == "JSON" && json.Valid(x) {
			return string(x)
		}
		if !utf8.Valid(x) {
			s, _ := json.Marshal(x) // base64
			return string(s)
		}
	case string:
		if dbType == "JSON" && json.Valid([]byte(x)) {
			return x
		}
	case []float32:
		s, _ := formatValue(x, dbType)
		return s
	}
	s, _ := formatValue(v, dbType)
	b, _ := json.Marshal(s)
	return string(b)
}

// linePrinter prints one "column: value" line per column, rows separated by
// a banner, like mysql's \G.
type linePrinter struct {
	w     io.Writer
	cols  []column
	width int
	n     int
}

func (p *linePrinter) begin(cols []column) error {
	p.cols = cols
	for _, c := range cols {
		p.width = max(p.width, displayWidth(c.name))
	}
	return nil
}

func (p *linePrinter) row(vals []any) error {
	p.n++
	var b strings.Builder
	fmt.Fprintf(&b, "%s %d. row %s\n", strings.Repeat("*", 27), p.n, strings.Repeat("*", 27))
	for i, v := range vals {
		s, _ := formatValue(v, p.cols[i].dbType)
		name := p.cols[i].name
		b.WriteString(strings.Repeat(" ", p.width-displayWidth(name)) + name + ": " + s + "\n")
	}
	_, err := io.WriteString(p.w, b.String())
	return err
}

func (p *linePrinter) end(int) error { return nil }
