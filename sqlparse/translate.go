package sqlparse

import (
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/pingcap/tidb/pkg/parser/charset"
	"github.com/pingcap/tidb/pkg/parser/format"
	"github.com/pingcap/tidb/pkg/parser/mysql"
)

// translator turns TiDB's AST into the IR. It keeps the first error and
// goes on building harmlessly after it, so that the code reads as a plain
// mapping; Parse checks err after each statement.
type translator struct {
	sql        string // the original text
	creates    []createInfo
	params     []paramAt
	start, end int // byte range of the statement being translated
	err        *Error
}

// paramAt is a placeholder and its offset in the text, for numbering.
type paramAt struct {
	p   *Param
	off int
}

func (t *translator) fail(off int, format string, args ...any) {
	if t.err == nil {
		t.err = errAt(t.sql, off, format, args...)
	}
}

func (t *translator) unsupported(off int, what string) { t.fail(off, "unsupported: %s", what) }

// stmtOff returns the offset of the current statement's first token.
func (t *translator) stmtOff() int { return nextToken(t.sql[:t.end], t.start).off }

// find returns the offset of the first of words found in the current
// statement (trying them in order), or else the statement's start.
func (t *translator) find(words ...string) int { return t.findFrom(t.start, words...) }

// findFrom is find from offset from on; it falls back to the token at from.
func (t *translator) findFrom(from int, words ...string) int {
	for _, w := range words {
		if off := findWord(t.sql, from, t.end, w); off >= 0 {
			return off
		}
	}
	return nextToken(t.sql[:t.end], from).off
}

// nodeOff returns where TiDB says expression n starts, or else the
// statement's start. (TiDB records offsets of expressions only.)
func (t *translator) nodeOff(n ast.Node) int {
	if off := n.OriginTextPosition(); off > t.start && off < t.end {
		return off
	}
	return t.stmtOff()
}

func (t *translator) statement(n ast.StmtNode) Statement {
	switch n := n.(type) {
	case *ast.SelectStmt:
		return t.selectStmt(n)
	case *ast.InsertStmt:
		return t.insert(n)
	case *ast.UpdateStmt:
		return t.update(n)
	case *ast.DeleteStmt:
		return t.delete(n)
	case *ast.CreateTableStmt:
		return t.createTable(n)
	case *ast.DropTableStmt:
		return t.dropTable(n)
	case *ast.CreateIndexStmt:
		return t.createIndex(n)
	case *ast.DropIndexStmt:
		return t.dropIndex(n)
	case *ast.AlterTableStmt: // alter.go
		return t.alterTable(n)
	case *ast.RenameTableStmt:
		return t.renameTable(n)
	case *ast.TruncateTableStmt:
		return t.truncateTable(n)
	case *ast.ShowStmt:
		return t.show(n)
	case *ast.ExplainStmt:
		return t.explain(n)
	case *ast.BeginStmt:
		switch {
		case n.Mode != "":
			t.unsupported(t.stmtOff(), "BEGIN "+strings.ToUpper(n.Mode))
		case n.ReadOnly || n.CausalConsistencyOnly || n.AsOf != nil:
			t.unsupported(t.find("READ", "WITH", "AS"), "transaction characteristics")
		}
		return &Begin{}
	case *ast.CommitStmt:
		t.completion(n.CompletionType)
		return &Commit{}
	case *ast.RollbackStmt:
		if n.SavepointName != "" {
			t.unsupported(t.find("TO"), "ROLLBACK TO SAVEPOINT")
		}
		t.completion(n.CompletionType)
		return &Rollback{}
	case *ast.SetOprStmt:
		return t.union(n)
	}
	t.unsupported(t.stmtOff(), t.stmtName(n))
	return nil
}

func (t *translator) completion(c ast.CompletionType) {
	switch c {
	case ast.CompletionTypeChain:
		t.unsupported(t.find("AND"), "AND CHAIN")
	case ast.CompletionTypeRelease:
		t.unsupported(t.find("RELEASE"), "RELEASE")
	}
}

