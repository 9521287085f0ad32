package main

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/chzyer/readline"

	"github.com/s3db-go/s3db/driver" // registers the "s3db" driver
)

// defaultDSN is the embedded database in the current directory.
const defaultDSN = "file:./s3db-data"

// version is set with -ldflags "-X main.version=v1.2.3"; otherwise the
// module version from the build info is used.
var version = ""

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, openDB))
}

// openDB opens the database and checks that it can be reached.
func openDB(ctx context.Context, dsn string) (*sql.DB, error) {
	db, err := sql.Open("s3db", dsn)
	if err != nil {
		return nil, err
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1 // a statement failed (scripts), or the database could not be opened
	exitUsage  = 2
)

// run is the whole program, with its input, outputs and database opener as
// parameters so that tests can drive it. It returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, open func(context.Context, string) (*sql.DB, error)) int {
	fs := flag.NewFlagSet("s3sql", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		command     = fs.String("c", "", "run `SQL` (statements and meta commands) and exit")
		file        = fs.String("f", "", "run the statements in `FILE` and exit")
		mode        = fs.String("mode", "table", "output `MODE`: "+strings.Join(modes, ", "))
		timer       = fs.Bool("timer", false, "print the time each statement takes")
		force       = fs.Bool("force", false, "in scripts, go on after a failed statement")
		showVersion = fs.Bool("version", false, "print the version and exit")
	)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: s3sql [flags] [DSN]\n\nDSN defaults to %s. Flags:\n", defaultDSN)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	dsn := defaultDSN
	if fs.NArg() > 0 { // flags may also follow the DSN
		dsn = fs.Arg(0)
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return exitUsage
		}
		if fs.NArg() > 0 {
			fmt.Fprintf(stderr, "s3sql: unexpected argument %q after the DSN\n", fs.Arg(0))
			fs.Usage()
			return exitUsage
		}
	}
	if *showVersion {
		fmt.Fprintln(stdout, "s3sql", buildVersion())
		return exitOK
	}
	if !slices.Contains(modes, *mode) {
		fmt.Fprintf(stderr, "s3sql: unknown mode %q; valid: %s\n", *mode, strings.Join(modes, ", "))
		return exitUsage
	}
	if *command != "" && *file != "" {
		fmt.Fprintln(stderr, "s3sql: use -c or -f, not both")
		return exitUsage
	}

	ctx := context.Background()
	db, err := open(ctx, dsn)
	if err != nil {
		fmt.Fprintf(stderr, "ERROR: open %s: %v\n", redactDSN(dsn), err)
		return exitFailed
	}
	defer db.Close()

	s := newShell(db, stdout, stderr)
	s.mode, s.timer, s.force = *mode, *timer, *force
	defer s.out.Flush()

	var in lineReader
	source := ""
	switch {
	case *command != "":
		in = plainReader{bufio.NewReader(strings.NewReader(*command))}
	case *file != "":
		f, err := os.Open(*file)
		if err != nil {
			fmt.Fprintf(stderr, "ERROR: %v\n", err)
			return exitFailed
		}
		defer f.Close()
		in, source = plainReader{bufio.NewReader(f)}, *file
	case isTerminal(stdin):
		rl, err := readline.NewEx(&readline.Config{
			Prompt:                 prompt,
			HistoryFile:            historyFile(),
			DisableAutoSaveHistory: true, // statements are saved whole, not line by line
		})
		if err != nil {
			fmt.Fprintf(stderr, "ERROR: %v\n", err)
			return exitFailed
		}
		defer rl.Close()
		in, s.interactive = termReader{rl}, true
		fmt.Fprintf(stdout, "s3sql %s connected to %s\nStatements end with ';'. Type .help for help, Ctrl-D to exit.\n\n", buildVersion(), redactDSN(dsn))
	default:
		in = plainReader{bufio.NewReader(stdin)}
	}

	// Ctrl-C cancels the running statement. Between statements the terminal
	// reader gets it (it drops the line being typed); a script with nothing
	// running is stopped.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	defer signal.Stop(sigs)
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			select {
			case <-sigs:
				if !s.interrupt() && !s.interactive {
					os.Exit(130)
				}
			case <-done:
				return
			}
		}
	}()

	err = s.run(ctx, in, source, !s.interactive && !s.force)
	if err != nil && err != errQuit && !s.failed {
		fmt.Fprintf(stderr, "ERROR: %v\n", err) // reading the input failed
		return exitFailed
	}
	if s.failed && !s.interactive {
		return exitFailed
	}
	return exitOK
}

// redactDSN hides the secrets of a DSN for messages.
func redactDSN(dsn string) string {
	c, err := driver.ParseDSN(dsn)
	if err != nil {
		return "the database" // an unparsable DSN may hold secrets anywhere
	}
	return c.String()
}

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && readline.IsTerminal(int(f.Fd()))
}

func historyFile() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return "" // no history
	}
	return filepath.Join(home, ".s3sql_history")
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
