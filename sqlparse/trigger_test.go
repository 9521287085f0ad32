package sqlparse

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// dialectTriggers are the examples of the trigger section of DIALECT.md,
// verbatim.
const dialectTriggers = `CREATE TRIGGER stamp BEFORE INSERT ON orders FOR EACH ROW SET NEW.status = LOWER(NEW.status);
CREATE TRIGGER audit AFTER UPDATE ON orders FOR EACH ROW
  INSERT INTO audit (orderId, old, new) VALUES (NEW.id, OLD.status, NEW.status);
CREATE TRIGGER guard BEFORE DELETE ON orders FOR EACH ROW
  BEGIN IF OLD.status = 'paid' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'paid orders stay'; END IF; END;
CREATE TRIGGER notify AFTER INSERT ON orders FOR EACH ROW CALL notify_shipping(NEW.id);
DROP TRIGGER IF EXISTS notify;`

func TestTriggerDialect(t *testing.T) {
	col := func(table, name string) *ColumnRef { return &ColumnRef{Table: table, Name: name} }
	lines := strings.Split(dialectTriggers, "\n")
	want := []Statement{
		&CreateTrigger{
			Name: "stamp", Table: "orders", Timing: "BEFORE", Event: "INSERT",
			Body: []TriggerStmt{&SetNew{Column: "status", Value: &Func{Name: "LOWER", Args: []Expr{col("NEW", "status")}}, Pos: Pos{1, 63}}},
			Text: strings.TrimSuffix(lines[0], ";"),
		},
		&CreateTrigger{
			Name: "audit", Table: "orders", Timing: "AFTER", Event: "UPDATE",
			Body: []TriggerStmt{&Exec{Stmt: &Insert{
				Table: "audit", Columns: []string{"orderId", "old", "new"},
				Rows: [][]Expr{{col("NEW", "id"), col("OLD", "status"), col("NEW", "status")}},
			}, Pos: Pos{3, 3}}},
			Text: lines[1] + "\n" + strings.TrimSuffix(lines[2], ";"),
		},
		&CreateTrigger{
			Name: "guard", Table: "orders", Timing: "BEFORE", Event: "DELETE",
			Body: []TriggerStmt{&If{Branches: []IfBranch{{
				Cond: &Binary{Op: OpEQ, L: col("OLD", "status"), R: &Literal{"paid"}},
				Body: []TriggerStmt{&Signal{SQLState: "45000", Message: &Literal{"paid orders stay"}}},
			}}}},
			Text: lines[3] + "\n" + strings.TrimSuffix(lines[4], ";"),
		},
		&CreateTrigger{
			Name: "notify", Table: "orders", Timing: "AFTER", Event: "INSERT",
			Body: []TriggerStmt{&Call{Name: "notify_shipping", Args: []Expr{col("NEW", "id")}, Pos: Pos{6, 59}}},
			Text: strings.TrimSuffix(lines[5], ";"),
		},
		&DropTrigger{Name: "notify", IfExists: true},
	}
	got := mustParse(t, dialectTriggers)
	if len(got) != len(want) {
		t.Fatalf("got %d statements, want %d:\n%s", len(got), len(want), dump(got))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("statement %d:\n got %s\nwant %s", i, dump(got[i:i+1]), dump(want[i:i+1]))
		}
	}
}

// TestTriggerText checks that CreateTrigger.Text is the statement as
// written, and that parsing it again gives the same trigger: the catalog may
// store the text alone.
func TestTriggerText(t *testing.T) {
	for _, sql := range []string{
		"CREATE TRIGGER a BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1 -- trailing comment\n;",
		"create trigger a after update on t for each row\nbegin\n  call f(new.a, old.a); /* x */\nend /* after */ ;",
		"CREATE TRIGGER a BEFORE UPDATE ON t FOR EACH ROW IF NEW.a THEN SET NEW.b = 'x;y'; END IF",
	} {
		ct := mustParse(t, sql)[0].(*CreateTrigger)
		if !strings.HasPrefix(sql, ct.Text) || strings.TrimSpace(ct.Text) != ct.Text {
			t.Errorf("Text = %q, want a trimmed prefix of %q", ct.Text, sql)
		}
		if again := mustParse(t, ct.Text)[0]; !reflect.DeepEqual(again, ct) {
			t.Errorf("parsing Text again:\n got %s\nwant %s", dump([]Statement{again}), dump([]Statement{ct}))
		}
	}
}