// stmtName names an unsupported statement.
func (t *translator) stmtName(n ast.StmtNode) string {
	switch n.(type) {
	case *ast.CreateIndexStmt:
		return "CREATE INDEX"
	case *ast.DropIndexStmt:
		return "DROP INDEX"
	}
	first := nextToken(t.sql[:t.end], t.start)
	name := strings.ToUpper(first.text(t.sql))
	switch name {
	case "ALTER", "CREATE", "DROP", "SHOW", "TRUNCATE", "RENAME", "LOAD":
		if next := nextToken(t.sql[:t.end], first.end); next.kind == tWord {
			name += " " + strings.ToUpper(next.text(t.sql))
		}
	}
	return name
}

// ---- SELECT ----

func (t *translator) selectStmt(n *ast.SelectStmt) *Select {
	if !t.selectClauses(n) {
		return &Select{}
	}
	s := &Select{Distinct: n.Distinct}
	for _, f := range n.Fields.Fields {
		s.Fields = append(s.Fields, t.field(f))
	}
	if n.From != nil {
		first, joins := t.joinTree(n.From.TableRefs)
		s.From, s.Joins = &first, joins
	}
	s.Where = t.optExpr(n.Where)
	if g := n.GroupBy; g != nil {
		if g.Rollup {
			t.unsupported(t.find("WITH"), "WITH ROLLUP")
		}
		for _, it := range g.Items {
			if it.Desc {
				t.unsupported(t.find("DESC", "ASC"), "GROUP BY ... DESC")
			}
			s.GroupBy = append(s.GroupBy, t.byItem(it.Expr, s.Fields, "GROUP"))
		}
	}
	if n.Having != nil {
		s.Having = t.expr(n.Having.Expr)
	}
	s.OrderBy = t.orderBy(n.OrderBy, s.Fields)
	s.Limit, s.Offset = t.limit(n.Limit)
	return s
}

// selectClauses rejects the clauses of n that the IR has no room for and
// reports whether n is an ordinary SELECT.
func (t *translator) selectClauses(n *ast.SelectStmt) bool {
	switch {
	case n.Kind == ast.SelectStmtKindTable:
		t.unsupported(t.stmtOff(), "TABLE statement")
	case n.Kind == ast.SelectStmtKindValues:
		t.unsupported(t.stmtOff(), "VALUES statement")
	case n.With != nil:
		t.unsupported(t.find("WITH"), "WITH")
	case n.SelectIntoOpt != nil:
		t.unsupported(t.find("INTO"), "SELECT ... INTO")
	case n.LockInfo != nil && n.LockInfo.LockType != ast.SelectLockNone:
		t.unsupported(t.find("LOCK", "FOR"), strings.ToUpper(n.LockInfo.LockType.String()))
	case len(n.WindowSpecs) > 0:
		t.unsupported(t.find("WINDOW"), "WINDOW")
	case len(n.TableHints) > 0:
		t.unsupported(t.hintOff(), "optimizer hints")
	}
	if o := n.SelectStmtOpts; o != nil {
		t.modifiers(
			modifier{o.CalcFoundRows, "SQL_CALC_FOUND_ROWS"},
			modifier{o.SQLBigResult, "SQL_BIG_RESULT"},
			modifier{o.SQLSmallResult, "SQL_SMALL_RESULT"},
			modifier{o.SQLBufferResult, "SQL_BUFFER_RESULT"},
			modifier{!o.SQLCache, "SQL_NO_CACHE"},
			modifier{o.StraightJoin, "STRAIGHT_JOIN"},
			modifier{o.Priority != mysql.NoPriority, mysql.Priority2Str[o.Priority]},
		)
		if len(o.TableHints) > 0 {
			t.unsupported(t.hintOff(), "optimizer hints")
		}
	}
	return t.err == nil
}

// modifier is a keyword modifier of a statement (SQL_CALC_FOUND_ROWS,
// LOW_PRIORITY, ...) that the IR has no room for.
type modifier struct {
	on   bool
	name string
}

func (t *translator) modifiers(ms ...modifier) {
	for _, m := range ms {
		if m.on {
			t.unsupported(t.find(m.name), m.name)
		}
	}
}

// hintOff returns the offset of the first optimizer hint comment.
func (t *translator) hintOff() int {
	if i := strings.Index(t.sql[t.start:t.end], "/*+"); i >= 0 {
		return t.start + i
	}
	return t.stmtOff()
}

func (t *translator) field(f *ast.SelectField) SelectField {
	if w := f.WildCard; w != nil {
		if w.Schema.O != "" {
			t.unsupported(t.find(w.Schema.O), "database-qualified name")
		}
		return SelectField{Star: true, Table: w.Table.O}
	}
	e := t.expr(f.Expr)
	return SelectField{Expr: e, Alias: f.AsName.O, Text: t.fieldText(f, e)}
}

