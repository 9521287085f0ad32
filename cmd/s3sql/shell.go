package main

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/chzyer/readline"
)

const (
	prompt         = "s3sql> "
	continuePrompt = "   ...> "
	maxReadDepth   = 16   // nested .read commands
	tableChunk     = 1000 // rows buffered by the table mode at a time
)

var (
	errQuit    = errors.New("quit")                   // .quit, .exit: stop the session
	errStopped = errors.New("stopped after an error") // .read of a file that failed, already reported
)

// A shell is one session: a database, the output settings and the
// statement loop. Results go to out, errors and notes to errOut.
type shell struct {
	db          *sql.DB
	out         *bufio.Writer
	errOut      io.Writer
	mode        string
	timer       bool
	force       bool // scripts continue after a failed statement
	interactive bool
	now         func() time.Time
	chunk       int // table mode buffering, see tablePrinter
	// progressAfter: an interactive statement that returns no rows and runs
	// longer shows how long it has been running (CREATE INDEX filling a big
	// table, a large UPDATE), refreshed every progressEvery.
	progressAfter, progressEvery time.Duration

	failed    bool // some statement failed
	readDepth int

	mu     sync.Mutex
	cancel context.CancelFunc // of the running statement
}

func newShell(db *sql.DB, out, errOut io.Writer) *shell {
	return &shell{db: db, out: bufio.NewWriter(out), errOut: errOut, mode: "table", now: time.Now, chunk: tableChunk,
		progressAfter: 2 * time.Second, progressEvery: time.Second}
}

// A lineReader reads input lines: a terminal with line editing and history,
// or a plain reader (pipe, file, -c) that shows no prompts.
type lineReader interface {
	readLine(prompt string) (string, error) // readline.ErrInterrupt on Ctrl-C, io.EOF at the end
	saveHistory(entry string)
}

type plainReader struct{ r *bufio.Reader }

func (p plainReader) readLine(string) (string, error) {
	line, err := p.r.ReadString('\n')
	if err == io.EOF && line != "" {
		err = nil
	}
	return strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"), err
}

func (plainReader) saveHistory(string) {}

type termReader struct{ rl *readline.Instance }

func (t termReader) readLine(prompt string) (string, error) {
	t.rl.SetPrompt(prompt)
	return t.rl.Readline()
}

func (t termReader) saveHistory(entry string) {
	// One history entry per statement; a history file we cannot write is not fatal.
	_ = t.rl.SaveHistory(strings.ReplaceAll(entry, "\n", " "))
}

// run reads statements and meta commands from in and runs them until the
// end of input or .quit (then it returns errQuit). When stopOnError is set
// it stops at the first failed statement and returns its error. source
// names the input in error messages ("" for the terminal, stdin and -c).
func (s *shell) run(ctx context.Context, in lineReader, source string, stopOnError bool) error {
	var sp splitter
	for {
		p := prompt
		if sp.pending() {
			p = continuePrompt
		}
		s.out.Flush()
		line, err := in.readLine(p)
		if errors.Is(err, readline.ErrInterrupt) {
			sp.reset() // Ctrl-C at the prompt drops the statement being typed
			continue
		}
		var stmts []statement
		switch {
		case err == io.EOF && s.interactive && source == "":
			// Ctrl-D drops a statement without its ';', as in mysql.
		case err == io.EOF:
			stmts = sp.flush() // scripts may omit the last ';'
		case err != nil:
			return err
		case !sp.pending() && isCommand(line):
			sp.line++
			in.saveHistory(line)
			if err := s.command(ctx, line); err != nil {
				if err == errQuit {
					return err
				}
				if err != errStopped {
					s.report(err, source, sp.line)
				}
				if stopOnError {
					return err
				}
			}
			continue
		default:
			stmts = sp.feed(line)
		}
		for _, st := range stmts {
			in.saveHistory(st.sql + ";")
			if err := s.execute(ctx, st.sql); err != nil {
				s.report(err, source, st.line)
				if stopOnError {
					return err
				}
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// isCommand reports whether a line typed at the start of a statement is a
// meta command: ".name args", or exit, quit or \q as in the mysql client.
func isCommand(line string) bool {
	line = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(line), ";"))
	return strings.HasPrefix(line, ".") || line == "exit" || line == "quit" || line == `\q`
}

// report prints a failed statement's error and remembers the failure.
func (s *shell) report(err error, source string, line int) {
	s.failed = true
	s.out.Flush()
	switch {
	case s.interactive && source == "":
		fmt.Fprintf(s.errOut, "ERROR: %v\n", err)
	case source == "":
		fmt.Fprintf(s.errOut, "ERROR at line %d: %v\n", line, err)
	default:
		fmt.Fprintf(s.errOut, "ERROR at line %d in %s: %v\n", line, source, err)
	}
}

// interrupt cancels the running statement (Ctrl-C) and reports whether
// there was one.
func (s *shell) interrupt() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel == nil {
		return false
	}
	s.cancel()
	return true
}

// execute runs one statement and prints its result. Statements whose first
// keyword is one of rowKeywords go through QueryContext and print their
// rows; the rest go through ExecContext and print the rows affected.
// (database/sql cannot tell whether a statement returns rows before running
// it, and Exec is the only way to learn the rows affected.) A query that
// turns out to have no columns prints like an Exec.
func (s *shell) execute(ctx context.Context, query string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.mu.Lock()
	s.cancel = cancel
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.cancel = nil
		s.mu.Unlock()
	}()

	start := s.now()
	err := s.executeCtx(ctx, query, start)
	if err != nil && ctx.Err() != nil {
		return errors.New("statement cancelled")
	}
	return err
}

