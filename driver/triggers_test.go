package driver_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	s3db "github.com/s3db-go/s3db/driver"
	"github.com/s3db-go/s3db/events"
)

// openWith opens a DSN through a connector with options (hooks, listeners).
func openWith(t *testing.T, dsn string, opts ...s3db.Option) *sql.DB {
	t.Helper()
	db, _ := connect(t, dsn, opts...)
	return db
}

// TestTriggers runs the DIALECT.md trigger examples, a Go hook and
// listeners on every backend, and checks that a second client runs the
// stored triggers too.
func TestTriggers(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			var (
				mu       sync.Mutex
				shipped  []any
				received []string
			)
			notify := s3db.WithHook("notify_shipping", func(ctx context.Context, c *events.Call) error {
				mu.Lock()
				defer mu.Unlock()
				shipped = append(shipped, c.Args...)
				return nil
			})
			listen := s3db.WithListener(0, func(ev events.Event) {
				mu.Lock()
				defer mu.Unlock()
				received = append(received, fmt.Sprintf("%s %s %v->%v", ev.Kind, ev.Table, ev.Old["status"], ev.New["status"]))
			})
			db := openWith(t, dsn, notify, listen)
			mustExec(t, db, `CREATE TABLE orders (id VARCHAR(10) PRIMARY KEY, status VARCHAR(10) NOT NULL)`)
			mustExec(t, db, `CREATE TABLE audit (id VARCHAR(22) PRIMARY KEY, orderId VARCHAR(10), old VARCHAR(10), new VARCHAR(10))`)
			mustExec(t, db, `CREATE TRIGGER stamp BEFORE INSERT ON orders FOR EACH ROW SET NEW.status = LOWER(NEW.status)`)
			mustExec(t, db, `CREATE TRIGGER audit AFTER UPDATE ON orders FOR EACH ROW
  INSERT INTO audit (orderId, old, new) VALUES (NEW.id, OLD.status, NEW.status)`)
			mustExec(t, db, `CREATE TRIGGER guard BEFORE DELETE ON orders FOR EACH ROW
  BEGIN IF OLD.status = 'paid' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'paid orders stay'; END IF; END`)
			mustExec(t, db, `CREATE TRIGGER notify AFTER INSERT ON orders FOR EACH ROW CALL notify_shipping(NEW.id)`)

			mustExec(t, db, `INSERT INTO orders VALUES ('o1', 'NEW'), ('o2', 'PAID')`)
			wantRows(t, db, "o1,new;o2,paid", `SELECT id, status FROM orders ORDER BY id`)
			mustExec(t, db, `UPDATE orders SET status = 'shipped' WHERE id = 'o1'`)
			wantRows(t, db, "o1,new,shipped", `SELECT orderId, old, new FROM audit`)
			_, err := db.Exec(`DELETE FROM orders WHERE id = 'o2'`)
			var e *s3db.Error
			if !errors.As(err, &e) || e.Code != s3db.CodeSignal || !strings.Contains(err.Error(), "SQLSTATE 45000: paid orders stay") {
				t.Fatalf("guard: got %v", err)
			}
			wantRows(t, db, "2", `SELECT COUNT(*) FROM orders`)
			mustExec(t, db, `DELETE FROM orders WHERE id = 'o1'`)

			mu.Lock()
			if fmt.Sprint(shipped) != "[o1 o2]" {
				t.Errorf("hook got %v, want [o1 o2]", shipped)
			}
			got := strings.Join(received, "; ")
			mu.Unlock()
			for _, want := range []string{"insert orders <nil>->new", "insert orders <nil>->paid", "update orders new->shipped", "insert audit", "delete orders shipped-><nil>"} {
				if !strings.Contains(got, want) {
					t.Errorf("listener events %q lack %q", got, want)
				}
			}

			if got := showTriggers(t, db); got != "stamp BEFORE INSERT orders;audit AFTER UPDATE orders;guard BEFORE DELETE orders;notify AFTER INSERT orders" {
				t.Errorf("SHOW TRIGGERS: %s", got)
			}
			wantRows(t, db, "notify,CREATE TRIGGER notify AFTER INSERT ON orders FOR EACH ROW CALL notify_shipping(NEW.id)", `SHOW CREATE TRIGGER notify`)

			// A second client (no hook registered) runs the stored triggers:
			// stamp lowercases, and notify fails clearly for want of its hook.
			other := open(t, dsn)
			_, err = other.Exec(`INSERT INTO orders VALUES ('o3', 'NEW')`)
			if !errors.As(err, &e) || e.Code != s3db.CodeHook || !strings.Contains(err.Error(), "notify_shipping") {
				t.Fatalf("unregistered hook: got %v", err)
			}
			// An AFTER trigger's failure does not undo the row (S3 has no transactions).
			wantRows(t, other, "new", `SELECT status FROM orders WHERE id = 'o3'`)
			mustExec(t, other, `DROP TRIGGER notify`)
			mustExec(t, other, `INSERT INTO orders VALUES ('o4', 'NEW')`)
			wantRows(t, other, "new", `SELECT status FROM orders WHERE id = 'o4'`)
			if got := showTriggers(t, other); strings.Contains(got, "notify") {
				t.Errorf("dropped trigger still listed: %s", got)
			}
		})
	}
}