// fieldText returns the select item's expression as written, without its
// alias, comments and surrounding blanks: the name MySQL gives the result
// column. Like MySQL, a string literal names its column by its value.
func (t *translator) fieldText(f *ast.SelectField, e Expr) string {
	if l, ok := e.(*Literal); ok && f.AsName.O == "" {
		if s, ok := l.Value.(string); ok {
			return s
		}
	}
	from := min(max(f.Offset, t.start), t.end)
	to := min(from+len(f.OriginalText()), t.end)
	ts := tokens(t.sql, from, to)
	if f.AsName.O != "" && len(ts) > 1 {
		ts = ts[:len(ts)-1]
		if len(ts) > 1 && ts[len(ts)-1].is(t.sql, "AS") {
			ts = ts[:len(ts)-1]
		}
	}
	if len(ts) == 0 {
		return ""
	}
	return t.sql[ts[0].off:ts[len(ts)-1].end]
}

// tableRef translates the table reference of a FROM, UPDATE, DELETE or
// INSERT, which must be one table; join names what more tables would be.
func (t *translator) tableRef(refs *ast.TableRefsClause, join string) TableRef {
	j := refs.TableRefs
	for j.Right == nil { // unwrap parentheses: FROM (t)
		inner, ok := j.Left.(*ast.Join)
		if !ok {
			break
		}
		j = inner
	}
	if j.Right != nil {
		off := findWord(t.sql, t.start, t.end, "JOIN")
		if off < 0 {
			off = t.findFrom(max(findWord(t.sql, t.start, t.end, "FROM"), t.start), ",")
		}
		t.unsupported(off, join)
		return TableRef{}
	}
	src, ok := j.Left.(*ast.TableSource)
	if !ok {
		t.unsupported(t.stmtOff(), join)
		return TableRef{}
	}
	return t.source(src)
}

// source translates one table of a FROM clause.
func (t *translator) source(src *ast.TableSource) TableRef {
	name, ok := src.Source.(*ast.TableName)
	if !ok {
		t.unsupported(t.find("FROM"), "subquery in FROM")
		return TableRef{}
	}
	return TableRef{Name: t.tableName(name), Alias: src.AsName.O}
}

// joinTree translates a FROM clause into its first table and its joins.
// TiDB builds joins left-deep (a JOIN b JOIN c = (a JOIN b) JOIN c); a join
// nested on the right (a JOIN (b JOIN c)) is not supported.
func (t *translator) joinTree(j *ast.Join) (TableRef, []Join) {
	var first TableRef
	var joins []Join
	switch l := j.Left.(type) {
	case *ast.Join:
		first, joins = t.joinTree(l)
	case *ast.TableSource:
		first = t.source(l)
	default:
		t.unsupported(t.find("FROM"), "subquery in FROM")
	}
	if j.Right == nil {
		return first, joins
	}
	right, ok := j.Right.(*ast.TableSource)
	if !ok {
		t.unsupported(t.find("("), "a join nested in parentheses on the right")
		return first, joins
	}
	join := Join{Kind: JoinInner, Table: t.source(right)}
	switch {
	case j.NaturalJoin:
		t.unsupported(t.find("NATURAL"), "NATURAL JOIN")
	case j.StraightJoin:
		t.unsupported(t.find("STRAIGHT_JOIN"), "STRAIGHT_JOIN")
	case j.Tp == ast.RightJoin:
		t.unsupported(t.find("RIGHT"), "RIGHT JOIN (write it as a LEFT JOIN with the tables swapped)")
	case j.Tp == ast.LeftJoin:
		join.Kind = JoinLeft
	}
	if j.On != nil {
		join.On = t.expr(j.On.Expr)
	}
	if len(j.Using) > 0 {
		if len(joins) > 0 {
			t.unsupported(t.find("USING"), "USING after the first join (use ON)")
		}
		for _, c := range j.Using {
			eq := &Binary{Op: OpEQ, L: &ColumnRef{Table: refName(first), Name: c.Name.O}, R: &ColumnRef{Table: refName(join.Table), Name: c.Name.O}}
			if join.On == nil {
				join.On = eq
			} else {
				join.On = &Binary{Op: OpAnd, L: join.On, R: eq}
			}
		}
	}
	if join.Kind == JoinLeft && join.On == nil {
		t.unsupported(t.find("LEFT"), "LEFT JOIN without ON")
	}
	return first, append(joins, join)
}

