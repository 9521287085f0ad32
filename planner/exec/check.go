package exec

import (
	"context"
	"fmt"
	"slices"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/record"
)

// Inconsistency is one disagreement between a table's rows and its
// partition entries.
type Inconsistency struct {
	Key     string // the partition entry's key
	Missing bool   // true: a row lacks this entry; false: the entry is stale (no live row with its values)
}

func (i Inconsistency) String() string {
	if i.Missing {
		return "missing entry " + i.Key
	}
	return "stale entry " + i.Key
}

// CheckTable compares every row of t with every partition entry: each entry
// (and each UNIQUE claim) must point at a live row with the entry's values,
// and each row must have one entry per index (and its claims). With repair it writes the missing entries and deletes
// the stale ones. It reads the whole table: 1 GET per row.
func CheckTable(ctx context.Context, env *Env, t *schema.Table, repair bool) ([]Inconsistency, error) {
	b := env.Bucket
	want := map[string]string{} // entry or claim key -> for a claim, its row
	scan := newFullScan(ctx, t, b, env.secrets(), 16, false)
	err := drain(ctx, scan, func(r Row) error {
		keys, err := entryKeys(t, r.Values)
		for _, k := range keys {
			want[k] = ""
		}
		for _, ix := range t.Indexes {
			if ix.Unique {
				if k, _ := claimKey(t, ix, r.Values); k != "" {
					want[k] = record.EscapeValue(schema.ValueText(r.Values[t.PKIndex()]))
				}
			}
		}
		return err
	})
	scan.Close()
	if err != nil {
		return nil, err
	}
	var out []Inconsistency
	have := map[string]bool{}
	for _, ix := range t.Indexes {
		err := listAll(ctx, b, storage.ListOptions{Prefix: record.PartitionPrefix(t.StorageName(), ix.Name)}, func(o storage.ObjectInfo) bool {
			have[o.Key] = true
			if _, ok := want[o.Key]; !ok {
				out = append(out, Inconsistency{Key: o.Key})
			}
			return true
		})
		if err != nil {
			return nil, fmt.Errorf("check %s: %w", t.Name, err)
		}
	}
	for k := range want {
		if !have[k] {
			out = append(out, Inconsistency{Key: k, Missing: true})
		}
	}
	slices.SortFunc(out, func(a, b Inconsistency) int {
		if a.Key < b.Key {
			return -1
		}
		if a.Key > b.Key {
			return 1
		}
		return 0
	})
	if repair {
		var missing, stale []string
		for _, i := range out {
			switch {
			case !i.Missing:
				stale = append(stale, i.Key)
			case want[i.Key] != "": // a claim: name its row
				if _, err := b.Put(ctx, i.Key, nil, map[string]string{claimRowMeta: want[i.Key]}, storage.PutOptions{}); err != nil {
					return out, err
				}
			default:
				missing = append(missing, i.Key)
			}
		}
		if err := putEntries(ctx, b, missing, 16); err != nil {
			return out, err
		}
		if err := deleteEntries(ctx, b, stale, 16); err != nil {
			return out, err
		}
	}
	return out, nil
}
