package sqlparse

// This file is the statement IR: the only shape of SQL the rest of s3db sees.
// No TiDB type appears here or in any exported signature of this package.

// Pos is a 1-based position in the SQL text.
type Pos struct{ Line, Col int }

// Statement is one parsed SQL statement.
type Statement interface{ statement() }

// ---- DDL ----

// TypeSpec is a column type as written: Name upper-cased (VARCHAR, INT, BIGINT,
// DOUBLE, BOOLEAN, DATETIME, JSON, TEXT, ...; BOOL/INTEGER normalised to
// BOOLEAN/INT). Length and Scale are -1 when not given.
type TypeSpec struct {
	Name     string
	Length   int
	Scale    int
	Unsigned bool
	Elems    []string // ENUM/SET members
}

// ColumnDef is one column of CREATE TABLE.
type ColumnDef struct {
	Name          string
	Type          TypeSpec
	NotNull       bool
	PrimaryKey    bool
	Unique        bool
	AutoIncrement bool
	Default       Expr // nil: no DEFAULT clause; DEFAULT NULL is a NULL Literal
	HasDefault    bool // Default != nil: true also for an explicit DEFAULT NULL
	Comment       string
	Pos           Pos // of the column's name
	// Check is the column's CHECK (expr), nil if none; CheckName its
	// CONSTRAINT name, "" when not written (alter.go).
	Check     Expr
	CheckName string
}

// IndexDef is an INDEX/KEY/UNIQUE declared in CREATE TABLE or CREATE INDEX.
type IndexDef struct {
	Name    string
	Columns []string
	// Exprs holds, per part, the expression of an expression part such as
	// INDEX byDay ((DATE(at))) (Columns[i] is "" then); nil when every part
	// is a column.
	Exprs  []Expr
	Unique bool
}

// TableOptions are the table options after the column list. BEHAVIOR and
// TIMESTAMPS are s3db extensions; ENGINE, CHARSET and COLLATE are accepted
// and ignored, any other option is an error.
type TableOptions struct {
	Behavior   string // "" when not given
	Timestamps bool
	Comment    string
}

type CreateTable struct {
	Name        string
	IfNotExists bool
	Columns     []ColumnDef
	PrimaryKey  []string // from a table-level PRIMARY KEY (...) or a column's PRIMARY KEY
	Indexes     []IndexDef
	Checks      []CheckDef // table-level CHECK constraints (alter.go)
	Options     TableOptions
}

// CreateIndex is CREATE [UNIQUE] INDEX name ON table (cols).
type CreateIndex struct {
	Index       IndexDef
	Table       string
	IfNotExists bool
}

// DropIndex is DROP INDEX [IF EXISTS] name ON table.
type DropIndex struct {
	Name     string
	Table    string
	IfExists bool
}

// ShowIndex is SHOW INDEX FROM table (also SHOW KEYS / SHOW INDEXES).
type ShowIndex struct{ Table string }

// ShowCreateTable is SHOW CREATE TABLE table.
type ShowCreateTable struct{ Table string }

type DropTable struct {
	Names    []string
	IfExists bool
}

type ShowTables struct{}

// Describe is DESCRIBE t / DESC t / SHOW COLUMNS FROM t.
type Describe struct{ Table string }

// ---- DML ----

type Insert struct {
	Table   string
	Columns []string // nil: all columns in table order; empty for INSERT INTO t () VALUES ()
	Rows    [][]Expr
}

// TableRef is a table in FROM.
type TableRef struct {
	Name  string
	Alias string
}

// SelectField is one item of the select list. Star is `*` or `t.*` (Table set).
type SelectField struct {
	Expr  Expr
	Alias string // AS name, "" if none
	Text  string // the expression as written (a string literal: its value), the column name without an alias
	Star  bool
	Table string
}

// OrderItem is one ORDER BY term. ORDER BY 2 arrives as the second select
// item's Expr (the same value, not a copy).
type OrderItem struct {
	Expr Expr
	Desc bool
}

// Join kinds.
const (
	JoinInner = "INNER" // also CROSS JOIN and the comma, without On
	JoinLeft  = "LEFT"
)

// Join is one JOIN of a FROM clause. Joins apply left to right: the first
// joins Select.From, the next joins that result, and so on.
type Join struct {
	Kind  string // JoinInner or JoinLeft
	Table TableRef
	On    Expr // nil: every pair (CROSS JOIN); USING (a) becomes left.a = right.a
}

