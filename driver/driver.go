package driver

import (
	"context"
	"database/sql"
	sqldriver "database/sql/driver"
)

// DriverName is the name s3db registers with database/sql.
const DriverName = "s3db"

func init() { sql.Register(DriverName, &Driver{}) }

// Driver is the database/sql driver. database/sql calls OpenConnector once
// per sql.DB, so each sql.DB has one Connector: one storage client and one
// catalog cache shared by its connections.
type Driver struct{}

var (
	_ sqldriver.Driver        = (*Driver)(nil)
	_ sqldriver.DriverContext = (*Driver)(nil)
)

// Open opens a connection on a new connector (database/sql uses OpenConnector).
func (d *Driver) Open(dsn string) (sqldriver.Conn, error) {
	c, err := d.OpenConnector(dsn)
	if err != nil {
		return nil, err
	}
	return c.Connect(context.Background())
}

// OpenConnector parses the DSN and returns a Connector.
func (d *Driver) OpenConnector(dsn string) (sqldriver.Connector, error) {
	cfg, err := ParseDSN(dsn)
	if err != nil {
		return nil, classify(err)
	}
	return NewConnector(cfg)
}
