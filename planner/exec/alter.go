package exec

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/s3db-go/s3db/planner"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/record"
)

// schemaChange runs ALTER TABLE, RENAME TABLE and TRUNCATE TABLE.
func schemaChange(ctx context.Context, n planner.Node, env *Env) error {
	switch x := n.(type) {
	case *planner.AlterTable:
		return alterTable(ctx, x, env)
	case *planner.RenameTable:
		return renameTable(ctx, x, env)
	case *planner.TruncateTable:
		return truncateTable(ctx, x, env)
	}
	return fmt.Errorf("%T is not a schema change", n)
}

// ErrAlterRace is wrapped by the error of an ALTER TABLE whose table another
// client changed while its rows were being checked: nothing was changed.
var ErrAlterRace = errors.New("the table was changed by another client while ALTER TABLE checked its rows")

// alterTable changes a table's schema in the catalog by compare-and-swap,
// without rewriting a row: rows of older versions stay readable
// (schema/version.go). When the change needs it (a MODIFY of a type or to
// NOT NULL, a new CHECK, a NOT NULL column without DEFAULT) every row is
// checked first, with a full scan: the first that would not be valid under
// the new schema is an error and the catalog is left unchanged. Then the
// dropped indexes' entries are deleted and the added indexes are created and
// filled, as DROP INDEX and CREATE INDEX do.
func alterTable(ctx context.Context, n *planner.AlterTable, env *Env) error {
	cat, t, err := freshTable(ctx, env, n.Table.Name)
	if err != nil {
		return err
	}
	a, err := t.Alter(n.Specs, env.Now)
	if err != nil {
		return err
	}
	// The database's first SECRET column (by ADD or MODIFY) creates its key,
	// as CREATE TABLE does.
	key, err := ensureKey(ctx, env, newSecrets(t, a.Table), cat)
	if err != nil {
		return fmt.Errorf("ALTER TABLE %s adds a SECRET column: %w", t.Name, err)
	}
	scanned := a.Scan || a.NeedsEmpty != ""
	if scanned {
		if err := checkRows(ctx, n, env, t, a); err != nil {
			return err
		}
	}
	_, err = env.Catalog.Update(ctx, func(c *schema.Catalog) error {
		cur := c.Table(t.Name)
		if cur == nil {
			return &planner.NoSuchTableError{Name: t.Name}
		}
		if scanned && cur.Version != t.Version {
			return fmt.Errorf("ALTER TABLE %s: %w; nothing was changed: run it again", t.Name, ErrAlterRace)
		}
		if a, err = cur.Alter(n.Specs, env.Now); err != nil {
			return err
		}
		if key != nil && len(c.Keys) == 0 {
			c.Keys = append(c.Keys, *key)
		}
		if a.Renamed {
			if other := c.Table(a.Table.Name); other != nil && other != cur {
				return &TableExistsError{other.Name}
			}
			if err := planner.RenameBlocked(c, cur); err != nil {
				return err
			}
		}
		// Added indexes are created below, as CREATE INDEX does.
		nt := *a.Table
		nt.Indexes = slices.DeleteFunc(slices.Clone(nt.Indexes), func(ix *schema.Index) bool { return slices.Contains(a.AddIndexes, ix) })
		c.Remove(cur.Name)
		c.Put(&nt)
		return nil
	})
	if err != nil {
		return err
	}
	b := env.bucketFor(n)
	for _, ix := range a.DropIndexes {
		if err := purge(ctx, b, record.PartitionPrefix(a.Table.StorageName(), ix.Name), env.concurrency()); err != nil {
			return fmt.Errorf("ALTER TABLE %s: index %s was dropped but deleting its entries failed (CheckTable finds them): %w", t.Name, ix.Name, err)
		}
	}
	for _, ci := range n.Indexes {
		ci := *ci
		ci.Table = a.Table
		if err := createIndex(ctx, &ci, env); err != nil {
			return fmt.Errorf("ALTER TABLE %s: the other changes are made, but: %w", t.Name, err)
		}
	}
	return nil
}