// refName is how a table's columns are qualified: its alias, else its name.
func refName(r TableRef) string {
	if r.Alias != "" {
		return r.Alias
	}
	return r.Name
}

func (t *translator) tableName(n *ast.TableName) string {
	switch {
	case strings.EqualFold(n.Schema.O, "information_schema"):
		// information_schema.tables and .columns are planned from the
		// catalog; any other name is an unknown table.
		return "information_schema." + strings.ToLower(n.Name.O)
	case n.Schema.O != "":
		t.unsupported(t.find(n.Schema.O), "database-qualified name")
	case len(n.IndexHints) > 0:
		t.unsupported(t.find("USE", "FORCE", "IGNORE"), "index hints")
	case len(n.PartitionNames) > 0:
		t.unsupported(t.find("PARTITION"), "PARTITION")
	case n.TableSample != nil:
		t.unsupported(t.find("TABLESAMPLE"), "TABLESAMPLE")
	case n.AsOf != nil:
		t.unsupported(t.find("OF"), "AS OF")
	}
	return n.Name.O
}

// column translates a column named in an INSERT column list or an UPDATE
// SET, which may be qualified by its table's name.
func (t *translator) column(c *ast.ColumnName, table string) string {
	if c.Schema.O != "" || c.Table.O != "" && !strings.EqualFold(c.Table.O, table) {
		t.fail(t.find(c.Schema.O, c.Table.O), "unknown column '%s'", c.String())
	}
	return c.Name.O
}

func (t *translator) orderBy(o *ast.OrderByClause, fields []SelectField) []OrderItem {
	if o == nil {
		return nil
	}
	items := make([]OrderItem, 0, len(o.Items))
	for _, it := range o.Items {
		items = append(items, OrderItem{Expr: t.byItem(it.Expr, fields, "ORDER"), Desc: it.Desc})
	}
	return items
}

// byItem translates a term of an ORDER BY or GROUP BY (clause). A position
// (ORDER BY 2) becomes the expression of that select item.
func (t *translator) byItem(e ast.ExprNode, fields []SelectField, clause string) Expr {
	p, ok := e.(*ast.PositionExpr)
	if !ok {
		return t.expr(e)
	}
	n := restore(p)
	off := t.findFrom(t.find(clause), n)
	if p.P != nil || p.N < 1 || p.N > len(fields) {
		t.fail(off, "unknown column '%s' in %s BY", n, clause)
		return nil
	}
	for _, f := range fields[:p.N] {
		if f.Star {
			t.unsupported(off, "column position after *")
			return nil
		}
	}
	return fields[p.N-1].Expr
}

func (t *translator) limit(l *ast.Limit) (count, offset Expr) {
	if l == nil {
		return nil, nil
	}
	return t.expr(l.Count), t.optExpr(l.Offset)
}

// ---- INSERT, UPDATE, DELETE ----

func (t *translator) insert(n *ast.InsertStmt) *Insert {
	switch {
	case n.IsReplace:
		t.unsupported(t.stmtOff(), "REPLACE")
	case n.IgnoreErr:
		t.unsupported(t.find("IGNORE"), "INSERT IGNORE")
	case n.OnDuplicate != nil:
		t.unsupported(t.find("DUPLICATE"), "ON DUPLICATE KEY UPDATE")
	case n.Select != nil:
		t.unsupported(t.find("SELECT", "TABLE", "VALUES", "WITH", "("), "INSERT ... SELECT")
	case len(n.PartitionNames) > 0:
		t.unsupported(t.find("PARTITION"), "PARTITION")
	case len(n.TableHints) > 0:
		t.unsupported(t.hintOff(), "optimizer hints")
	}
	t.modifiers(modifier{n.Priority != mysql.NoPriority, mysql.Priority2Str[n.Priority]})
	ref := t.tableRef(n.Table, "JOIN")
	if ref.Alias != "" {
		t.unsupported(t.find(ref.Alias), "table alias in INSERT")
	}
	ins := &Insert{Table: ref.Name}
	if n.Columns != nil {
		ins.Columns = make([]string, 0, len(n.Columns))
		for _, c := range n.Columns {
			ins.Columns = append(ins.Columns, t.column(c, ref.Name))
		}
	}
	for _, row := range n.Lists {
		ins.Rows = append(ins.Rows, t.exprs(row))
	}
	return ins
}

