package exec

import (
	"slices"
	"strings"

	"context"
	"errors"
	"fmt"

	"github.com/s3db-go/s3db/events"

	"github.com/s3db-go/s3db/planner"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/record"
)

// TableExistsError reports CREATE TABLE of an existing table.
type TableExistsError struct{ Name string }

func (e *TableExistsError) Error() string { return fmt.Sprintf("table '%s' already exists", e.Name) }

var errNoChange = errors.New("no change")

// createTable adds the table to the catalog with compare-and-swap. Its
// objects go under its name, or name_2, ... when a renamed table still keeps
// its objects there (schema.Catalog.FreeStorage). Objects left under that
// prefix by an interrupted DROP TABLE are removed first, so a new table
// never shows a dropped table's rows.
func createTable(ctx context.Context, n *planner.CreateTable, env *Env) error {
	cat, err := env.Catalog.Reload(ctx)
	if err != nil {
		return err
	}
	storageName := n.Table.Name
	if cat.Table(n.Table.Name) == nil {
		storageName = cat.FreeStorage(n.Table.Name)
		if err := purge(ctx, env.bucketFor(n), record.TablePrefix(storageName), env.concurrency()); err != nil {
			return err
		}
	}
	key, err := ensureKey(ctx, env, n.Table.HasSecrets(), cat)
	if err != nil {
		return fmt.Errorf("table %s has SECRET columns: %w", n.Table.Name, err)
	}
	_, err = env.Catalog.Update(ctx, func(c *schema.Catalog) error {
		if old := c.Table(n.Table.Name); old != nil {
			if n.IfNotExists {
				return errNoChange
			}
			return &TableExistsError{old.Name}
		}
		if key != nil && len(c.Keys) == 0 {
			c.Keys = append(c.Keys, *key) // the database's first SECRET column: its key
		}
		if other := c.TableByStorage(storageName); other != nil {
			return fmt.Errorf("table %s: table %s, created meanwhile, stores its objects under %s: run CREATE TABLE again", n.Table.Name, other.Name, storageName)
		}
		t := *n.Table
		if storageName != t.Name {
			t.Storage = storageName
		}
		c.Put(&t)
		return nil
	})
	if errors.Is(err, errNoChange) {
		return nil
	}
	return err
}

// dropTables removes the tables from the catalog first (so no client starts
// new work on them), then deletes their objects.
func dropTables(ctx context.Context, n *planner.DropTable, env *Env) error {
	var dropped []string
	_, err := env.Catalog.Update(ctx, func(c *schema.Catalog) error {
		dropped = dropped[:0]
		for _, name := range n.Names {
			t := c.Table(name)
			if t == nil {
				if n.IfExists {
					continue
				}
				return &planner.NoSuchTableError{Name: name}
			}
			dropped = append(dropped, t.StorageName())
			c.Remove(name)
		}
		if len(dropped) == 0 {
			return errNoChange
		}
		return nil
	})
	if errors.Is(err, errNoChange) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, name := range dropped {
		if err := purge(ctx, env.bucketFor(n), record.TablePrefix(name), env.concurrency()); err != nil {
			return fmt.Errorf("table stored as %s was dropped but deleting its objects failed (they are removed by the next CREATE TABLE %s): %w", name, name, err)
		}
	}
	return nil
}

// purge deletes every object under prefix, a page at a time, in parallel.
func purge(ctx context.Context, b storage.Bucket, prefix string, concurrency int) error {
	opts := storage.ListOptions{Prefix: prefix}
	for {
		page, err := b.List(ctx, opts)
		if err != nil {
			return err
		}
		errs := make([]error, len(page.Objects))
		parallel(len(page.Objects), concurrency, func(i int) {
			errs[i] = b.Delete(ctx, page.Objects[i].Key, storage.DeleteOptions{})
		})
		if err := errors.Join(errs...); err != nil {
			return err
		}
		if page.NextToken == "" {
			return nil
		}
		opts.Token = page.NextToken
	}
}

// createTrigger adds the trigger to its table with compare-and-swap, placed
// by FOLLOWS/PRECEDES among the triggers of the same timing and event.
func createTrigger(ctx context.Context, n *planner.CreateTrigger, env *Env) error {
	_, err := env.Catalog.Update(ctx, func(c *schema.Catalog) error {
		if _, tr := c.Trigger(n.Trigger.Name); tr != nil {
			if n.IfNotExists {
				return errNoChange
			}
			return fmt.Errorf("trigger '%s' already exists", tr.Name)
		}
		t := c.Table(n.Table.Name)
		if t == nil {
			return &planner.NoSuchTableError{Name: n.Table.Name}
		}
		same := t.TriggersFor(n.Trigger.Timing, n.Trigger.Event)
		names := make([]string, len(same))
		for i, tr := range same {
			names[i] = tr.Name
		}
		order, err := events.Place(names, n.Trigger.Name, n.Follows, n.Precedes)
		if err != nil {
			return err
		}
		// Rebuild the list: other triggers keep their places, this event's
		// triggers take the new order.
		byName := map[string]*schema.Trigger{strings.ToLower(n.Trigger.Name): n.Trigger}
		for _, tr := range same {
			byName[strings.ToLower(tr.Name)] = tr
		}
		var out []*schema.Trigger
		for _, tr := range t.Triggers {
			if tr.Timing != n.Trigger.Timing || tr.Event != n.Trigger.Event {
				out = append(out, tr)
			}
		}
		for _, name := range order {
			out = append(out, byName[strings.ToLower(name)])
		}
		t.Triggers = out
		return nil
	})
	if errors.Is(err, errNoChange) {
		return nil
	}
	return err
}

func dropTrigger(ctx context.Context, n *planner.DropTrigger, env *Env) error {
	_, err := env.Catalog.Update(ctx, func(c *schema.Catalog) error {
		t, tr := c.Trigger(n.Name)
		if tr == nil {
			if n.IfExists {
				return errNoChange
			}
			return fmt.Errorf("trigger '%s' does not exist", n.Name)
		}
		t.Triggers = slices.DeleteFunc(t.Triggers, func(x *schema.Trigger) bool { return x == tr })
		return nil
	})
	if errors.Is(err, errNoChange) {
		return nil
	}
	return err
}
