package driver

import (
	"context"
	"errors"
	"net"

	"github.com/s3db-go/s3db/crypto"
	"github.com/s3db-go/s3db/events"
	"github.com/s3db-go/s3db/planner"
	"github.com/s3db-go/s3db/planner/exec"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/record"
)

// Code classifies an Error for callers that branch on the kind of failure.
type Code string

const (
	CodeSyntax          Code = "syntax"           // the SQL text does not parse (Line/Col set)
	CodeUnsupported     Code = "unsupported"      // valid SQL that s3db does not support (yet)
	CodeNoSuchTable     Code = "no_such_table"    // a statement names a missing table
	CodeTableExists     Code = "table_exists"     // CREATE TABLE of an existing table
	CodeDuplicateKey    Code = "duplicate_key"    // INSERT of an existing primary key
	CodeInvalidValue    Code = "invalid_value"    // a value does not fit its column (type, length, range, NOT NULL)
	CodeInvalidQuery    Code = "invalid_query"    // unknown column, bad GROUP BY, wrong argument count, ...
	CodeInvalidDSN      Code = "invalid_dsn"      // a bad connection string or Config
	CodeStorage         Code = "storage"          // the object store failed or could not be reached
	CodeCanceled        Code = "canceled"         // the context was canceled or timed out
	CodeCorrupt         Code = "corrupt"          // a stored object cannot be decoded
	CodeTransactions    Code = "transactions"     // BEGIN/COMMIT/ROLLBACK (not supported yet)
	CodeInvalidArgument Code = "invalid_argument" // a bad query argument (e.g. sql.Named)
	CodeSignal          Code = "signal"           // a trigger's SIGNAL aborted the statement
	CodeHook            Code = "hook"             // a Go hook called by a trigger failed or is not registered
	CodeSecret          Code = "secret"           // no or a wrong passphrase, or a SECRET value that does not decrypt
)

// Error is the error type of every statement. Its message never contains
// credentials or the passphrase.
type Error struct {
	Code Code
	Msg  string // what failed, with context
	// Line and Col locate syntax errors in the SQL text (1-based; 0 if unknown).
	Line, Col int
	Err       error // the underlying error, for errors.Is/As
}

func (e *Error) Error() string {
	if e.Err == nil {
		return "s3db: " + e.Msg
	}
	if e.Msg == "" {
		return "s3db: " + e.Err.Error()
	}
	return "s3db: " + e.Msg + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// classify wraps err in an *Error with the best Code.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	code := CodeInvalidQuery
	var (
		syntax  *sqlparse.Error
		noTable *planner.NoSuchTableError
		exists  *exec.TableExistsError
		dup     *exec.DuplicateKeyError
		conv    *schema.ConversionError
		null    *exec.NullError
		signal  *exec.SignalError
		hook    *events.HookError
	)
	switch {
	case errors.As(err, &syntax):
		code = CodeSyntax
		if isUnsupported(syntax.Msg) {
			code = CodeUnsupported
		}
		return &Error{Code: code, Line: syntax.Pos.Line, Col: syntax.Pos.Col, Err: err}
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		code = CodeCanceled
	case errors.As(err, &noTable):
		code = CodeNoSuchTable
	case errors.As(err, &exists):
		code = CodeTableExists
	case errors.As(err, &dup):
		code = CodeDuplicateKey
	case errors.As(err, &conv), errors.As(err, &null):
		code = CodeInvalidValue
	case errors.Is(err, crypto.ErrNoKey), errors.Is(err, crypto.ErrWrongPassphrase), errors.Is(err, crypto.ErrAuth),
		errors.Is(err, crypto.ErrUnknownKey), errors.Is(err, crypto.ErrMalformed):
		code = CodeSecret
	case errors.As(err, &signal):
		code = CodeSignal
	case errors.As(err, &hook):
		code = CodeHook
	case errors.Is(err, ErrInvalidDSN):
		code = CodeInvalidDSN
	case errors.Is(err, planner.ErrTransactions):
		code = CodeTransactions
	case errors.Is(err, record.ErrCorrupt):
		code = CodeCorrupt
	case isStorage(err):
		code = CodeStorage
	}
	return &Error{Code: code, Err: err}
}

func isStorage(err error) bool {
	for _, s := range []error{storage.ErrNotFound, storage.ErrPreconditionFailed, storage.ErrMetadataTooLarge, storage.ErrInvalidKey, storage.ErrInvalidMetadata} {
		if errors.Is(err, s) {
			return true
		}
	}
	var netErr net.Error
	return errors.As(err, &netErr)
}

func isUnsupported(msg string) bool {
	return len(msg) >= len("unsupported") && msg[:len("unsupported")] == "unsupported"
}
