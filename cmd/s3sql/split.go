package main

import "strings"

// A splitter cuts SQL text, fed a line at a time, into statements ending at
// ';'. A ';' inside '...', "..." or `...` (with backslash escapes in the
// first two, doubled quotes in all three), in a -- or # comment or in a
// /* */ comment does not end a statement. Comments are dropped (a block
// comment becomes a space) except /*! ... */ and /*+ ... */, which the server
// reads, as the mysql client does.
//
// Inside CREATE TRIGGER the body may be a BEGIN ... END block of statements:
// there a ';' ends the statement only outside BEGIN/CASE ... END, like the
// sqlite shell does for triggers, so no DELIMITER command is needed.
type splitter struct {
	buf   strings.Builder // the statement so far
	state byte            // 0, a quote character, '-' (line comment), '*' (dropped block comment) or '!' (kept one)
	line  int             // lines fed so far
	start int             // line where the pending statement starts

	// Compound statement tracking (CREATE TRIGGER ... BEGIN ... END).
	word     strings.Builder // the keyword being read
	words    int             // words seen in this statement
	create   bool            // the statement starts with CREATE
	compound bool            // ... and is CREATE TRIGGER (or PROCEDURE, FUNCTION, EVENT)
	depth    int             // open BEGIN/CASE blocks
	afterEnd bool            // the last token was END
}

// A statement is the SQL text of one statement and the line it starts on.
type statement struct {
	sql  string
	line int
}

// feed adds a line (without its newline) and returns the statements it
// completes.
func (s *splitter) feed(line string) []statement {
	s.line++
	var out []statement
	text := line + "\n"
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch s.state {
		case '-':
			if c == '\n' {
				s.state = 0
				s.write(c)
			}
			continue
		case '*', '!':
			if s.state == '!' {
				s.write(c)
			}
			if c == '*' && i+1 < len(text) && text[i+1] == '/' {
				if s.state == '!' {
					s.write('/')
				} else {
					s.write(' ')
				}
				s.state = 0
				i++
			}
			continue
		case '\'', '"', '`':
			s.write(c)
			if c == '\\' && s.state != '`' && i+1 < len(text) {
				i++
				s.write(text[i])
			} else if c == s.state {
				s.state = 0
			}
			continue
		}
		if isWordByte(c) {
			s.word.WriteByte(c)
			s.write(c)
			continue
		}
		s.endWord()
		if !isSpace(c) {
			s.afterEnd = false
		}
		switch {
		case c == '\'' || c == '"' || c == '`':
			s.state = c
			s.write(c)
		case c == '#' || c == '-' && strings.HasPrefix(text[i:], "--") && i+2 < len(text) && isSpace(text[i+2]):
			s.state = '-'
		case c == '/' && strings.HasPrefix(text[i:], "/*"):
			if i+2 < len(text) && (text[i+2] == '!' || text[i+2] == '+') {
				s.state = '!'
				s.write('/')
				s.write('*')
			} else {
				s.state = '*'
			}
			i++
		case c == ';' && s.depth <= 0:
			if sql := strings.TrimSpace(s.buf.String()); sql != "" {
				out = append(out, statement{sql, s.start})
			}
			s.reset()
		default:
			s.write(c)
		}
	}
	return out
}

// write appends c to the statement, dropping leading space and noting the
// line where the statement starts.
func (s *splitter) write(c byte) {
	if s.buf.Len() == 0 {
		if isSpace(c) {
			return
		}
		s.start = s.line
	}
	s.buf.WriteByte(c)
}

// endWord handles the word just read, to find the end of a CREATE TRIGGER
// whose body is a BEGIN ... END block.
func (s *splitter) endWord() {
	if s.word.Len() == 0 {
		return
	}
	w := strings.ToUpper(s.word.String())
	s.word.Reset()
	if s.words++; s.words == 1 {
		s.create = w == "CREATE"
		return
	}
	if !s.compound {
		s.compound = s.create && (w == "TRIGGER" || w == "PROCEDURE" || w == "FUNCTION" || w == "EVENT")
		return
	}
	if s.afterEnd {
		s.afterEnd = false
		switch w {
		case "IF", "WHILE", "LOOP", "REPEAT":
			s.depth++ // END IF closes an IF that was not counted
			return
		case "CASE":
			return // END CASE closes a CASE that was counted
		}
	}
	switch w {
	case "BEGIN", "CASE":
		s.depth++
	case "END":
		s.depth--
		s.afterEnd = true
	}
}

// pending reports whether a statement is incomplete: the continuation
// prompt is shown then.
func (s *splitter) pending() bool {
	return s.state != 0 || s.buf.Len() > 0
}

// flush returns the unterminated statement at the end of input, if any.
func (s *splitter) flush() []statement {
	s.endWord()
	sql, start := strings.TrimSpace(s.buf.String()), s.start
	s.reset()
	if sql == "" {
		return nil
	}
	return []statement{{sql, start}}
}

// reset forgets the pending statement (Ctrl-C at the prompt, or after a ';').
func (s *splitter) reset() {
	line := s.line
	*s = splitter{line: line}
}

// split returns the statements of a whole script, the last one possibly
// without ';'.
func split(script string) []statement {
	var s splitter
	var out []statement
	for line := range strings.Lines(script) {
		out = append(out, s.feed(strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"))...)
	}
	return append(out, s.flush()...)
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '$' || c >= 0x80
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}
