package bench

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	s3db "github.com/s3db-go/s3db/storage/s3"
)

// raw is the baseline: aws-sdk-go-v2 calls that make the minimum requests for
// each operation, through a client built as storage/s3 builds s3db's (path
// style, static credentials, checksums only when required, a kept-alive pool
// of s3db.DefaultConcurrency connections).
type raw struct {
	client   *s3.Client
	bucket   string
	requests atomic.Int64
}

func newRaw(ctx context.Context, endpoint, accessKey, secretKey, region, bucket string) (*raw, error) {
	cfg, err := config.LoadDefaultConfig(ctx,
		config.WithRegion(region),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(accessKey, secretKey, "")),
		config.WithHTTPClient(awshttp.NewBuildableClient().WithTransportOptions(func(tr *http.Transport) {
			tr.MaxIdleConns = max(100, s3db.DefaultConcurrency)
			tr.MaxIdleConnsPerHost = s3db.DefaultConcurrency
		})))
	if err != nil {
		return nil, err
	}
	client := s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.BaseEndpoint = aws.String(endpoint)
		o.UsePathStyle = true
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
		o.DisableLogOutputChecksumValidationSkipped = true
	})
	return &raw{client: client, bucket: bucket}, nil
}

// get reads one object, body included, and returns its user metadata.
func (r *raw) get(ctx context.Context, key string) (map[string]string, error) {
	r.requests.Add(1)
	out, err := r.client.GetObject(ctx, &s3.GetObjectInput{Bucket: &r.bucket, Key: &key})
	if err != nil {
		return nil, err
	}
	defer out.Body.Close()
	_, err = io.Copy(io.Discard, out.Body)
	return out.Metadata, err
}

// create writes a new object with If-None-Match: * and, like an s3db row, a
// random 16-byte body.
func (r *raw) create(ctx context.Context, key string, meta map[string]string) error {
	r.requests.Add(1)
	body := make([]byte, 16)
	rand.Read(body)
	_, err := r.client.PutObject(ctx, &s3.PutObjectInput{
		Bucket: &r.bucket, Key: &key, Body: bytes.NewReader(body), ContentLength: aws.Int64(16),
		Metadata: meta, IfNoneMatch: aws.String("*"),
	})
	return err
}

// list calls fn with each page of keys under prefix (ListObjectsV2, 1,000 keys a page).
func (r *raw) list(ctx context.Context, prefix string, fn func(keys []string) error) error {
	p := s3.NewListObjectsV2Paginator(r.client, &s3.ListObjectsV2Input{Bucket: &r.bucket, Prefix: &prefix})
	for p.HasMorePages() {
		r.requests.Add(1)
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		keys := make([]string, len(page.Contents))
		for i, o := range page.Contents {
			keys[i] = aws.ToString(o.Key)
		}
		if err := fn(keys); err != nil {
			return err
		}
	}
	return nil
}

// count is COUNT(*): LIST only.
func (r *raw) count(ctx context.Context, prefix string) (int, error) {
	n := 0
	err := r.list(ctx, prefix, func(keys []string) error { n += len(keys); return nil })
	return n, err
}

// scan reads every object under prefix: LIST pages, and a GET per key with
// at most concurrency in flight, started while the next page is listed.
func (r *raw) scan(ctx context.Context, prefix string, concurrency int) (int, error) {
	var (
		wg    sync.WaitGroup
		sem   = make(chan struct{}, concurrency)
		rows  atomic.Int64
		first atomic.Pointer[error]
	)
	err := r.list(ctx, prefix, func(keys []string) error {
		for _, key := range keys {
			sem <- struct{}{}
			wg.Go(func() {
				defer func() { <-sem }()
				if _, err := r.get(ctx, key); err != nil {
					first.CompareAndSwap(nil, &err)
					return
				}
				rows.Add(1)
			})
		}
		return nil
	})
	wg.Wait()
	if p := first.Load(); p != nil && err == nil {
		err = *p
	}
	return int(rows.Load()), err
}
