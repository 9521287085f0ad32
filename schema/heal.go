package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/s3db-go/s3db/storage"
)

// Catalog self-healing. A catalog that does not decode is repaired when the
// repair loses nothing: syntax noise (trailing commas, bare keys, missing
// closing brackets) and a few structural slips (see healStructure). The
// broken original is kept as a backup object, the repaired catalog replaces
// it by compare-and-swap, and Store.OnHeal hears of it. A catalog that
// cannot be repaired safely is an error naming the object; it is never
// replaced by an empty one, which would orphan every row.

// ErrCatalogCorrupt is wrapped by the error of a catalog that does not decode
// and could not be repaired.
var ErrCatalogCorrupt = errors.New("corrupt catalog")

// corruptError is a catalog that cannot be repaired safely.
type corruptError struct{ why error }

func (e *corruptError) Error() string {
	return fmt.Sprintf("read catalog %s: %v; it cannot be repaired safely and was left as it is (no table was dropped): fix it by hand or restore a backup (%s.corrupted.*.backup)",
		CatalogKey, e.why, CatalogKey)
}

func (e *corruptError) Is(target error) bool { return target == ErrCatalogCorrupt }
func (e *corruptError) Unwrap() error        { return e.why }

// HealEvent reports a repaired catalog.
type HealEvent struct {
	Key     string    // the catalog object, CatalogKey under the store's bucket
	Backup  string    // the object that holds the broken original
	Repairs []string  // what was repaired, e.g. "removed 2 trailing commas"
	At      time.Time // when
}

func (e HealEvent) String() string {
	return fmt.Sprintf("catalog %s was corrupt and has been repaired (%s); the original is kept in %s",
		e.Key, strings.Join(e.Repairs, "; "), e.Backup)
}

// BackupKey is the key of the backup of a corrupt catalog found at t.
func BackupKey(t time.Time) string {
	return CatalogKey + ".corrupted." + t.UTC().Format("2006-01-02T15-04-05.000000000Z") + ".backup"
}

// errHealRace reports that another client changed the catalog while it was
// being repaired: read it again.
var errHealRace = errors.New("the catalog changed during its repair")

// heal repairs the catalog object obj, which failed to decode with cause.
func (s *Store) heal(ctx context.Context, obj *storage.Object, cause error) (*Catalog, string, error) {
	fail := func(why error) error { return &corruptError{why} }
	body, repairs := repairJSON(obj.Body)
	if body == nil {
		return nil, "", fail(cause)
	}
	c, more, err := healStructure(body, len(repairs) > 0)
	if err != nil {
		return nil, "", fail(err)
	}
	if repairs = append(repairs, more...); len(repairs) == 0 {
		return nil, "", fail(cause) // nothing this code knows how to repair
	}
	if lost, err := s.tablesMissingFrom(ctx, c); err != nil {
		return nil, "", fmt.Errorf("read catalog %s: %w", CatalogKey, err)
	} else if len(lost) > 0 {
		return nil, "", fail(fmt.Errorf("%v; a repair would lose tables that have rows: %s", cause, strings.Join(lost, ", ")))
	}
	ev := HealEvent{Key: CatalogKey, Backup: BackupKey(s.now()), Repairs: repairs, At: s.now().UTC()}
	if _, err := s.bucket.Put(ctx, ev.Backup, obj.Body, nil, storage.PutOptions{IfNoneMatch: true, ContentType: "application/json"}); err != nil {
		return nil, "", fmt.Errorf("back up corrupt catalog %s to %s: %w", CatalogKey, ev.Backup, err)
	}
	out, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return nil, "", err
	}
	etag, err := s.bucket.Put(ctx, CatalogKey, out, nil, storage.PutOptions{IfMatch: obj.ETag, ContentType: "application/json"})
	switch {
	case errors.Is(err, storage.ErrPreconditionFailed):
		return nil, "", errHealRace
	case err != nil:
		return nil, "", fmt.Errorf("write repaired catalog %s: %w", CatalogKey, err)
	}
	if s.OnHeal != nil {
		s.OnHeal(ev)
	}
	return c, etag, nil
}

