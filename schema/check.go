package schema

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/s3db-go/s3db/sqlparse"
)

// Check is a CHECK constraint. The catalog keeps its expression as SQL text
// (sqlparse.Format), the single source of its definition; Parsed re-parses
// it, as Trigger.Parsed does. A row violates it when the expression is false
// (NULL passes, as in SQL); the executor evaluates it with the engine that
// evaluates WHERE on every INSERT and UPDATE.
type Check struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

var parsedChecks sync.Map // check text -> sqlparse.Expr

// Parsed returns the constraint's expression, parsed from its text. It is
// shared: do not change it.
func (c *Check) Parsed() (sqlparse.Expr, error) {
	if e, ok := parsedChecks.Load(c.Text); ok {
		return e.(sqlparse.Expr), nil
	}
	e, err := sqlparse.ParseExpr(c.Text)
	if err != nil {
		return nil, err
	}
	parsedChecks.Store(c.Text, e)
	return e, nil
}

// Check returns the named CHECK constraint (case-insensitive) or nil.
func (t *Table) Check(name string) *Check {
	for _, c := range t.Checks {
		if strings.EqualFold(c.Name, name) {
			return c
		}
	}
	return nil
}

// addChecks adds the column and table CHECK constraints of a CREATE TABLE.
func (t *Table) addChecks(ct *sqlparse.CreateTable) error {
	for _, cd := range ct.Columns {
		if cd.Check != nil {
			if _, err := t.AddCheck(cd.CheckName, cd.Check); err != nil {
				return err
			}
		}
	}
	for _, c := range ct.Checks {
		if _, err := t.AddCheck(c.Name, c.Expr); err != nil {
			return err
		}
	}
	return nil
}

// AddCheck validates a CHECK constraint against the table and appends it. An
// unnamed one is named <table>_chk_<n>, as MySQL does. The planner also
// compiles it, which finds unknown functions.
func (t *Table) AddCheck(name string, e sqlparse.Expr) (*Check, error) {
	if name == "" {
		for n := 1; ; n++ {
			name = t.Name + "_chk_" + strconv.Itoa(n)
			if t.Check(name) == nil {
				break
			}
		}
	}
	where := func(err error) error { return fmt.Errorf("table %s, check constraint '%s': %w", t.Name, name, err) }
	if len(name) > 64 {
		return nil, where(errors.New("the name is longer than 64 characters"))
	}
	if t.Check(name) != nil {
		return nil, where(errors.New("a constraint of that name exists"))
	}
	if err := t.checkExpr(e); err != nil {
		return nil, where(err)
	}
	c := &Check{Name: name, Text: sqlparse.Format(e)}
	if _, err := c.Parsed(); err != nil { // what is stored must read back
		return nil, where(fmt.Errorf("cannot be stored: %w", err))
	}
	t.Checks = append(t.Checks, c)
	return c, nil
}

// nondeterministic are the functions MySQL refuses in CHECK constraints: a
// row's validity must not depend on when or by whom it is checked.
var nondeterministic = map[string]bool{
	"NOW": true, "CURRENT_TIMESTAMP": true, "LOCALTIME": true, "LOCALTIMESTAMP": true, "SYSDATE": true,
	"CURDATE": true, "CURRENT_DATE": true, "CURTIME": true, "CURRENT_TIME": true, "UTC_DATE": true,
	"UTC_TIME": true, "UTC_TIMESTAMP": true, "UNIX_TIMESTAMP": true, "RAND": true, "UUID": true,
	"UUID_SHORT": true, "CONNECTION_ID": true, "USER": true, "CURRENT_USER": true, "DATABASE": true,
	"SLEEP": true, "LAST_INSERT_ID": true,
}

var aggregates = map[string]bool{"COUNT": true, "SUM": true, "AVG": true, "MIN": true, "MAX": true}

// checkExpr rejects what a CHECK expression cannot hold: columns the table
// lacks (or qualified by a table), placeholders, subqueries, aggregates and
// nondeterministic functions.
func (t *Table) checkExpr(e sqlparse.Expr) error {
	var err error
	fail := func(format string, args ...any) {
		if err == nil {
			err = fmt.Errorf(format, args...)
		}
	}
	sqlparse.WalkExpr(e, func(x sqlparse.Expr) {
		switch x := x.(type) {
		case *sqlparse.ColumnRef:
			switch {
			case x.Table != "":
				fail("refers to %s.%s: name columns without a table", x.Table, x.Name)
			case t.Column(x.Name) == nil:
				fail("refers to unknown column '%s'", x.Name)
			}
		case *sqlparse.Param:
			fail("cannot hold a placeholder (?)")
		case *sqlparse.In:
			if x.Sub != nil {
				fail("cannot hold a subquery")
			}
		case *sqlparse.Exists:
			fail("cannot hold a subquery")
		case *sqlparse.Func:
			switch {
			case aggregates[x.Name]:
				fail("cannot use the aggregate function %s", x.Name)
			case nondeterministic[x.Name]:
				fail("cannot use the nondeterministic function %s()", x.Name)
			}
		}
	})
	return err
}

// columnsOf lists the names of the columns a CHECK refers to.
func (c *Check) columnsOf() []string {
	e, err := c.Parsed()
	if err != nil {
		return nil
	}
	var names []string
	sqlparse.WalkExpr(e, func(x sqlparse.Expr) {
		if ref, ok := x.(*sqlparse.ColumnRef); ok {
			names = append(names, ref.Name)
		}
	})
	return names
}

// Uses reports whether the constraint refers to the column.
func (c *Check) Uses(column string) bool {
	for _, n := range c.columnsOf() {
		if strings.EqualFold(n, column) {
			return true
		}
	}
	return false
}

// renameColumn rewrites the constraint's text for a renamed column.
func (c *Check) renameColumn(old, new string) error {
	if !c.Uses(old) {
		return nil
	}
	e, err := sqlparse.ParseExpr(c.Text) // a private copy to change
	if err != nil {
		return err
	}
	sqlparse.WalkExpr(e, func(x sqlparse.Expr) {
		if ref, ok := x.(*sqlparse.ColumnRef); ok && strings.EqualFold(ref.Name, old) {
			ref.Name = new
		}
	})
	c.Text = sqlparse.Format(e)
	return nil
}
