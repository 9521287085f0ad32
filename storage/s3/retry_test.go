package s3

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go"
)

// TestPathRaceRetried: the refusals a file-backed server gives when a
// concurrent DELETE removes a key's folder are retried, also for conditional
// writes (the server did not act); other conflicts are not.
func TestPathRaceRetried(t *testing.T) {
	for _, c := range []struct {
		code string
		want aws.Ternary
	}{
		{"ExistingObjectIsDirectory", aws.TrueTernary},
		{"ObjectParentIsFile", aws.TrueTernary},
		{"PreconditionFailed", aws.FalseTernary},
		{"InternalError", aws.FalseTernary},
	} {
		err := &smithy.GenericAPIError{Code: c.code}
		if got := notActedOn(err); got != c.want {
			t.Errorf("notActedOn(%s) = %v, want %v", c.code, got, c.want)
		}
		if got := newRetryer(3, false).IsErrorRetryable(err); c.want == aws.TrueTernary && !got {
			t.Errorf("unconditional requests do not retry %s", c.code)
		}
	}
	if notActedOn(errors.New("plain")) != aws.FalseTernary {
		t.Error("a plain error counted as not acted on")
	}
}