// tablesMissingFrom lists the tables that have objects in the bucket but no
// entry in c, with one LIST per table (each skips past a table's objects).
func (s *Store) tablesMissingFrom(ctx context.Context, c *Catalog) ([]string, error) {
	const prefix = "resource="
	var lost []string
	after := ""
	for range 100000 {
		page, err := s.bucket.List(ctx, storage.ListOptions{Prefix: prefix, StartAfter: after, MaxKeys: 1})
		if err != nil || len(page.Objects) == 0 {
			return lost, err
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(page.Objects[0].Key, prefix), "/")
		if c.TableByStorage(name) == nil {
			lost = append(lost, name)
		}
		after = prefix + name + "/~" // every key of the table sorts below
	}
	return lost, nil
}

// repairJSON returns body made valid JSON, and the repairs made, or nil if it
// cannot: trailing commas are removed, bare object keys quoted and missing
// closing brackets (and a final quote) appended, in that order, until it parses.
func repairJSON(body []byte) ([]byte, []string) {
	if json.Valid(body) {
		return body, nil
	}
	var repairs []string
	steps := []func([]byte) ([]byte, string){stripTrailingCommas, quoteBareKeys, closeBrackets}
	for _, step := range steps {
		fixed, what := step(body)
		if what == "" {
			continue
		}
		body, repairs = fixed, append(repairs, what)
		if json.Valid(body) {
			return body, repairs
		}
	}
	return nil, nil
}

// scanJSON calls fn for every byte of b outside strings, with its offset.
func scanJSON(b []byte, fn func(i int)) (inString bool) {
	escaped := false
	for i, c := range b {
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case inString && c == '"':
			inString = false
		case inString:
		case c == '"':
			inString = true
		default:
			fn(i)
		}
	}
	return inString
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func stripTrailingCommas(b []byte) ([]byte, string) {
	var drop []int
	scanJSON(b, func(i int) {
		if b[i] != ',' {
			return
		}
		j := i + 1
		for j < len(b) && isJSONSpace(b[j]) {
			j++
		}
		if j < len(b) && (b[j] == '}' || b[j] == ']') || j == len(b) {
			drop = append(drop, i)
		}
	})
	if len(drop) == 0 {
		return b, ""
	}
	out := make([]byte, 0, len(b))
	last := 0
	for _, i := range drop {
		out = append(append(out, b[last:i]...), ' ')
		last = i + 1
	}
	return append(out, b[last:]...), fmt.Sprintf("removed %d trailing comma%s", len(drop), plural(len(drop)))
}

