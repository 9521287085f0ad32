package s3

import (
	"errors"
	"fmt"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"

	"github.com/s3db-go/s3db/storage"
)

// errorCode returns the S3 error code of err ("NoSuchKey"), or "".
func errorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// mapError turns S3 answers into the storage sentinels (see the package doc)
// and leaves other errors, cancellation included, as they are.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	status := 0
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		status = re.HTTPStatusCode()
	}
	var sentinel error
	switch code := errorCode(err); {
	case code == "NoSuchKey" || code == "NotFound" || status == 404 && code != "NoSuchBucket":
		sentinel = storage.ErrNotFound
	case code == "PreconditionFailed" || code == "ConditionalRequestConflict" || status == 412:
		sentinel = storage.ErrPreconditionFailed
	case code == "MetadataTooLarge":
		sentinel = storage.ErrMetadataTooLarge
	case code == "KeyTooLongError":
		sentinel = storage.ErrInvalidKey
	default:
		return err
	}
	return fmt.Errorf("%w (HTTP %d %s)", sentinel, status, errorCode(err))
}