func TestTriggerParams(t *testing.T) {
	stmts := mustParse(t, "SELECT ?;\nCREATE TRIGGER a AFTER INSERT ON t FOR EACH ROW BEGIN CALL f('?'); END;\nSELECT ?")
	if len(stmts) != 3 {
		t.Fatalf("got %d statements", len(stmts))
	}
	if n := NumParams(stmts); n != 2 {
		t.Errorf("NumParams = %d, want 2", n)
	}
	if p := stmts[2].(*Select).Fields[0].Expr.(*Param); p.Index != 1 {
		t.Errorf("second placeholder has index %d, want 1", p.Index)
	}
}

func TestTriggerErrors(t *testing.T) {
	const head = "CREATE TRIGGER t1 BEFORE UPDATE ON t FOR EACH ROW\n"
	tests := []struct {
		name      string
		sql       string
		msg       string
		line, col int
		near      string
	}{
		{"OLD in INSERT", "CREATE TRIGGER t1 AFTER INSERT ON t FOR EACH ROW\nBEGIN\n  CALL f(NEW.a);\n  IF NEW.a > 0 THEN\n    CALL g(old.a);\n  END IF;\nEND",
			"OLD is not available in an INSERT trigger", 5, 12, "old.a);"},
		{"NEW in DELETE", "CREATE TRIGGER t1 BEFORE DELETE ON t FOR EACH ROW\n  DELETE FROM log\n  WHERE id = OLD.id OR id = `new`.id",
			"NEW is not available in a DELETE trigger", 3, 29, "`new`.id"},
		{"SET NEW in DELETE", "CREATE TRIGGER t1 BEFORE DELETE ON t FOR EACH ROW SET NEW.a = 1",
			"NEW is not available in a DELETE trigger", 1, 55, "NEW.a = 1"},
		{"SET NEW in AFTER", "CREATE TRIGGER t1 AFTER INSERT ON t FOR EACH ROW\nBEGIN\n\tSET NEW.a = 1;\nEND",
			"updating of NEW row is not allowed in after trigger", 3, 6, "NEW.a = 1;"},
		{"second SET target", head + "  SET NEW.a = 1,\n      OLD.b = 2", "updating of OLD row is not allowed in trigger", 3, 7, "OLD.b = 2"},
		{"columns count characters", head + "BEGIN\n  /* é */ CALL f('ü', =);\nEND", "syntax error", 3, 23, "=);"},
		{"syntax in second body statement", head + "BEGIN\n  SET NEW.a = 1;\n  SET NEW.b = 2 +;\nEND", "syntax error", 4, 18, ";"},
		{"syntax at end of text", head + "SET NEW.a = 1 +", "syntax error: unexpected end of input", 2, 16, ""},
		{"unsupported expression", head + "  SET NEW.a = @v", "unsupported: user variable", 2, 15, "@v"},
		{"unsupported statement", head + "BEGIN\n  SET NEW.a = 1;\n  REPEAT SET NEW.a = 2; UNTIL 1 END REPEAT;\nEND", "unsupported: REPEAT in a trigger body", 4, 3, "REPEAT SET NEW.a = 2; UNTIL 1 END REPEAT"},
		{"RETURN", head + "RETURN 1", "unsupported: RETURN in a trigger body", 2, 1, "RETURN 1"},
		{"empty statement", head + "BEGIN\n  ;\nEND", "syntax error: empty statement", 3, 3, ";"},
		{"empty branch", head + "IF NEW.a THEN END IF", "syntax error: expected a statement", 2, 15, "END IF"},
		{"empty expression", head + "SET NEW.a = ;", "syntax error: expected an expression", 2, 13, ";"},
		{"two conditions", head + "IF NEW.a, NEW.b THEN SET NEW.a = 1; END IF", "syntax error: expected THEN", 2, 9, ", NEW.b THEN SET NEW.a = 1; END IF"},
		{"unclosed call", head + "CALL f(1, (2)", "syntax error: expected )", 2, 14, ""},
		{"named condition", head + "SIGNAL not_found", "unsupported: SIGNAL of a named condition", 2, 8, "not_found"},
		{"SQLSTATE lowercase", head + "SIGNAL SQLSTATE '4500a'", "bad SQLSTATE '4500a': want 5 digits or capital letters", 2, 17, "'4500a'"},
		{"SQLSTATE warning", head + "SIGNAL SQLSTATE '01000'", "unsupported: SIGNAL of a warning (SQLSTATE class '01')", 2, 17, "'01000'"},
		{"duplicate MESSAGE_TEXT", head + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a', MESSAGE_TEXT = 'b'", "duplicate MESSAGE_TEXT in SIGNAL", 2, 49, "MESSAGE_TEXT = 'b'"},
		{"placeholder", head + "BEGIN\n  UPDATE u SET a = ? WHERE id = NEW.id;\nEND", "a trigger body cannot hold placeholders: it is stored and runs later, with no arguments to bind", 3, 20, "? WHERE id = NEW.id;"},
		{"qualified hook", head + "CALL db.f()", "unsupported: database-qualified name", 2, 6, "db.f()"},
		{"missing ELSE body end", head + "IF NEW.a THEN SET NEW.a = 1; ELSE SET NEW.a = 2; END", "syntax error: expected IF", 2, 53, ""},
		{"trigger before a bad statement", "CREATE TRIGGER a AFTER INSERT ON t FOR EACH ROW CALL f();\nSELECT * FORM t", "syntax error", 2, 10, "FORM t"},
		{"bad trigger after a good statement", "SELECT 1;\n" + head + "CALL f(1", "syntax error: expected )", 3, 9, ""},
		{"DROP TRIGGER without name", "DROP TRIGGER IF EXISTS", "syntax error: expected a trigger name", 1, 23, ""},
		{"SHOW CREATE TRIGGER qualified", "SHOW CREATE TRIGGER db.t1", "unsupported: database-qualified name", 1, 21, "db.t1"},
		{"SHOW TRIGGERS FROM", "SHOW TRIGGERS FROM db", "unsupported: database name", 1, 15, "FROM db"},
		{"FOR EACH STATEMENT", "CREATE TRIGGER a AFTER INSERT ON t FOR EACH STATEMENT CALL f()", "syntax error: expected ROW", 1, 45, "STATEMENT CALL f()"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.sql)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%q) = %v (%T), want *Error", tt.sql, err, err)
			}
			want := Error{Pos: Pos{tt.line, tt.col}, Near: tt.near, Msg: tt.msg}
			if *e != want {
				t.Errorf("Parse(%q)\n got %+v\nwant %+v", tt.sql, *e, want)
			}
		})
	}
}