// newSecrets reports whether the altered table has a SECRET column that
// was not SECRET before.
func newSecrets(old, new *schema.Table) bool {
	for _, c := range new.Columns {
		if c.Type.Kind == schema.KindSecret {
			if was := old.ByCode(c.Code); was == nil || was.Type.Kind != schema.KindSecret {
				return true
			}
		}
	}
	return false
}

// checkRows reads every row of t (a full scan: 1 LIST per 1000 rows and 1
// GET per row) and checks that it is valid under the altered table, as a
// reader will see it: its values converted to the new types, NOT NULL, the
// CHECK constraints. The first invalid row is an error naming it.
func checkRows(ctx context.Context, n *planner.AlterTable, env *Env, t *schema.Table, a *schema.Alteration) error {
	scan := newFullScan(ctx, t, env.bucketFor(n), env.secrets(), env.concurrency(), false)
	defer scan.Close()
	nt := a.Table
	return drain(ctx, scan, func(r Row) error {
		pk := r.Values[t.PKIndex()]
		bad := func(err error) error {
			return fmt.Errorf("ALTER TABLE %s: row %s %s would not be valid: %w; nothing was changed", t.Name, t.PrimaryKey, schema.Quote(pk), err)
		}
		if a.NeedsEmpty != "" {
			return fmt.Errorf("ALTER TABLE %s: %s (row %s %s exists); nothing was changed", t.Name, a.NeedsEmpty, t.PrimaryKey, schema.Quote(pk))
		}
		row, err := nt.Upgrade(t, r.Values)
		if err != nil {
			return bad(err)
		}
		if err := checkRow(nt, row); err != nil {
			return bad(err)
		}
		if err := env.checkConstraints(nt, row); err != nil {
			return bad(err)
		}
		return nil
	})
}

// renameTable renames tables in one compare-and-swap of the catalog. A
// table's objects stay where they are (its storage name, fixed when it was
// created), so a rename costs 1 GET and 1 PUT of the catalog whatever the
// table's size, and is atomic.
func renameTable(ctx context.Context, n *planner.RenameTable, env *Env) error {
	_, err := env.Catalog.Update(ctx, func(c *schema.Catalog) error {
		_, err := planner.ApplyRenames(c, n.Renames)
		return err
	})
	return err
}

// truncateTable deletes every row and partition entry of a table (a LIST
// per 1000 objects and a DELETE per object); the schema stays. The
// AUTO_INCREMENT sequences stay too: values are never reused, so the blocks
// other clients reserved stay valid. It is not atomic: rows that other
// clients insert meanwhile may survive, and an interrupted TRUNCATE is
// finished by running it again.
func truncateTable(ctx context.Context, n *planner.TruncateTable, env *Env) error {
	_, t, err := freshTable(ctx, env, n.Table.Name)
	if err != nil {
		return err
	}
	b := env.bucketFor(n)
	prefix := record.TablePrefix(t.StorageName())
	opts := storage.ListOptions{Prefix: prefix}
	for {
		page, err := b.List(ctx, opts)
		if err != nil {
			return err
		}
		var keys []string
		for _, o := range page.Objects {
			if !strings.HasPrefix(o.Key, prefix+"sequence=") {
				keys = append(keys, o.Key)
			}
		}
		if err := deleteEntries(ctx, b, keys, env.concurrency()); err != nil {
			return fmt.Errorf("TRUNCATE TABLE %s: %w (run it again to finish)", t.Name, err)
		}
		if page.NextToken == "" {
			return nil
		}
		opts.Token = page.NextToken
	}
}

// freshTable re-reads the catalog (DDL must see every change) and returns it
// with the named table.
func freshTable(ctx context.Context, env *Env, name string) (*schema.Catalog, *schema.Table, error) {
	cat, err := env.Catalog.Reload(ctx)
	if err != nil {
		return nil, nil, err
	}
	t := cat.Table(name)
	if t == nil {
		return nil, nil, &planner.NoSuchTableError{Name: name}
	}
	return cat, t, nil
}
