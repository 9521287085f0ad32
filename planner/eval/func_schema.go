package eval

// DATABASE() and SCHEMA() name the one database a connection sees, as
// information_schema's TABLE_SCHEMA does (planner.SchemaName), so that tools
// can write WHERE table_schema = DATABASE().
func init() {
	database := &funcDef{min: 0, max: 0, fn: func(*Env, []any) (any, error) { return "s3db", nil }}
	funcs["DATABASE"], funcs["SCHEMA"] = database, database
}
