package sqlparse

import (
	"slices"
	"strings"
)

// The extension pre-pass. TiDB's grammar does not know the dialect's
// extensions, so before TiDB sees the text, prepass finds every CREATE TABLE,
// notes where each column definition starts and which type word it is
// written with, and cuts the extension table options out of the text,
// replacing them by spaces so that every byte offset, and so every position
// TiDB reports, stays valid for the original text.

// extensionTypes maps each extension column type to the TiDB type word that
// stands in for it while TiDB parses: no longer than the extension's word
// (the rest is padded with spaces, so offsets do not move) and taking the
// same optional (n). typeSpec then names the column's type by the word as
// written (element.typ).
var extensionTypes = map[string]string{
	"UUID":      "TEXT",
	"EMAIL":     "TEXT",
	"URL":       "INT",
	"IP4":       "INT",
	"IP6":       "INT",
	"SECRET":    "TEXT",
	"EMBEDDING": "VECTOR",
}

// elementKeywords start the elements of a column list that are not columns.
var elementKeywords = []string{"INDEX", "KEY", "UNIQUE", "PRIMARY", "CONSTRAINT", "FOREIGN", "FULLTEXT", "SPATIAL", "CHECK", "VECTOR", "COLUMNAR"}

// behaviors are the values of the BEHAVIOR table option (s3db.js behaviors).
var behaviors = []string{"user-managed", "enforce-limits", "truncate-data", "body-overflow", "body-only"}

// createInfo is what the pre-pass learnt about one CREATE TABLE.
type createInfo struct {
	off     int // offset of CREATE
	tailOff int // offset just past the column list: where table options start
	elems   []element
	opts    TableOptions
}

// element is one element of a CREATE TABLE column list as written: a column
// definition, or an index or constraint (then name is a keyword).
type element struct {
	name string
	off  int    // offset of the name
	typ  string // the word after the name, e.g. "BOOL" for `flag BOOL NOT NULL`
}

// tailStop are the words that end the table options of a CREATE TABLE.
var tailStop = []string{"AS", "SELECT", "WITH", "TABLE", "VALUES", "IGNORE", "REPLACE", "PARTITION"}

// edit replaces the text at off by text (of the same length).
type edit struct {
	off  int
	text string
}

// prepass returns the text to hand to TiDB and the CREATE TABLEs it found.
func prepass(sql string) (string, []createInfo, error) {
	var (
		buf     []byte // the edited text, allocated on the first edit
		creates []createInfo
	)
	for off := 0; off < len(sql); {
		t := nextToken(sql, off)
		if t.kind == tEOF {
			break
		}
		end := stmtEnd(sql, t.off)
		isAlter := isAlterTable(sql, t) // alter.go: ALTER TABLE's column definitions
		if isCreateTable(sql, t) || isAlter {
			var (
				c     createInfo
				cuts  [][2]int
				edits []edit
				err   error
			)
			if isAlter {
				c, edits = scanAlter(sql, tokens(sql, t.off, end))
			} else {
				c, cuts, edits, err = scanCreate(sql, tokens(sql, t.off, end))
			}
			if err != nil {
				return "", nil, err
			}
			for _, e := range edits {
				if buf == nil {
					buf = []byte(sql)
				}
				copy(buf[e.off:], e.text)
			}
			for _, cut := range cuts {
				if buf == nil {
					buf = []byte(sql)
				}
				for i := cut[0]; i < cut[1]; i++ {
					if buf[i] != '\n' {
						buf[i] = ' '
					}
				}
			}
			creates = append(creates, c)
		}
		off = end + 1
	}
	if buf == nil {
		return sql, creates, nil
	}
	return string(buf), creates, nil
}

// stmtEnd returns the offset of the ';' that ends the statement starting at
// off, or len(sql).
func stmtEnd(sql string, off int) int {
	for t := nextToken(sql, off); t.kind != tEOF; t = nextToken(sql, t.end) {
		if t.is(sql, ";") {
			return t.off
		}
	}
	return len(sql)
}

// isCreateTable reports whether the statement starting with token t is a
// CREATE [TEMPORARY] TABLE.
func isCreateTable(sql string, t token) bool {
	if !t.is(sql, "CREATE") {
		return false
	}
	if t = nextToken(sql, t.end); t.is(sql, "TEMPORARY") {
		t = nextToken(sql, t.end)
	}
	return t.is(sql, "TABLE")
}

