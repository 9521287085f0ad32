package main

import (
	"strings"
	"testing"
)

func TestExample(t *testing.T) {
	var out strings.Builder
	if err := run("mem://", &out); err != nil {
		t.Fatal(err)
	}
	want := `event: insert users old=<nil> new=ana@example.com
event: update users old=ana@example.com new=ana@example.org
refused by the hook: s3db: trigger clean: hook normalize_email: "not-an-email" is not an email address
audit: ana changed email from ana@example.com to ana@example.org
`
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}