func (t *translator) update(n *ast.UpdateStmt) *Update {
	switch {
	case n.With != nil:
		t.unsupported(t.find("WITH"), "WITH")
	case len(n.TableHints) > 0:
		t.unsupported(t.hintOff(), "optimizer hints")
	}
	t.modifiers(modifier{n.Priority != mysql.NoPriority, mysql.Priority2Str[n.Priority]}, modifier{n.IgnoreErr, "IGNORE"})
	ref := t.tableRef(n.TableRefs, "multi-table UPDATE")
	if ref.Alias != "" {
		t.unsupported(t.find(ref.Alias), "table alias in UPDATE")
	}
	u := &Update{Table: ref.Name}
	for _, a := range n.List {
		u.Set = append(u.Set, Assignment{Column: t.column(a.Column, ref.Name), Value: t.expr(a.Expr)})
	}
	u.Where = t.optExpr(n.Where)
	u.OrderBy = t.orderBy(n.Order, nil)
	u.Limit, _ = t.limit(n.Limit)
	return u
}

func (t *translator) delete(n *ast.DeleteStmt) *Delete {
	switch {
	case n.IsMultiTable || n.Tables != nil:
		t.unsupported(t.stmtOff(), "multi-table DELETE")
	case n.With != nil:
		t.unsupported(t.find("WITH"), "WITH")
	case len(n.TableHints) > 0:
		t.unsupported(t.hintOff(), "optimizer hints")
	}
	t.modifiers(modifier{n.Priority != mysql.NoPriority, mysql.Priority2Str[n.Priority]},
		modifier{n.Quick, "QUICK"}, modifier{n.IgnoreErr, "IGNORE"})
	ref := t.tableRef(n.TableRefs, "multi-table DELETE")
	if ref.Alias != "" {
		t.unsupported(t.find(ref.Alias), "table alias in DELETE")
	}
	d := &Delete{Table: ref.Name, Where: t.optExpr(n.Where), OrderBy: t.orderBy(n.Order, nil)}
	d.Limit, _ = t.limit(n.Limit)
	return d
}

// ---- DDL ----

// columnOptions names the column options the IR has no room for.
var columnOptions = map[ast.ColumnOptionType]string{
	ast.ColumnOptionOnUpdate:                 "ON UPDATE",
	ast.ColumnOptionFulltext:                 "FULLTEXT",
	ast.ColumnOptionGenerated:                "generated column",
	ast.ColumnOptionReference:                "REFERENCES",
	ast.ColumnOptionCollate:                  "COLLATE",
	ast.ColumnOptionColumnFormat:             "COLUMN_FORMAT",
	ast.ColumnOptionStorage:                  "STORAGE",
	ast.ColumnOptionAutoRandom:               "AUTO_RANDOM",
	ast.ColumnOptionSecondaryEngineAttribute: "SECONDARY_ENGINE_ATTRIBUTE",
}

// constraints names the table constraints the IR has no room for.
var constraints = map[ast.ConstraintType]string{
	ast.ConstraintForeignKey: "FOREIGN KEY",
	ast.ConstraintFulltext:   "FULLTEXT index",
	ast.ConstraintVector:     "VECTOR index",
	ast.ConstraintColumnar:   "COLUMNAR index",
}