func (s *shell) executeCtx(ctx context.Context, query string, start time.Time) error {
	if !returnsRows(query) {
		stop := s.progress(start)
		res, err := s.db.ExecContext(ctx, query)
		stop()
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		s.queryOK(n, err == nil, start)
		return nil
	}
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	if cols, err := rows.Columns(); err == nil && len(cols) == 0 {
		s.queryOK(0, true, start)
		return rows.Close()
	}
	n, err := writeRows(s.out, s.mode, rows, s.chunk)
	if err != nil {
		return err
	}
	if err := rows.Close(); err != nil {
		return err
	}
	switch {
	case n == 0:
		s.status("Empty set", start)
	case n == 1:
		s.status("1 row in set", start)
	default:
		s.status(fmt.Sprintf("%d rows in set", n), start)
	}
	return nil
}

func (s *shell) queryOK(n int64, known bool, start time.Time) {
	switch {
	case !known:
		s.status("Query OK", start)
	case n == 1:
		s.status("Query OK, 1 row affected", start)
	default:
		s.status(fmt.Sprintf("Query OK, %d rows affected", n), start)
	}
}

// status prints the line after a result. The table and line modes print it
// (with the time when the timer is on) to out, like mysql; the csv, tsv and
// json modes keep out machine-readable and only print the time, to errOut.
func (s *shell) status(msg string, start time.Time) {
	elapsed := fmt.Sprintf("%.2f sec", s.now().Sub(start).Seconds())
	switch {
	case s.mode == "table" || s.mode == "line":
		if s.timer {
			msg += " (" + elapsed + ")"
		}
		fmt.Fprintln(s.out, msg)
		if s.interactive {
			fmt.Fprintln(s.out)
		}
	case s.timer:
		s.out.Flush()
		fmt.Fprintf(s.errOut, "Run Time: %s\n", elapsed)
	}
}

// rowKeywords start the statements that return rows.
var rowKeywords = []string{"SELECT", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "WITH", "VALUES", "TABLE"}

// returnsRows looks at the first keyword of query, after comments and '('.
func returnsRows(query string) bool {
	q := query
	for {
		q = strings.TrimLeft(q, " \t\r\n(")
		switch {
		case strings.HasPrefix(q, "/*"):
			_, rest, ok := strings.Cut(q[2:], "*/")
			if !ok {
				return false
			}
			q = rest
		case strings.HasPrefix(q, "#") || strings.HasPrefix(q, "--"):
			_, q, _ = strings.Cut(q, "\n")
		default:
			end := strings.IndexFunc(q, func(r rune) bool { return r >= utf8.RuneSelf || !isWordByte(byte(r)) })
			if end < 0 {
				end = len(q)
			}
			return slices.Contains(rowKeywords, strings.ToUpper(q[:end]))
		}
	}
}

// A command is a meta command: a line starting with '.'.
type command struct {
	name, args, help string
	run              func(s *shell, ctx context.Context, args []string) error
}

var commands []command