// showTriggers lists "name timing event table" per trigger, in SHOW TRIGGERS order.
func showTriggers(t *testing.T, db *sql.DB) string {
	t.Helper()
	var out []string
	for _, r := range queryRows(t, db, `SHOW TRIGGERS`) {
		out = append(out, r[0]+" "+r[4]+" "+r[1]+" "+r[2])
	}
	return strings.Join(out, ";")
}

func TestTriggerOrderHooksAndErrors(t *testing.T) {
	hookSets := s3db.WithHook("upper_name", func(ctx context.Context, c *events.Call) error {
		v, _ := c.New.Get("name")
		if v == "forbidden" {
			return errors.New("name is forbidden")
		}
		return c.New.Set("name", strings.ToUpper(fmt.Sprint(v)))
	})
	db := openWith(t, "mem://", hookSets)
	mustExec(t, db, `CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20), log VARCHAR(50) DEFAULT '')`)
	mustExec(t, db, `CREATE TABLE other (id VARCHAR(22) PRIMARY KEY, ref INT)`)
	mustExec(t, db, `CREATE TRIGGER a BEFORE INSERT ON t FOR EACH ROW SET NEW.log = CONCAT(NEW.log, 'a')`)
	mustExec(t, db, `CREATE TRIGGER c BEFORE INSERT ON t FOR EACH ROW SET NEW.log = CONCAT(NEW.log, 'c')`)
	mustExec(t, db, `CREATE TRIGGER b BEFORE INSERT ON t FOR EACH ROW FOLLOWS a SET NEW.log = CONCAT(NEW.log, 'b')`)
	mustExec(t, db, `CREATE TRIGGER z BEFORE INSERT ON t FOR EACH ROW PRECEDES a CALL upper_name()`)
	mustExec(t, db, `INSERT INTO t (id, name) VALUES (1, 'ana')`)
	wantRows(t, db, "ANA,abc", `SELECT name, log FROM t`)
	_, err := db.Exec(`INSERT INTO t (id, name) VALUES (2, 'forbidden')`)
	wantErr(t, err, "name is forbidden")
	wantRows(t, db, "1", `SELECT COUNT(*) FROM t`)

	for _, c := range []struct{ sql, err string }{
		{`CREATE TRIGGER x BEFORE INSERT ON nope FOR EACH ROW SET NEW.a = 1`, "table 'nope' doesn't exist"},
		{`CREATE TRIGGER x BEFORE DELETE ON t FOR EACH ROW SET @a = NEW.id`, ""},
		{`CREATE TRIGGER x AFTER DELETE ON t FOR EACH ROW INSERT INTO other (ref) VALUES (NEW.id)`, "NEW is not available in a DELETE trigger"},
		{`CREATE TRIGGER x AFTER INSERT ON t FOR EACH ROW INSERT INTO other (ref) VALUES (OLD.id)`, "OLD is not available in an INSERT trigger"},
		{`CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW SET NEW.nope = 1`, "unknown column 'nope' in 'NEW'"},
		{`CREATE TRIGGER a BEFORE UPDATE ON t FOR EACH ROW SET NEW.log = 'x'`, "trigger 'a' already exists"},
		{`CREATE TRIGGER x AFTER INSERT ON t FOR EACH ROW INSERT INTO t (id) VALUES (NEW.id + 100)`, "trigger cycle"},
		{`CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW FOLLOWS nope SET NEW.log = 'x'`, "nope"},
		{`DROP TRIGGER nope`, "trigger 'nope' does not exist"},
	} {
		_, err := db.Exec(c.sql)
		wantErr(t, err, c.err)
	}
	// A cycle through two tables is found too.
	mustExec(t, db, `CREATE TRIGGER t2o AFTER UPDATE ON t FOR EACH ROW INSERT INTO other (ref) VALUES (NEW.id)`)
	_, err = db.Exec(`CREATE TRIGGER o2t AFTER INSERT ON other FOR EACH ROW UPDATE t SET log = 'loop' WHERE id = NEW.ref`)
	wantErr(t, err, "trigger cycle")
	mustExec(t, db, `DROP TRIGGER IF EXISTS nope`)
}

