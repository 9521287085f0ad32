package record

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/storage"
)

// place puts each field in meta or returns it for the body, following the
// table's behavior for S3's metadata limit. It reports whether values were
// shortened (truncate-data). meta holds the system names already.
func place(t *schema.Table, meta map[string]string, fields []field) (inBody []field, truncated bool, err error) {
	if t.Behavior == schema.BehaviorBodyOnly {
		return fields, false, nil
	}
	size := storage.MetaSize(meta)
	for _, f := range fields {
		size += f.size()
	}
	if size <= storage.MaxMetadataBytes {
		putAll(meta, fields)
		return nil, false, nil
	}
	switch t.Behavior {
	case schema.BehaviorBodyOverflow:
		return overflow(meta, fields), false, nil
	case schema.BehaviorTruncateData:
		return nil, true, truncate(t, meta, fields)
	case schema.BehaviorUserManaged:
		// No automatic handling: the store rejects the write
		// (storage.ErrMetadataTooLarge) and nothing is written.
		putAll(meta, fields)
		return nil, false, nil
	}
	return nil, false, tooLarge(t, size, fields)
}

func putAll(meta map[string]string, fields []field) {
	for _, f := range fields {
		meta[f.col.Code] = f.meta
	}
}

// overflow keeps the smallest fields in metadata and returns the rest for the
// body (body-overflow).
func overflow(meta map[string]string, fields []field) []field {
	sort.SliceStable(fields, func(i, j int) bool { return fields[i].size() < fields[j].size() })
	budget := storage.MaxMetadataBytes - storage.MetaSize(meta) - len(metaLayout) - len("b")
	var inBody []field
	for _, f := range fields {
		if n := f.size(); n <= budget {
			meta[f.col.Code] = f.meta
			budget -= n
		} else {
			inBody = append(inBody, f)
		}
	}
	return inBody
}

// tooLarge is enforce-limits' error: the row's size and its largest columns.
func tooLarge(t *schema.Table, size int, fields []field) error {
	sort.SliceStable(fields, func(i, j int) bool { return len(fields[i].meta) > len(fields[j].meta) })
	var big []string
	for _, f := range fields[:min(3, len(fields))] {
		big = append(big, fmt.Sprintf("%s (%d bytes)", f.col.Name, len(f.meta)))
	}
	return fmt.Errorf("row of table %s needs %d bytes of metadata, the limit is %d (BEHAVIOR = '%s'); largest columns: %s",
		t.Name, size, storage.MaxMetadataBytes, t.Behavior, strings.Join(big, ", "))
}

// truncatable reports whether truncate-data may shorten a column's values:
// plain text only (CHAR, VARCHAR, the TEXT family). A cut EMAIL, URL, JSON or
// number would be invalid or wrong, so those are kept whole or the row is
// rejected.
func truncatable(c *schema.Column) bool {
	return c.Type.Kind == schema.KindString && c.Type.Name != "EMAIL" && c.Type.Name != "URL"
}

// emptyText is the metadata text of "": what a text field costs at least.
var emptyText = encodeText("")

// truncate fits a row into metadata by shortening text values (truncate-data):
// every other field is kept whole, then text fields, smallest first, are kept
// while they fit; the first that does not is cut at a UTF-8 boundary to what
// is left, and the ones after it to what is left then (often ""). Each text
// field keeps at least "", so NOT NULL holds. One pass: it always ends.
func truncate(t *schema.Table, meta map[string]string, fields []field) error {
	meta[metaTruncated] = "1"
	var text, fixed []field
	need := storage.MetaSize(meta)
	for _, f := range fields {
		if truncatable(f.col) {
			text = append(text, f)
			need += len(f.col.Code) + len(emptyText)
			continue
		}
		meta[f.col.Code] = f.meta
		need += f.size()
		fixed = append(fixed, f)
	}
	if need > storage.MaxMetadataBytes {
		sort.SliceStable(fixed, func(i, j int) bool { return fixed[i].size() > fixed[j].size() })
		var big []string
		for _, f := range fixed[:min(3, len(fixed))] {
			big = append(big, fmt.Sprintf("%s (%d bytes)", f.col.Name, len(f.meta)))
		}
		return fmt.Errorf("row of table %s does not fit in %d bytes of metadata even with its text cut: BEHAVIOR = 'truncate-data' shortens only CHAR, VARCHAR and TEXT values, and the other columns need %d bytes; largest: %s",
			t.Name, storage.MaxMetadataBytes, need, strings.Join(big, ", "))
	}
	sort.SliceStable(text, func(i, j int) bool { return text[i].size() < text[j].size() })
	left := storage.MaxMetadataBytes - need // beyond every text field's minimum
	for _, f := range text {
		avail := left + len(emptyText)
		if len(f.meta) <= avail {
			meta[f.col.Code] = f.meta
			left -= len(f.meta) - len(emptyText)
			continue
		}
		cut := cutText(f.val, avail)
		meta[f.col.Code] = cut
		left -= len(cut) - len(emptyText)
	}
	return nil
}

// cutText returns the metadata text of the longest prefix of s, cut at a
// UTF-8 boundary, whose metadata text takes at most n bytes (n >= the size
// of ""). Binary search over rune boundaries: the text layer's size grows
// with the prefix, except that a prefix ending in a blank is escaped, so the
// result may be a few characters short of the longest possible.
func cutText(s string, n int) string {
	bounds := make([]int, 0, len(s)+1)
	for i := range s {
		bounds = append(bounds, i)
	}
	bounds = append(bounds, len(s))
	lo, hi := 0, len(bounds)-1 // encodeText(s[:bounds[lo]]) fits
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if len(encodeText(s[:bounds[mid]])) <= n {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	cut := s[:bounds[lo]]
	if !utf8.ValidString(cut) {
		cut = strings.ToValidUTF8(cut, "")
	}
	return encodeText(cut)
}