func (t *translator) createTable(n *ast.CreateTableStmt) *CreateTable {
	switch {
	case n.TemporaryKeyword != ast.TemporaryNone:
		t.unsupported(t.find("TEMPORARY", "GLOBAL"), "TEMPORARY table")
	case n.ReferTable != nil:
		t.unsupported(t.find("LIKE"), "CREATE TABLE ... LIKE")
	case n.Select != nil:
		t.unsupported(t.find("SELECT", "AS", "TABLE"), "CREATE TABLE ... SELECT")
	case n.Partition != nil:
		t.unsupported(t.find("PARTITION"), "PARTITION BY")
	case len(n.SplitIndex) > 0:
		t.unsupported(t.find("SPLIT"), "SPLIT")
	}
	var info createInfo // what the pre-pass saw of this statement
	for _, c := range t.creates {
		if c.off >= t.start && c.off < t.end {
			info = c
		}
	}
	ct := &CreateTable{Name: t.tableName(n.Table), IfNotExists: n.IfNotExists, Options: info.opts}
	// Column definitions and constraints are the elements of the column
	// list, in order; TiDB hands them over in two lists.
	elems, used := info.elems, make([]bool, len(info.elems))
	next := 0
	for _, c := range n.Cols {
		e := element{off: t.stmtOff()}
		for i := next; i < len(elems); i++ {
			if strings.EqualFold(elems[i].name, c.Name.Name.O) {
				e, used[i], next = elems[i], true, i+1
				break
			}
		}
		def := t.columnDef(c, e)
		if def.PrimaryKey {
			t.primaryKey(ct, []string{def.Name}, e.off)
		}
		ct.Columns = append(ct.Columns, def)
	}
	var rest []element // the other elements are the constraints
	for i, e := range elems {
		if !used[i] {
			rest = append(rest, e)
		}
	}
	for i, c := range n.Constraints {
		off := t.stmtOff()
		if i < len(rest) {
			off = rest[i].off
		}
		t.constraint(ct, c, off)
	}
	for _, o := range n.Options {
		switch o.Tp {
		case ast.TableOptionEngine, ast.TableOptionCharset, ast.TableOptionCollate:
			// harmless MySQL habits: accepted and ignored
		case ast.TableOptionComment:
			ct.Options.Comment = o.StrValue
		default:
			name, _, _ := strings.Cut(restore(o), " =")
			kw, _, _ := strings.Cut(name, " ")
			t.unsupported(t.findFrom(info.tailOff, kw), "table option "+name)
		}
	}
	return ct
}

func (t *translator) primaryKey(ct *CreateTable, cols []string, off int) {
	if ct.PrimaryKey != nil {
		t.fail(off, "multiple primary keys")
	}
	ct.PrimaryKey = cols
}

func (t *translator) columnDef(c *ast.ColumnDef, e element) ColumnDef {
	d := ColumnDef{Name: c.Name.Name.O, Pos: posAt(t.sql, e.off)}
	ft := c.Tp
	spec, ok := typeSpec(ft, e.typ)
	cs := ft.GetCharset()
	switch {
	case !ok:
		t.unsupported(e.off, "column type "+typeName(ft))
	case mysql.HasZerofillFlag(ft.GetFlag()):
		t.unsupported(t.findFrom(e.off, "ZEROFILL"), "ZEROFILL")
	case cs != "" && cs != charset.CharsetBin:
		t.unsupported(t.findFrom(e.off, "CHARACTER", "CHARSET", "CHAR"), "column CHARACTER SET")
	case ft.GetCollate() != "" && ft.GetCollate() != charset.CollationBin:
		t.unsupported(t.findFrom(e.off, "COLLATE"), "column COLLATE")
	case mysql.HasBinaryFlag(ft.GetFlag()) && cs != charset.CharsetBin:
		t.unsupported(t.findFrom(e.off, "BINARY"), "BINARY attribute")
	}
	d.Type = spec
	for _, o := range c.Options {
		switch o.Tp {
		case ast.ColumnOptionNotNull:
			d.NotNull = true
		case ast.ColumnOptionNull:
			d.NotNull = false
		case ast.ColumnOptionPrimaryKey:
			if o.PrimaryKeyTp != ast.PrimaryKeyTypeDefault {
				t.unsupported(t.findFrom(e.off, "CLUSTERED", "NONCLUSTERED"), "CLUSTERED and NONCLUSTERED")
			}
			d.PrimaryKey = true
		case ast.ColumnOptionUniqKey:
			d.Unique = true
		case ast.ColumnOptionAutoIncrement:
			d.AutoIncrement = true
		case ast.ColumnOptionDefaultValue:
			d.Default, d.HasDefault = t.expr(o.Expr), true
		case ast.ColumnOptionComment:
			if l, ok := t.expr(o.Expr).(*Literal); ok {
				d.Comment, _ = l.Value.(string)
			}
		case ast.ColumnOptionCheck:
			t.columnCheck(&d, o, e.off)
		default:
			name, ok := columnOptions[o.Tp]
			if !ok {
				name = restore(o)
			}
			kw, _, _ := strings.Cut(name, " ")
			t.unsupported(t.findFrom(e.off, kw), name)
		}
	}
	return d
}