func quoteBareKeys(b []byte) ([]byte, string) {
	type span struct{ from, to int }
	var keys []span
	prev := byte(0) // the last non-blank byte outside strings
	scanJSON(b, func(i int) {
		c := b[i]
		if (prev == '{' || prev == ',') && (c == '_' || c == '$' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') &&
			(i == 0 || !isIdentByte(b[i-1])) {
			j := i
			for j < len(b) && isIdentByte(b[j]) {
				j++
			}
			k := j
			for k < len(b) && isJSONSpace(b[k]) {
				k++
			}
			if k < len(b) && b[k] == ':' && string(b[i:j]) != "true" && string(b[i:j]) != "false" && string(b[i:j]) != "null" {
				keys = append(keys, span{i, j})
			}
		}
		if !isJSONSpace(c) {
			prev = c
		}
	})
	if len(keys) == 0 {
		return b, ""
	}
	var out bytes.Buffer
	last := 0
	for _, k := range keys {
		out.Write(b[last:k.from])
		out.WriteByte('"')
		out.Write(b[k.from:k.to])
		out.WriteByte('"')
		last = k.to
	}
	out.Write(b[last:])
	return out.Bytes(), fmt.Sprintf("quoted %d bare key%s", len(keys), plural(len(keys)))
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
}

func closeBrackets(b []byte) ([]byte, string) {
	var stack []byte
	bad := false
	inString := scanJSON(b, func(i int) {
		switch b[i] {
		case '{':
			stack = append(stack, '}')
		case '[':
			stack = append(stack, ']')
		case '}', ']':
			if len(stack) == 0 || stack[len(stack)-1] != b[i] {
				bad = true
				return
			}
			stack = stack[:len(stack)-1]
		}
	})
	if bad || len(stack) == 0 && !inString {
		return b, ""
	}
	out := bytes.TrimRight(b, " \t\r\n")
	added := ""
	if inString {
		added = `"`
	}
	for i := len(stack) - 1; i >= 0; i-- {
		added += string(stack[i])
	}
	out = append(append([]byte(nil), out...), added...)
	if fixed, what := stripTrailingCommas(out); what != "" {
		out = fixed
	}
	return out, fmt.Sprintf("appended the missing %s", added)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// healStructure decodes a catalog whose JSON is valid, making the repairs
// that lose nothing: a missing format, a missing table list, a table keyed
// under another name than its own, an empty behavior (the default applies)
// and a nextCode that is not above every column's code (codes must never be
// reused). After a syntax repair (cut), it first checks that no table or
// column entry lost one of its fields, as a file cut short would.
func healStructure(body []byte, cut bool) (*Catalog, []string, error) {
	var c Catalog
	if err := json.Unmarshal(body, &c); err != nil {
		return nil, nil, err
	}
	if cut {
		if err := checkComplete(body); err != nil {
			return nil, nil, err
		}
	}
	var repairs []string
	if c.Format == 0 {
		c.Format = FormatVersion
		repairs = append(repairs, "set the missing format")
	}
	if c.Tables == nil {
		c.Tables = map[string]*Table{}
		repairs = append(repairs, "added the missing table list")
	}
	keys := make([]string, 0, len(c.Tables))
	for k := range c.Tables {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		t := c.Tables[key]
		if t == nil || t.Name == "" {
			return nil, nil, fmt.Errorf("table entry %q is malformed", key)
		}
		if want := strings.ToLower(t.Name); want != key {
			if c.Tables[want] != nil {
				return nil, nil, fmt.Errorf("table %s is listed twice", t.Name)
			}
			delete(c.Tables, key)
			c.Tables[want] = t
			repairs = append(repairs, fmt.Sprintf("listed table %s under its own name", t.Name))
		}
		if t.Behavior == "" {
			t.Behavior = DefaultBehavior
			repairs = append(repairs, fmt.Sprintf("table %s: set the missing behavior to %s", t.Name, DefaultBehavior))
		}
		next := 0
		for _, col := range t.Columns {
			n, err := strconv.ParseInt(col.Code, 36, 32)
			if err != nil || col.Code != strconv.FormatInt(n, 36) {
				return nil, nil, fmt.Errorf("table %s, column %s: bad field code %q", t.Name, col.Name, col.Code)
			}
			next = max(next, int(n)+1)
		}
		for _, code := range t.Burned { // dropped columns' codes stay taken
			if n, err := strconv.ParseInt(code, 36, 32); err == nil && n >= 0 {
				next = max(next, int(n)+1)
			}
		}
		if t.NextCode < next {
			repairs = append(repairs, fmt.Sprintf("table %s: raised nextCode from %d to %d", t.Name, t.NextCode, next))
			t.NextCode = next
		}
	}
	// The strict checks of a healthy catalog.
	b, err := json.Marshal(&c)
	if err != nil {
		return nil, nil, err
	}
	dc, err := decodeCatalog(b)
	if err != nil {
		return nil, nil, err
	}
	return dc, repairs, nil
}

// checkComplete checks that every table and column entry of a catalog has
// all of the fields s3db always writes (those without omitempty).
func checkComplete(body []byte) error {
	var raw struct {
		Tables map[string]map[string]json.RawMessage `json:"tables"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return err
	}
	tableKeys, colKeys := requiredKeys(reflect.TypeOf(Table{})), requiredKeys(reflect.TypeOf(Column{}))
	for key, t := range raw.Tables {
		for _, k := range tableKeys {
			if _, ok := t[k]; !ok {
				return fmt.Errorf("table entry %q lost its field %q: the file was cut short", key, k)
			}
		}
		var cols []map[string]json.RawMessage
		if err := json.Unmarshal(t["columns"], &cols); err != nil {
			return fmt.Errorf("table entry %q: %v", key, err)
		}
		for i, col := range cols {
			for _, k := range colKeys {
				if _, ok := col[k]; !ok {
					return fmt.Errorf("table entry %q, column %d lost its field %q: the file was cut short", key, i+1, k)
				}
			}
		}
	}
	return nil
}

// requiredKeys are the JSON names of a struct's fields without omitempty.
func requiredKeys(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		tag := t.Field(i).Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name != "" && name != "-" && !strings.Contains(opts, "omitempty") {
			keys = append(keys, name)
		}
	}
	return keys
}
