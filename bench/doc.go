// Package bench holds s3db's benchmarks against a real S3 server, each
// measured against raw aws-sdk-go-v2 calls that make the minimum requests
// for the same work, on the same server, in the same run.
//
// Run them with `make bench` (which starts versitygw) or by hand:
//
//	eval "$(scripts/s3-server.sh start)"
//	export S3DB_TEST_ENDPOINT=$S3_ENDPOINT S3DB_TEST_ACCESS_KEY=$S3_ACCESS_KEY S3DB_TEST_SECRET_KEY=$S3_SECRET_KEY
//	go test -run '^$' -bench . ./bench/
//
// A comparison runs b.N operations on each side, alternating between raw and
// s3db in short phases so that both see the same machine, and reports
// raw-ns/op and s3db-ns/op, raw-req/op and s3db-req/op (S3 requests per
// operation), raw-rows/s and s3db-rows/s, and ratio: s3db's throughput as a
// fraction of raw's. Sizes are set by environment variables:
//
//	S3DB_BENCH_SCAN_ROWS   rows of the table PointSelect, FullScan, CountStar and PartitionLookup10 read (default 1000)
//	S3DB_BENCH_MEM_ROWS    rows ScanMemory scans (default 20000)
//	S3DB_BENCH_SCALE       table sizes of Scale (default "1000,10000")
//
// Without S3DB_TEST_ENDPOINT the benchmarks skip. docs/PERFORMANCE.md holds
// the figures and the command behind each.
package bench