func (t *translator) constraint(ct *CreateTable, c *ast.Constraint, off int) {
	if name, ok := constraints[c.Tp]; ok {
		t.unsupported(off, name)
		return
	}
	if c.Tp == ast.ConstraintCheck {
		ct.Checks = append(ct.Checks, t.checkDef(c, off))
		return
	}
	if c.Option != nil && !c.Option.IsEmpty() {
		t.unsupported(off, "index options")
	}
	cols, exprs := t.indexColumns(c.Keys, off)
	switch c.Tp {
	case ast.ConstraintPrimaryKey:
		if exprs != nil {
			t.unsupported(off, "expression in PRIMARY KEY")
		}
		t.primaryKey(ct, cols, off)
	case ast.ConstraintKey, ast.ConstraintIndex:
		ct.Indexes = append(ct.Indexes, IndexDef{Name: c.Name, Columns: cols, Exprs: exprs})
	default: // the UNIQUE forms
		ct.Indexes = append(ct.Indexes, IndexDef{Name: c.Name, Columns: cols, Exprs: exprs, Unique: true})
	}
}

// indexColumns translates the parts of an index: columns, or expressions
// (exprs is nil when there are none).
func (t *translator) indexColumns(keys []*ast.IndexPartSpecification, off int) (cols []string, exprs []Expr) {
	for i, k := range keys {
		switch {
		case k.Length > 0:
			t.unsupported(off, "index prefix length")
		case k.Desc:
			t.unsupported(off, "DESC in index")
		case k.Expr != nil:
			if exprs == nil {
				exprs = make([]Expr, len(keys))
			}
			exprs[i] = t.expr(k.Expr)
			cols = append(cols, "")
		default:
			cols = append(cols, k.Column.Name.O)
		}
	}
	return cols, exprs
}

// createIndex translates CREATE [UNIQUE] INDEX name ON t (cols).
func (t *translator) createIndex(n *ast.CreateIndexStmt) *CreateIndex {
	switch {
	case n.KeyType != ast.IndexKeyTypeNone && n.KeyType != ast.IndexKeyTypeUnique:
		t.unsupported(t.stmtOff(), "FULLTEXT, SPATIAL and VECTOR indexes")
	case n.IndexOption != nil && !n.IndexOption.IsEmpty():
		t.unsupported(t.find("USING", "COMMENT", "VISIBLE", "INVISIBLE", "WITH", "KEY_BLOCK_SIZE"), "index options")
	case n.LockAlg != nil:
		t.unsupported(t.find("LOCK", "ALGORITHM"), "LOCK/ALGORITHM")
	}
	cols, exprs := t.indexColumns(n.IndexPartSpecifications, t.stmtOff())
	return &CreateIndex{
		Index:       IndexDef{Name: n.IndexName, Columns: cols, Exprs: exprs, Unique: n.KeyType == ast.IndexKeyTypeUnique},
		Table:       t.tableName(n.Table),
		IfNotExists: n.IfNotExists,
	}
}

// dropIndex translates DROP INDEX [IF EXISTS] name ON t.
func (t *translator) dropIndex(n *ast.DropIndexStmt) *DropIndex {
	if n.LockAlg != nil {
		t.unsupported(t.find("LOCK", "ALGORITHM"), "LOCK/ALGORITHM")
	}
	return &DropIndex{Name: n.IndexName, Table: t.tableName(n.Table), IfExists: n.IfExists}
}

func (t *translator) dropTable(n *ast.DropTableStmt) *DropTable {
	switch {
	case n.IsView:
		t.unsupported(t.stmtOff(), "DROP VIEW")
	case n.TemporaryKeyword != ast.TemporaryNone:
		t.unsupported(t.find("TEMPORARY", "GLOBAL"), "TEMPORARY table")
	}
	d := &DropTable{IfExists: n.IfExists}
	for _, tn := range n.Tables {
		d.Names = append(d.Names, t.tableName(tn))
	}
	return d
}

func (t *translator) show(n *ast.ShowStmt) Statement {
	switch n.Tp {
	case ast.ShowTables:
		t.showClauses(n)
		return &ShowTables{}
	case ast.ShowColumns:
		return t.describe(n)
	case ast.ShowIndex:
		t.showClauses(n)
		return &ShowIndex{Table: t.tableName(n.Table)}
	case ast.ShowCreateTable:
		return &ShowCreateTable{Table: t.tableName(n.Table)}
	}
	t.unsupported(t.stmtOff(), t.stmtName(n))
	return nil
}

