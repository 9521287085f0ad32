package driver

import (
	"context"
	sqldriver "database/sql/driver"

	"github.com/s3db-go/s3db/planner"
)

// Begin is refused: s3db has no multi-statement transactions yet.
func (c *conn) Begin() (sqldriver.Tx, error) {
	return c.BeginTx(context.Background(), sqldriver.TxOptions{})
}

// BeginTx is refused with a clear error rather than running a silently
// non-atomic transaction.
func (c *conn) BeginTx(ctx context.Context, opts sqldriver.TxOptions) (sqldriver.Tx, error) {
	return nil, classify(planner.ErrTransactions)
}