// FuzzTriggerText checks that the Text of every trigger that parses parses
// again into the same trigger: the catalog may store the text alone.
// Run with: go test -fuzz=FuzzTriggerText ./sqlparse/
func FuzzTriggerText(f *testing.F) {
	for _, c := range loadCorpus(f)["testdata/trigger.sql"] {
		f.Add(c.sql)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		stmts, err := Parse(sql)
		if err != nil {
			return
		}
		for _, s := range stmts {
			ct, ok := s.(*CreateTrigger)
			if !ok {
				continue
			}
			again, err := Parse(ct.Text)
			if err != nil {
				t.Fatalf("Text %q does not parse: %v", ct.Text, err)
			}
			if len(again) != 1 {
				t.Fatalf("Text %q parses into %d statements", ct.Text, len(again))
			}
			a, b := *ct, *again[0].(*CreateTrigger)
			a.Body, b.Body = clearPos(a.Body), clearPos(b.Body)
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("Text %q parses into\n%s\nnot\n%s", ct.Text, dump([]Statement{&b}), dump([]Statement{&a}))
			}
		}
	})
}

// clearPos zeroes the positions in body, in place.
func clearPos(body []TriggerStmt) []TriggerStmt {
	for _, s := range body {
		switch s := s.(type) {
		case *SetNew:
			s.Pos = Pos{}
		case *Call:
			s.Pos = Pos{}
		case *Exec:
			s.Pos = Pos{}
		case *If:
			for _, br := range s.Branches {
				clearPos(br.Body)
			}
			clearPos(s.Else)
		}
	}
	return body
}
