package exec

import (
	"fmt"
	"sync"
	"time"

	"github.com/s3db-go/s3db/planner"
	"github.com/s3db-go/s3db/planner/eval"
	"github.com/s3db-go/s3db/schema"
)

// CheckError reports a row that violates a CHECK constraint.
type CheckError struct {
	Table, Check string
	Key          any // the row's primary key
}

func (e *CheckError) Error() string {
	return fmt.Sprintf("check constraint '%s' is violated for row %s %s of table %s", e.Check, "id", schema.Quote(e.Key), e.Table)
}

// compiledChecks caches compiled CHECK expressions by table (storage name,
// creation time and version fix its columns' positions) and text.
var compiledChecks sync.Map

// checkConstraints evaluates the table's CHECK constraints over a row whose
// values are already coerced (checkRow): a constraint that is false is a
// CheckError; NULL passes, as in SQL.
func (env *Env) checkConstraints(t *schema.Table, row []any) error {
	for _, ck := range t.Checks {
		key := fmt.Sprintf("%s\x00%d\x00%d\x00%s", t.StorageName(), t.CreatedAt.UnixNano(), t.Version, ck.Text)
		c, ok := compiledChecks.Load(key)
		if !ok {
			e, err := ck.Parsed()
			if err != nil {
				return fmt.Errorf("table %s, check constraint '%s': %w", t.Name, ck.Name, err)
			}
			compiled, err := eval.Compile(e, planner.TableSchema(t, ""))
			if err != nil {
				return fmt.Errorf("table %s, check constraint '%s': %w", t.Name, ck.Name, err)
			}
			c, _ = compiledChecks.LoadOrStore(key, compiled)
		}
		v, err := c.(*eval.Expr).Eval(env.evalEnv(row))
		if err != nil {
			return fmt.Errorf("table %s, check constraint '%s': %w", t.Name, ck.Name, err)
		}
		if ok, null := eval.Truth(v); !ok && !null {
			return &CheckError{Table: t.Name, Check: ck.Name, Key: row[t.PKIndex()]}
		}
	}
	return nil
}

// stamp maintains the columns of a TIMESTAMPS = ON table, after BEFORE
// triggers and before validation. On INSERT (old nil) createdAt and
// updatedAt are the statement's time unless given; on UPDATE updatedAt
// becomes the statement's time when the row changes and neither SET nor a
// trigger changed it (MySQL's DEFAULT / ON UPDATE CURRENT_TIMESTAMP).
func stamp(t *schema.Table, row, old []any, now time.Time) error {
	created, updated := t.TimestampColumns()
	if created < 0 || updated < 0 {
		return nil
	}
	if old == nil {
		for _, i := range []int{created, updated} {
			if row[i] == nil {
				v, err := schema.Coerce(t.Columns[i].Type, now)
				if err != nil {
					return err
				}
				row[i] = v
			}
		}
		return nil
	}
	if !sameValue(row[updated], old[updated]) {
		return nil // set explicitly
	}
	changed := false
	for i := range row {
		if i != updated && !sameValue(row[i], old[i]) {
			changed = true
		}
	}
	if changed {
		v, err := schema.Coerce(t.Columns[updated].Type, now)
		if err != nil {
			return err
		}
		row[updated] = v
	}
	return nil
}

// sameValue compares two values as rowKey does: by their canonical text.
func sameValue(a, b any) bool { return rowKey([]any{a}) == rowKey([]any{b}) }