type Select struct {
	Distinct bool
	Fields   []SelectField
	From     *TableRef // nil for SELECT without FROM
	Joins    []Join
	Where    Expr
	GroupBy  []Expr
	Having   Expr
	OrderBy  []OrderItem
	Limit    Expr // nil: no LIMIT
	Offset   Expr // nil: no OFFSET
}

// Union is SELECT ... UNION [ALL] SELECT ... [ORDER BY ...] [LIMIT ...].
// All[i] tells whether the operator between Selects[i] and Selects[i+1] is
// UNION ALL. ORDER BY and LIMIT apply to the whole result.
type Union struct {
	Selects []*Select
	All     []bool
	OrderBy []OrderItem
	Limit   Expr
	Offset  Expr
}

// Assignment is one `col = expr` of UPDATE ... SET.
type Assignment struct {
	Column string
	Value  Expr
}

type Update struct {
	Table   string
	Set     []Assignment
	Where   Expr
	OrderBy []OrderItem
	Limit   Expr
}

type Delete struct {
	Table   string
	Where   Expr
	OrderBy []OrderItem
	Limit   Expr
}

// Explain is EXPLAIN [ANALYZE] stmt.
type Explain struct {
	Stmt    Statement
	Analyze bool
}

// ---- triggers ----

// CreateTrigger is CREATE TRIGGER name {BEFORE|AFTER} {INSERT|UPDATE|DELETE}
// ON table FOR EACH ROW [{FOLLOWS|PRECEDES} other] body. Inside the body, NEW
// and OLD columns are ColumnRefs with Table "NEW" or "OLD".
type CreateTrigger struct {
	Name        string
	IfNotExists bool
	Table       string
	Timing      string // "BEFORE" or "AFTER"
	Event       string // "INSERT", "UPDATE" or "DELETE"
	Follows     string // FOLLOWS other ("" if none)
	Precedes    string // PRECEDES other ("" if none)
	Body        []TriggerStmt
	Text        string // the statement's text as written (SHOW CREATE TRIGGER)
}

// TriggerStmt is one statement of a trigger body.
type TriggerStmt interface{ triggerStmt() }

// SetNew is SET NEW.col = expr (BEFORE INSERT/UPDATE triggers only).
type SetNew struct {
	Column string
	Value  Expr
	Pos    Pos
}

// IfBranch is one IF/ELSEIF condition and its statements.
type IfBranch struct {
	Cond Expr
	Body []TriggerStmt
}

// If is IF ... THEN ... [ELSEIF ... THEN ...] [ELSE ...] END IF.
type If struct {
	Branches []IfBranch
	Else     []TriggerStmt
}

// Signal is SIGNAL SQLSTATE 'xxxxx' [SET MESSAGE_TEXT = expr]: it aborts the
// statement with an error.
type Signal struct {
	SQLState string
	Message  Expr // nil: no MESSAGE_TEXT
}

// Call is CALL name(args): it invokes a Go hook registered on the connector.
type Call struct {
	Name string
	Args []Expr
	Pos  Pos
}

// Exec is an INSERT, UPDATE or DELETE inside a trigger body.
type Exec struct {
	Stmt Statement
	Pos  Pos
}

func (*SetNew) triggerStmt() {}
func (*If) triggerStmt()     {}
func (*Signal) triggerStmt() {}
func (*Call) triggerStmt()   {}
func (*Exec) triggerStmt()   {}

// DropTrigger is DROP TRIGGER [IF EXISTS] name.
type DropTrigger struct {
	Name     string
	IfExists bool
}

// ShowTriggers is SHOW TRIGGERS.
type ShowTriggers struct{}

// ShowCreateTrigger is SHOW CREATE TRIGGER name.
type ShowCreateTrigger struct{ Name string }

func (*CreateTrigger) statement()     {}
func (*DropTrigger) statement()       {}
func (*ShowTriggers) statement()      {}
func (*ShowCreateTrigger) statement() {}

// Begin, Commit and Rollback are the transaction statements (START TRANSACTION = Begin).
type (
	Begin    struct{}
	Commit   struct{}
	Rollback struct{}
)