// describe translates SHOW COLUMNS and its synonyms DESCRIBE t, DESC t and
// EXPLAIN t.
func (t *translator) describe(n *ast.ShowStmt) *Describe {
	if n.Column != nil {
		t.unsupported(t.find(n.Column.Name.O), "DESCRIBE of one column")
	}
	t.showClauses(n)
	return &Describe{Table: t.tableName(n.Table)}
}

func (t *translator) showClauses(n *ast.ShowStmt) {
	switch {
	case n.DBName != "":
		t.unsupported(t.find(n.DBName), "database name")
	case n.Full:
		t.unsupported(t.find("FULL"), "SHOW FULL")
	case n.Extended:
		t.unsupported(t.find("EXTENDED"), "SHOW EXTENDED")
	case n.Pattern != nil:
		t.unsupported(t.find("LIKE"), "LIKE in SHOW")
	case n.Where != nil:
		t.unsupported(t.find("WHERE"), "WHERE in SHOW")
	}
}

func (t *translator) explain(n *ast.ExplainStmt) Statement {
	if show, ok := n.Stmt.(*ast.ShowStmt); ok && show.Tp == ast.ShowColumns && !n.Analyze {
		return t.describe(show)
	}
	switch {
	case n.Format != "" && !strings.EqualFold(n.Format, "row"):
		t.unsupported(t.find("FORMAT"), "EXPLAIN FORMAT")
	case n.Explore || n.SQLDigest != "" || n.PlanDigest != "":
		t.unsupported(t.stmtOff(), "EXPLAIN EXPLORE")
	}
	switch n.Stmt.(type) {
	case *ast.SelectStmt, *ast.InsertStmt, *ast.UpdateStmt, *ast.DeleteStmt:
		return &Explain{Stmt: t.statement(n.Stmt), Analyze: n.Analyze}
	}
	t.unsupported(t.stmtOff(), "EXPLAIN of this statement")
	return nil
}

// restore returns TiDB's rendering of n, to name it in an error.
func restore(n ast.Node) string {
	var b strings.Builder
	if err := n.Restore(format.NewRestoreCtx(format.DefaultRestoreFlags, &b)); err != nil {
		return "?"
	}
	return b.String()
}

// union translates SELECT ... UNION [ALL] SELECT ...; EXCEPT, INTERSECT,
// nested set operations and WITH are not supported.
func (t *translator) union(n *ast.SetOprStmt) Statement {
	if n.With != nil {
		t.unsupported(t.find("WITH"), "WITH")
		return nil
	}
	if n.SelectList == nil || len(n.SelectList.Selects) < 2 { // (SELECT ...) ORDER BY ...
		t.unsupported(t.find("ORDER", "LIMIT"), "ORDER BY or LIMIT after a query in parentheses")
		return nil
	}
	u := &Union{}
	for i, sel := range n.SelectList.Selects {
		s, ok := sel.(*ast.SelectStmt)
		if !ok {
			t.unsupported(t.find("("), "nested set operation")
			return nil
		}
		if i > 0 {
			switch *s.AfterSetOperator {
			case ast.Union:
				u.All = append(u.All, false)
			case ast.UnionAll:
				u.All = append(u.All, true)
			default:
				t.unsupported(t.find("EXCEPT", "INTERSECT"), "EXCEPT and INTERSECT")
				return nil
			}
		}
		if s.OrderBy != nil || s.Limit != nil {
			t.unsupported(t.find("ORDER", "LIMIT"), "ORDER BY or LIMIT inside a UNION part (put it after the last SELECT)")
			return nil
		}
		u.Selects = append(u.Selects, t.selectStmt(s))
	}
	if n.OrderBy != nil {
		for _, it := range n.OrderBy.Items {
			var e Expr
			if p, ok := it.Expr.(*ast.PositionExpr); ok && p.P == nil {
				e = &Literal{Value: int64(p.N)} // ORDER BY 1: a position, resolved by the planner
			} else {
				e = t.expr(it.Expr)
			}
			u.OrderBy = append(u.OrderBy, OrderItem{Expr: e, Desc: it.Desc})
		}
	}
	u.Limit, u.Offset = t.limit(n.Limit)
	return u
}