func init() { // in init: the commands refer to the list in .help
	commands = []command{
		{".exit", "", "exit s3sql (also .quit, exit, quit, \\q, Ctrl-D)", func(*shell, context.Context, []string) error { return errQuit }},
		{".help", "", "show this help", (*shell).help},
		{".mode", "[MODE]", "set or show the output mode: " + strings.Join(modes, ", "), (*shell).setMode},
		{".quit", "", "exit s3sql", func(*shell, context.Context, []string) error { return errQuit }},
		{".read", "FILE", "run the statements in FILE", (*shell).read},
		{".schema", "[TABLE...]", "describe the given tables, or all of them", (*shell).schema},
		{".tables", "", "list the tables (SHOW TABLES)", func(s *shell, ctx context.Context, _ []string) error { return s.execute(ctx, "SHOW TABLES") }},
		{".timer", "[on|off]", "show the time each statement takes", (*shell).setTimer},
	}
}

func commandNames() string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}

// command runs a meta command line.
func (s *shell) command(ctx context.Context, line string) error {
	fields := strings.Fields(strings.TrimSuffix(strings.TrimSpace(line), ";"))
	name := strings.ToLower(fields[0])
	if name == "exit" || name == "quit" || name == `\q` {
		return errQuit
	}
	for _, c := range commands {
		if c.name == name {
			return c.run(s, ctx, fields[1:])
		}
	}
	return fmt.Errorf("unknown command %q; valid: %s", fields[0], commandNames())
}

func (s *shell) help(context.Context, []string) error {
	fmt.Fprintln(s.out, "Statements end with ';' and may span lines. Meta commands:")
	for _, c := range commands {
		fmt.Fprintf(s.out, "  %-20s %s\n", c.name+" "+c.args, c.help)
	}
	return nil
}

func (s *shell) setMode(_ context.Context, args []string) error {
	switch {
	case len(args) == 0:
		fmt.Fprintln(s.out, "mode:", s.mode)
	case len(args) > 1 || !slices.Contains(modes, args[0]):
		return fmt.Errorf("unknown mode %q; valid: %s", strings.Join(args, " "), strings.Join(modes, ", "))
	default:
		s.mode = args[0]
	}
	return nil
}

func (s *shell) setTimer(_ context.Context, args []string) error {
	switch {
	case len(args) == 0:
		fmt.Fprintln(s.out, "timer:", map[bool]string{true: "on", false: "off"}[s.timer])
	case len(args) == 1 && args[0] == "on":
		s.timer = true
	case len(args) == 1 && args[0] == "off":
		s.timer = false
	default:
		return errors.New("usage: .timer on|off")
	}
	return nil
}

// read runs a file. It stops at the first failed statement unless -force;
// an interactive session goes on after it.
func (s *shell) read(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return errors.New("usage: .read FILE")
	}
	if s.readDepth >= maxReadDepth {
		return fmt.Errorf(".read nested more than %d deep", maxReadDepth)
	}
	f, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	s.readDepth++
	defer func() { s.readDepth-- }()
	err = s.run(ctx, plainReader{bufio.NewReader(f)}, args[0], !s.force)
	if err != nil && err != errQuit {
		return errStopped
	}
	return err
}

// schema describes the given tables, or every table of SHOW TABLES.
func (s *shell) schema(ctx context.Context, tables []string) error {
	if len(tables) == 0 {
		rows, err := s.db.QueryContext(ctx, "SHOW TABLES")
		if err != nil {
			return err
		}
		for rows.Next() {
			var t string
			if err := rows.Scan(&t); err != nil {
				rows.Close()
				return err
			}
			tables = append(tables, t)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for _, t := range tables {
		if len(tables) > 1 {
			fmt.Fprintf(s.out, "-- %s\n", t)
		}
		if err := s.execute(ctx, "DESCRIBE `"+strings.ReplaceAll(t, "`", "``")+"`"); err != nil {
			return err
		}
	}
	return nil
}

// progress shows, on a terminal, that a long statement is still running and
// how to cancel it; the returned func stops it and clears the line.
func (s *shell) progress(start time.Time) (stop func()) {
	if !s.interactive {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		wait := time.NewTimer(s.progressAfter)
		defer wait.Stop()
		select {
		case <-done:
			return
		case <-wait.C:
		}
		tick := time.NewTicker(s.progressEvery)
		defer tick.Stop()
		for {
			fmt.Fprintf(s.errOut, "\r  ... running for %s (Ctrl-C cancels)", time.Since(start).Round(time.Second))
			select {
			case <-done:
				fmt.Fprint(s.errOut, "\r\033[K")
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}