func (*CreateTable) statement()     {}
func (*DropTable) statement()       {}
func (*CreateIndex) statement()     {}
func (*DropIndex) statement()       {}
func (*ShowIndex) statement()       {}
func (*ShowCreateTable) statement() {}
func (*ShowTables) statement()      {}
func (*Describe) statement()        {}
func (*Insert) statement()          {}
func (*Select) statement()          {}
func (*Union) statement()           {}
func (*Update) statement()          {}
func (*Delete) statement()          {}
func (*Explain) statement()         {}
func (*Begin) statement()           {}
func (*Commit) statement()          {}
func (*Rollback) statement()        {}

// ---- expressions ----

// Expr is a scalar expression.
type Expr interface{ expr() }

// Literal is a constant: nil (NULL), int64, uint64 (beyond int64), float64
// (also for decimal literals such as 1.5), string, or bool (TRUE/FALSE).
type Literal struct{ Value any }

// Param is a `?` placeholder; Index is its 0-based ordinal in the whole SQL text.
type Param struct{ Index int }

// ColumnRef names a column, optionally qualified by a table name or alias.
// Names are as written: compare them case-insensitively. In ORDER BY,
// GROUP BY and HAVING a name may be a select item's alias.
type ColumnRef struct {
	Table string
	Name  string
}

// Binary operators, as written in Binary.Op.
const (
	OpAdd    = "+"
	OpSub    = "-"
	OpMul    = "*"
	OpDiv    = "/"
	OpIntDiv = "DIV"
	OpMod    = "%"
	OpEQ     = "="
	OpNE     = "!="
	OpLT     = "<"
	OpLE     = "<="
	OpGT     = ">"
	OpGE     = ">="
	OpNullEQ = "<=>"
	OpAnd    = "AND"
	OpOr     = "OR"
	OpXor    = "XOR"
)

type Binary struct {
	Op   string
	L, R Expr
}

// Unary operators: "-", "NOT", "~".
type Unary struct {
	Op string
	X  Expr
}

// IsNull is `X IS [NOT] NULL`.
type IsNull struct {
	X   Expr
	Not bool
}

// IsBool is `X IS [NOT] TRUE|FALSE`.
type IsBool struct {
	X     Expr
	Value bool
	Not   bool
}

// In is `X [NOT] IN (List...)` or, with Sub set, `X [NOT] IN (SELECT ...)`.
type In struct {
	X    Expr
	List []Expr
	Sub  *Select
	Not  bool
}

// Exists is `[NOT] EXISTS (SELECT ...)`.
type Exists struct {
	Sub *Select
	Not bool
}

// Between is `X [NOT] BETWEEN Lo AND Hi`.
type Between struct {
	X, Lo, Hi Expr
	Not       bool
}

// Like is `X [NOT] LIKE Pattern [ESCAPE Escape]`; Escape is '\\' by default
// and 0 when ESCAPE is the empty string (no escape character).
type Like struct {
	X, Pattern Expr
	Escape     rune
	Not        bool
}

// Func is a function call or aggregate (COUNT, SUM, AVG, MIN, MAX; no other
// aggregate gets past the parser). Name is upper-case. Star is COUNT(*).
type Func struct {
	Name     string
	Args     []Expr
	Star     bool
	Distinct bool
}

// When is one WHEN ... THEN ... arm of a Case.
type When struct{ Cond, Result Expr }

// Case is CASE [Operand] WHEN ... THEN ... [ELSE Else] END.
type Case struct {
	Operand Expr // nil for the searched form
	Whens   []When
	Else    Expr
}

// Cast is CAST(X AS Type) / CONVERT(X, Type) / BINARY X.
type Cast struct {
	X    Expr
	Type TypeSpec
}

// Keyword is a keyword argument of a function: the unit of an INTERVAL and of
// EXTRACT, TIMESTAMPADD and TIMESTAMPDIFF (DAY, HOUR_MINUTE, ...), the TRIM
// direction (LEADING, TRAILING, BOTH) or the GET_FORMAT type (DATE, TIME,
// DATETIME). `d + INTERVAL 1 DAY` is Func{Name: "DATE_ADD", Args: [d, 1, Keyword{"DAY"}]}.
type Keyword struct{ Name string }

func (*Literal) expr()   {}
func (*Param) expr()     {}
func (*ColumnRef) expr() {}
func (*Binary) expr()    {}
func (*Unary) expr()     {}
func (*IsNull) expr()    {}
func (*IsBool) expr()    {}
func (*In) expr()        {}
func (*Exists) expr()    {}
func (*Between) expr()   {}
func (*Like) expr()      {}
func (*Func) expr()      {}
func (*Case) expr()      {}
func (*Cast) expr()      {}
func (*Keyword) expr()   {}
