package planner

import (
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

// Node is a plan node: plain data describing one operator. Execution lives in
// planner/exec; the optimizer rules (rules.go) rewrite trees of nodes.
type Node interface {
	// Schema describes the rows the node produces.
	Schema() Schema
	// Children are the node's inputs.
	Children() []Node
}

// Column describes one column of a node's output.
type Column struct {
	Table string       // the table name or alias the column belongs to ("" for computed)
	Name  string       // the column's name as the user sees it
	Type  *schema.Type // nil when unknown (computed without a clear type)
	// NotNull is true when the value can never be NULL.
	NotNull bool
	Hidden  bool // computed for ORDER BY only, trimmed before results reach the user
}

// Schema is the list of columns of a node's rows.
type Schema []Column

// Visible counts the columns that reach the user.
func (s Schema) Visible() int {
	n := 0
	for _, c := range s {
		if !c.Hidden {
			n++
		}
	}
	return n
}

// joinSchema is the schema of a joined row: left's columns then right's; a
// LEFT join's right columns can be NULL.
func joinSchema(left, right Schema, kind string) Schema {
	out := append(append(Schema{}, left...), right...)
	if kind == sqlparse.JoinLeft {
		for i := len(left); i < len(out); i++ {
			out[i].NotNull = false
		}
	}
	return out
}

// TableSchema is the schema of a table's rows, qualified by alias (or the
// table's name).
func TableSchema(t *schema.Table, alias string) Schema { return tableSchema(t, alias) }

func tableSchema(t *schema.Table, alias string) Schema {
	if alias == "" {
		alias = t.Name
	}
	s := make(Schema, len(t.Columns))
	for i, c := range t.Columns {
		s[i] = Column{Table: alias, Name: c.Name, Type: &t.Columns[i].Type, NotNull: c.NotNull}
	}
	return s
}

// ---- access paths: leaves that read a table ----

// PointGet reads rows by primary key: 1 GET per key.
type PointGet struct {
	Table *schema.Table
	Alias string
	Keys  []sqlparse.Expr // constant expressions (literals and placeholders)
}

// FullScan lists the table's row keys page by page and GETs every row with
// bounded parallelism, streaming rows in key order.
type FullScan struct {
	Table *schema.Table
	Alias string
}

// IndexOnly lists the table's row keys without reading the rows: its rows hold
// only the primary key (other columns are NULL). LIST requests only.
type IndexOnly struct {
	Table *schema.Table
	Alias string
}

// PartitionLookup reads the rows whose index columns match: equality (or IN)
// on the index's leading columns, optionally a range on the next one. It
// LISTs the entries under each key prefix (1 LIST per 1000 entries) and GETs
// each row (1 GET per row, in parallel); with KeysOnly it reads no row and
// its rows hold only the primary key.
type PartitionLookup struct {
	Table *schema.Table
	Alias string
	Index *schema.Index
	// Eq holds, per leading index column, the values it may equal (1 for =).
	Eq [][]sqlparse.Expr
	// Lo and Hi bound the next index column (nil = unbounded).
	Lo, Hi         sqlparse.Expr
	LoIncl, HiIncl bool
	// Covered are the WHERE conjuncts the lookup itself guarantees.
	Covered  []sqlparse.Expr
	KeysOnly bool
}

// Values produces fixed rows (SELECT without FROM, SHOW, DESCRIBE).
type Values struct {
	Columns Schema
	Rows    [][]any
}

// ---- relational operators ----

// Filter keeps the rows for which Cond is true.
type Filter struct {
	Input Node
	Cond  sqlparse.Expr
}

// Project computes Exprs over each input row.
type Project struct {
	Input   Node
	Exprs   []sqlparse.Expr
	Columns Schema
}

// Aggregate groups input rows by GroupBy and computes Aggs per group. Its rows
// are the group values followed by the aggregate results. With no GroupBy it
// produces exactly one row, even for empty input.
type Aggregate struct {
	Input   Node
	GroupBy []sqlparse.Expr
	Aggs    []*sqlparse.Func
	Columns Schema
}

// SortKey orders by the column at Index of the input.
type SortKey struct {
	Index int
	Desc  bool
}

// Sort orders all input rows.
type Sort struct {
	Input Node
	Keys  []SortKey
}

// TopN is Sort + Limit with a bounded heap of Offset+Count rows.
type TopN struct {
	Input         Node
	Keys          []SortKey
	Count, Offset sqlparse.Expr
}

// Limit skips Offset rows then passes at most Count (nil = no limit).
type Limit struct {
	Input         Node
	Count, Offset sqlparse.Expr
}

// Distinct drops duplicate rows.
type Distinct struct{ Input Node }

// Trim drops hidden trailing columns (computed for ORDER BY).
type Trim struct {
	Input Node
	Keep  int
}

// ---- joins and set operations ----

// HashJoin joins Left and Right: Right's rows are held in a hash table on
// RightKeys, Left streams and probes it with LeftKeys; Residual (the rest of
// ON) is checked on each matching pair. Without keys it is a nested loop over
// the held Right rows. A LEFT join keeps unmatched Left rows, padded with NULLs.
type HashJoin struct {
	Left, Right         Node
	Kind                string // sqlparse.JoinInner or sqlparse.JoinLeft
	LeftKeys, RightKeys []sqlparse.Expr
	Residual            sqlparse.Expr // over the joined row; nil = none
}

// LookupJoin joins Left with Table by Table's primary key: for each batch of
// Left rows it GETs the rows whose key is Key (evaluated over the Left row),
// 1 GET per distinct key, in parallel. Residual is checked on each pair.
type LookupJoin struct {
	Left  Node
	Table *schema.Table
	Alias string
	// Index, when set, is the right table's index whose first part Key
	// matches: the rows are found by partition lookups (1 LIST per distinct
	// key + 1 GET per row) instead of by primary key.
	Index    *schema.Index
	Kind     string
	Key      sqlparse.Expr
	Residual sqlparse.Expr
}

// SemiJoin keeps the Left rows that have a match in Right (EXISTS, IN) or,
// with Anti, that have none (NOT EXISTS, NOT IN). NullAware gives NOT IN its
// SQL meaning: a NULL on either side makes the condition unknown, so the row
// is dropped. Residual is checked on each (Left, Right) pair.
type SemiJoin struct {
	Left, Right         Node
	Anti, NullAware     bool
	LeftKeys, RightKeys []sqlparse.Expr
	Residual            sqlparse.Expr
}

// Append concatenates its inputs' rows (UNION ALL).
type Append struct {
	Inputs  []Node
	Columns Schema
}

// ---- writes ----

// Insert writes new rows with create-only PUTs (If-None-Match).
type Insert struct {
	Table   *schema.Table
	Columns []int             // table column index of each value position
	Rows    [][]sqlparse.Expr // constant expressions
}

// Assignment sets table column Index to Value (evaluated over the old row).
type Assignment struct {
	Index int
	Value sqlparse.Expr
}

// Update rewrites the rows Input produces, each with a compare-and-swap PUT
// (If-Match) retried on conflict after re-reading and re-checking Where.
type Update struct {
	Input Node // an access path over Table, possibly filtered
	Table *schema.Table
	Set   []Assignment
	Where sqlparse.Expr // re-checked against a re-read row after a conflict
	Limit sqlparse.Expr
}

// Delete removes the rows Input produces (conditional on their ETag).
type Delete struct {
	Input Node
	Table *schema.Table
	Where sqlparse.Expr
	Limit sqlparse.Expr
}

// ---- DDL ----

// CreateTable adds a table to the catalog.
type CreateTable struct {
	Table       *schema.Table
	IfNotExists bool
}

// DropTable removes tables from the catalog and deletes their objects.
type DropTable struct {
	Names    []string
	IfExists bool
}

// Explain shows (or with Analyze, runs and measures) a plan.
type Explain struct {
	Plan    Node
	Analyze bool
}

var (
	noSchema Schema
	bigint   = mustType("BIGINT")
	text     = mustType("TEXT")
)

func mustType(name string) schema.Type {
	t, err := schema.ParseType(sqlparse.TypeSpec{Name: name, Length: -1, Scale: -1})
	if err != nil {
		panic(err)
	}
	return t
}

func (n *PointGet) Schema() Schema  { return tableSchema(n.Table, n.Alias) }
func (n *FullScan) Schema() Schema  { return tableSchema(n.Table, n.Alias) }
func (n *IndexOnly) Schema() Schema { return tableSchema(n.Table, n.Alias) }
func (n *PartitionLookup) Schema() Schema {
	return tableSchema(n.Table, n.Alias)
}
func (n *Values) Schema() Schema    { return n.Columns }
func (n *Filter) Schema() Schema    { return n.Input.Schema() }
func (n *Project) Schema() Schema   { return n.Columns }
func (n *Aggregate) Schema() Schema { return n.Columns }
func (n *Sort) Schema() Schema      { return n.Input.Schema() }
func (n *TopN) Schema() Schema      { return n.Input.Schema() }
func (n *Limit) Schema() Schema     { return n.Input.Schema() }
func (n *Distinct) Schema() Schema  { return n.Input.Schema() }
func (n *Trim) Schema() Schema      { return n.Input.Schema()[:n.Keep] }
func (n *HashJoin) Schema() Schema  { return joinSchema(n.Left.Schema(), n.Right.Schema(), n.Kind) }
func (n *LookupJoin) Schema() Schema {
	return joinSchema(n.Left.Schema(), tableSchema(n.Table, n.Alias), n.Kind)
}
func (n *SemiJoin) Schema() Schema    { return n.Left.Schema() }
func (n *Append) Schema() Schema      { return n.Columns }
func (n *Insert) Schema() Schema      { return noSchema }
func (n *Update) Schema() Schema      { return noSchema }
func (n *Delete) Schema() Schema      { return noSchema }
func (n *CreateTable) Schema() Schema { return noSchema }
func (n *DropTable) Schema() Schema   { return noSchema }
func (n *Explain) Schema() Schema {
	if n.Analyze {
		return Schema{{Name: "plan", Type: &text, NotNull: true}, {Name: "rows", Type: &bigint}, {Name: "requests", Type: &text}}
	}
	return Schema{{Name: "plan", Type: &text, NotNull: true}}
}

func (n *PointGet) Children() []Node  { return nil }
func (n *FullScan) Children() []Node  { return nil }
func (n *IndexOnly) Children() []Node { return nil }
func (n *PartitionLookup) Children() []Node {
	return nil
}
func (n *Values) Children() []Node      { return nil }
func (n *Filter) Children() []Node      { return []Node{n.Input} }
func (n *Project) Children() []Node     { return []Node{n.Input} }
func (n *Aggregate) Children() []Node   { return []Node{n.Input} }
func (n *Sort) Children() []Node        { return []Node{n.Input} }
func (n *TopN) Children() []Node        { return []Node{n.Input} }
func (n *Limit) Children() []Node       { return []Node{n.Input} }
func (n *Distinct) Children() []Node    { return []Node{n.Input} }
func (n *Trim) Children() []Node        { return []Node{n.Input} }
func (n *HashJoin) Children() []Node    { return []Node{n.Left, n.Right} }
func (n *LookupJoin) Children() []Node  { return []Node{n.Left} }
func (n *SemiJoin) Children() []Node    { return []Node{n.Left, n.Right} }
func (n *Append) Children() []Node      { return n.Inputs }
func (n *Insert) Children() []Node      { return nil }
func (n *Update) Children() []Node      { return []Node{n.Input} }
func (n *Delete) Children() []Node      { return []Node{n.Input} }
func (n *CreateTable) Children() []Node { return nil }
func (n *DropTable) Children() []Node   { return nil }
func (n *Explain) Children() []Node     { return []Node{n.Plan} }