// scanCreate scans the tokens of one CREATE TABLE statement. It returns the
// byte ranges to blank out of the text and the extension type words to
// replace.
func scanCreate(sql string, ts []token) (createInfo, [][2]int, []edit, error) {
	c := createInfo{off: ts[0].off, tailOff: ts[len(ts)-1].end}
	// The column list is the first parenthesis, unless LIKE or a query comes first.
	i := 0
	for ; i < len(ts) && !ts[i].is(sql, "("); i++ {
		if ts[i].is(sql, "LIKE") || ts[i].is(sql, "AS") || ts[i].is(sql, "SELECT") {
			return c, nil, nil, nil
		}
	}
	var edits []edit
	depth, elem := 0, true
	for ; i < len(ts); i++ {
		switch t := ts[i]; {
		case t.is(sql, "("):
			depth++
		case t.is(sql, ")"):
			depth--
		case depth == 1 && t.is(sql, ","):
			elem = true
		case depth == 1 && elem:
			elem = false
			e := element{name: t.unquoted(sql), off: t.off}
			if i+1 < len(ts) && ts[i+1].kind == tWord {
				e.typ = strings.ToUpper(ts[i+1].text(sql))
				if ed, ok := extensionType(sql, t, ts[i+1]); ok {
					edits = append(edits, ed)
				}
			}
			c.elems = append(c.elems, e)
		}
		if depth == 0 {
			c.tailOff = ts[i].end
			break
		}
	}
	cuts, err := scanOptions(sql, ts[min(i+1, len(ts)):], &c.opts)
	return c, cuts, edits, err
}

// extensionType returns the edit that replaces the type word typ of the
// column named by name, when typ is an extension type. An element that
// starts with a keyword (INDEX, KEY, ...) is not a column.
func extensionType(sql string, name, typ token) (edit, bool) {
	if name.kind == tWord {
		for _, k := range elementKeywords {
			if name.is(sql, k) {
				return edit{}, false
			}
		}
	}
	w := typ.text(sql)
	repl, ok := extensionTypes[strings.ToUpper(w)]
	if !ok {
		return edit{}, false
	}
	return edit{off: typ.off, text: repl + strings.Repeat(" ", len(w)-len(repl))}, true
}

// IsExtensionType reports whether name (any case) is one of the dialect's
// column types that TiDB's grammar lacks.
func IsExtensionType(name string) bool {
	_, ok := extensionTypes[strings.ToUpper(name)]
	return ok
}

// scanOptions finds the extension options among the table options ts:
// BEHAVIOR [=] 'value' and TIMESTAMPS [=] ON|OFF. It returns the byte ranges
// they cover, each with one neighbouring comma, since MySQL allows commas
// between table options.
func scanOptions(sql string, ts []token, opts *TableOptions) ([][2]int, error) {
	var (
		cuts                   [][2]int
		depth                  int
		seenBehavior, seenTime bool
	)
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		switch {
		case t.is(sql, "("):
			depth++
			continue
		case t.is(sql, ")"):
			depth--
			continue
		case depth > 0 || t.kind != tWord:
			continue
		}
		for _, w := range tailStop {
			if t.is(sql, w) {
				return cuts, nil
			}
		}
		isBehavior, isTime := t.is(sql, "BEHAVIOR"), t.is(sql, "TIMESTAMPS")
		if !isBehavior && !isTime {
			continue
		}
		name, j := strings.ToUpper(t.text(sql)), i+1
		if j < len(ts) && ts[j].is(sql, "=") {
			j++
		}
		if isBehavior && seenBehavior || isTime && seenTime {
			return nil, errAt(sql, t.off, "duplicate table option %s", name)
		}
		if j == len(ts) {
			return nil, errAt(sql, ts[j-1].end, "syntax error: %s wants a value", name)
		}
		v := ts[j]
		if isBehavior {
			seenBehavior = true
			val := strings.ToLower(v.unquoted(sql))
			if v.kind != tString || !slices.Contains(behaviors, val) {
				return nil, errAt(sql, v.off, "invalid BEHAVIOR %s: want one of '%s'", v.text(sql), strings.Join(behaviors, "', '"))
			}
			opts.Behavior = val
		} else {
			seenTime = true
			switch {
			case v.is(sql, "ON") || v.is(sql, "TRUE") || v.is(sql, "1"):
				opts.Timestamps = true
			case v.is(sql, "OFF") || v.is(sql, "FALSE") || v.is(sql, "0"):
				opts.Timestamps = false
			default:
				return nil, errAt(sql, v.off, "invalid TIMESTAMPS %s: want ON or OFF", v.text(sql))
			}
		}
		cut := [2]int{t.off, v.end}
		switch prev := i - 1; {
		case prev >= 0 && ts[prev].is(sql, ",") && (len(cuts) == 0 || cuts[len(cuts)-1][1] <= ts[prev].off):
			cut[0] = ts[prev].off
		case j+1 < len(ts) && ts[j+1].is(sql, ","):
			cut[1] = ts[j+1].end
			j++
		}
		cuts = append(cuts, cut)
		i = j
	}
	return cuts, nil
}
