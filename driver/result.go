package driver

import "errors"

// errNoInsertID explains why LastInsertId is unavailable.
var errNoInsertID = errors.New("s3db: LastInsertId is not available: primary keys are strings (generated ids are 22 characters); pass the id explicitly or SELECT it")

// result is the outcome of Exec.
type result struct{ affected int64 }

func (r result) LastInsertId() (int64, error) { return 0, errNoInsertID }

// RowsAffected counts rows inserted, changed (as MySQL: an UPDATE that leaves a
// row as it was does not count it) or deleted.
func (r result) RowsAffected() (int64, error) { return r.affected, nil }