// TestTriggerTimings covers the timings and events the DIALECT examples do
// not: BEFORE UPDATE changing NEW, AFTER DELETE writing another table, and an
// asynchronous listener, on every backend.
func TestTriggerTimings(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			got := make(chan events.Event, 16)
			db := openWith(t, b.dsn(t), s3db.WithListener(events.Update|events.Delete, func(ev events.Event) { got <- ev }, events.Async(8)))
			mustExec(t, db, `CREATE TABLE items (id INT PRIMARY KEY, qty INT NOT NULL, note VARCHAR(20))`)
			mustExec(t, db, `CREATE TABLE gone (id VARCHAR(22) PRIMARY KEY, itemId INT, qty INT)`)
			mustExec(t, db, `CREATE TRIGGER clamp BEFORE UPDATE ON items FOR EACH ROW
				BEGIN
				  IF NEW.qty < 0 THEN SET NEW.qty = 0, NEW.note = 'clamped';
				  ELSEIF NEW.qty > 100 THEN SIGNAL SQLSTATE '45001' SET MESSAGE_TEXT = CONCAT('too many: ', NEW.qty);
				  END IF;
				END`)
			mustExec(t, db, `CREATE TRIGGER keep AFTER DELETE ON items FOR EACH ROW INSERT INTO gone (itemId, qty) VALUES (OLD.id, OLD.qty)`)
			mustExec(t, db, `INSERT INTO items VALUES (1, 5, NULL), (2, 7, NULL)`)
			mustExec(t, db, `UPDATE items SET qty = qty - 10`)
			wantRows(t, db, "1,0,clamped;2,0,clamped", `SELECT id, qty, note FROM items ORDER BY id`)
			_, err := db.Exec(`UPDATE items SET qty = 500 WHERE id = 1`)
			wantErr(t, err, "SQLSTATE 45001: too many: 500")
			mustExec(t, db, `DELETE FROM items WHERE id = 2`)
			wantRows(t, db, "2,0", `SELECT itemId, qty FROM gone`)
			var kinds []string
			for len(kinds) < 3 {
				ev := <-got
				kinds = append(kinds, fmt.Sprintf("%s %s %v", ev.Kind, ev.Table, ev.Old["id"]))
			}
			if s := strings.Join(kinds, ","); !strings.Contains(s, "delete items 2") || strings.Count(s, "update items") != 2 {
				t.Errorf("async listener got %s", s)
			}
		})
	}
}
