package schema

import (
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/s3db-go/s3db/sqlparse"
)

// Trigger is a stored trigger. The catalog keeps its CREATE TRIGGER text, the
// single source of its definition; Parsed re-parses it (once per text).
// Position in Table.Triggers is its order among the triggers of the same
// timing and event (creation order, FOLLOWS/PRECEDES applied at creation).
type Trigger struct {
	Name      string    `json:"name"`
	Timing    string    `json:"timing"` // BEFORE or AFTER
	Event     string    `json:"event"`  // INSERT, UPDATE or DELETE
	Text      string    `json:"text"`
	CreatedAt time.Time `json:"createdAt"`
}

var parsedTriggers sync.Map // trigger text -> *sqlparse.CreateTrigger

// Parsed returns the trigger's statement, parsed from its stored text.
func (t *Trigger) Parsed() (*sqlparse.CreateTrigger, error) {
	if ct, ok := parsedTriggers.Load(t.Text); ok {
		return ct.(*sqlparse.CreateTrigger), nil
	}
	stmts, err := sqlparse.Parse(t.Text)
	if err != nil {
		return nil, err
	}
	ct, ok := stmts[0].(*sqlparse.CreateTrigger)
	if !ok || len(stmts) != 1 {
		return nil, errBadTriggerText
	}
	parsedTriggers.Store(t.Text, ct)
	return ct, nil
}

var errBadTriggerText = errors.New("stored trigger text is not one CREATE TRIGGER statement")

// TriggersFor returns the table's triggers for one timing and event, in order.
func (t *Table) TriggersFor(timing, event string) []*Trigger {
	var out []*Trigger
	for _, tr := range t.Triggers {
		if tr.Timing == timing && tr.Event == event {
			out = append(out, tr)
		}
	}
	return out
}

// Trigger finds a trigger by name in any table (names are unique per
// database, case-insensitive).
func (c *Catalog) Trigger(name string) (*Table, *Trigger) {
	for _, t := range c.Tables {
		for _, tr := range t.Triggers {
			if strings.EqualFold(tr.Name, name) {
				return t, tr
			}
		}
	}
	return nil, nil
}

// HasSecrets reports whether the table has a SECRET column.
func (t *Table) HasSecrets() bool {
	for _, c := range t.Columns {
		if c.Type.Kind == KindSecret {
			return true
		}
	}
	return false
}

// ColumnNames lists the table's column names in order.
func (t *Table) ColumnNames() []string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	return names
}
