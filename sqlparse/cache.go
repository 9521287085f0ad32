package sqlparse

import "sync"

// cacheLimit bounds how many distinct texts ParseCached remembers.
const cacheLimit = 1024

var (
	cacheMu sync.Mutex
	cached  = map[string][]Statement{}
)

// ParseCached is Parse for statement texts used again and again (an
// application's queries with placeholders): it remembers the result of the
// last 1024 distinct texts. The statements returned are shared: callers must
// treat them as read-only, as the planner does. Errors are not cached.
func ParseCached(sql string) ([]Statement, error) {
	cacheMu.Lock()
	stmts, ok := cached[sql]
	cacheMu.Unlock()
	if ok {
		return stmts, nil
	}
	stmts, err := Parse(sql)
	if err != nil {
		return nil, err
	}
	cacheMu.Lock()
	if len(cached) >= cacheLimit {
		clear(cached) // simple and bounded: a working set larger than the limit re-parses
	}
	cached[sql] = stmts
	cacheMu.Unlock()
	return stmts, nil
}
