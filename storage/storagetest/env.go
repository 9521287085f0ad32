package storagetest

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"testing"
)

// S3FromEnv returns the S3 server tests should use, from S3DB_TEST_ENDPOINT,
// S3DB_TEST_ACCESS_KEY, S3DB_TEST_SECRET_KEY and S3DB_TEST_REGION (default
// us-east-1). Without an endpoint it skips the test, unless S3DB_REQUIRE_S3=1
// (as in CI), when it fails it so that S3 tests can never skip silently.
func S3FromEnv(t testing.TB) (endpoint, accessKey, secretKey, region string) {
	t.Helper()
	endpoint = os.Getenv("S3DB_TEST_ENDPOINT")
	if endpoint == "" {
		const how = "start a server with `eval \"$(scripts/s3-server.sh start)\"` and set S3DB_TEST_ENDPOINT=$S3_ENDPOINT S3DB_TEST_ACCESS_KEY=$S3_ACCESS_KEY S3DB_TEST_SECRET_KEY=$S3_SECRET_KEY"
		if os.Getenv("S3DB_REQUIRE_S3") == "1" {
			t.Fatal("S3DB_REQUIRE_S3=1 but S3DB_TEST_ENDPOINT is empty: " + how)
		}
		t.Skip("S3DB_TEST_ENDPOINT is empty; to test against S3, " + how)
	}
	return endpoint, os.Getenv("S3DB_TEST_ACCESS_KEY"), os.Getenv("S3DB_TEST_SECRET_KEY"),
		cmp.Or(os.Getenv("S3DB_TEST_REGION"), "us-east-1")
}

// BucketName returns a valid, unique S3 bucket name derived from the test's
// name, such as "s3db-testput-3f9a0c1d2b4e".
func BucketName(t testing.TB) string {
	var name strings.Builder
	for _, r := range strings.ToLower(t.Name()) {
		if name.Len() == 36 {
			break
		}
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			name.WriteRune(r)
		}
	}
	random := make([]byte, 6)
	rand.Read(random)
	return "s3db-" + name.String() + "-" + hex.EncodeToString(random)
}
