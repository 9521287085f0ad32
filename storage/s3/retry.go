package s3

import (
	"errors"
	"net"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
)

// maxBackoff caps the delay between two attempts.
const maxBackoff = 5 * time.Second

// newRetryer returns the SDK's standard retryer (exponential backoff with
// full jitter) making at most attempts attempts. With conditional set it
// retries only failures that prove the server did not act (see doc.go).
// The retry token bucket is off: a burst of throttling under high
// concurrency should slow requests down, not fail them.
func newRetryer(attempts int, conditional bool) aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = attempts
		o.MaxBackoff = maxBackoff
		o.RateLimiter = ratelimit.None
		if conditional {
			o.Retryables = []retry.IsErrorRetryable{retry.NoRetryCanceledError{}, retry.IsErrorRetryableFunc(notActedOn)}
		} else {
			o.Retryables = append(o.Retryables, retry.IsErrorRetryableFunc(pathRace))
		}
	})
}

// pathRace reports a refusal that servers storing objects as files (versitygw's
// posix backend) give when a concurrent DELETE removes the folder of a key
// that a PUT is creating: ExistingObjectIsDirectory, ObjectParentIsFile. The
// request was refused, so trying again is safe; it then succeeds.
func pathRace(err error) aws.Ternary {
	switch errorCode(err) {
	case "ExistingObjectIsDirectory", "ObjectParentIsFile":
		return aws.TrueTernary
	}
	return aws.UnknownTernary
}

// notActedOn reports whether err proves that the server did not act on the
// request: it was throttled, it timed out waiting for the request
// (RequestTimeout), the connection was never made, or a path race refused it.
func notActedOn(err error) aws.Ternary {
	if pathRace(err) == aws.TrueTernary {
		return aws.TrueTernary
	}
	code := errorCode(err)
	if _, throttled := retry.DefaultThrottleErrorCodes[code]; throttled || code == "RequestTimeout" {
		return aws.TrueTernary
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return aws.TrueTernary
	}
	return aws.FalseTernary
}
