package record

import (
	"fmt"
	"strconv"

	"github.com/s3db-go/s3db/schema"
)

// decodeValueV1 reads a value of record format 1 (rows without "_f"): the
// canonical text of the value (schema.ValueText), as the first releases
// wrote it. Format 1 knew only these kinds.
func decodeValueV1(t schema.Type, s string) (any, error) {
	switch t.Kind {
	case schema.KindString, schema.KindJSON:
		return s, nil
	case schema.KindInt:
		return strconv.ParseInt(s, 10, 64)
	case schema.KindFloat:
		return strconv.ParseFloat(s, 64)
	case schema.KindBool:
		switch s {
		case "1":
			return true, nil
		case "0":
			return false, nil
		}
		return nil, fmt.Errorf("bad boolean %q", s)
	case schema.KindTime:
		return schema.ParseTime(s)
	}
	return nil, fmt.Errorf("a format 1 row cannot hold a value of type %s", t.SQL())
}
