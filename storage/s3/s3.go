package s3

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3db-go/s3db/storage"
)

// Config configures Open. Only Bucket is required.
type Config struct {
	Bucket string
	// Endpoint is the URL of an S3-compatible server, such as
	// "http://127.0.0.1:7070"; empty means AWS.
	Endpoint string
	// Region is the signing region; empty means the AWS default chain
	// (AWS_REGION, shared config), falling back to us-east-1.
	Region string
	// AccessKey, SecretKey and SessionToken are static credentials; with an
	// empty AccessKey the AWS default credential chain is used.
	AccessKey, SecretKey, SessionToken string
	// PathStyle addresses the bucket as endpoint/bucket/key instead of
	// bucket.endpoint/key, as most self-hosted servers need.
	PathStyle bool
	// Concurrency bounds the requests in flight (0 means 32) and sizes the
	// pool of kept-alive connections.
	Concurrency int
	// Retries is how many times a failed request is retried: 0 means 3 and a
	// negative value none. See the package doc for conditional writes.
	Retries int
	// Timeout bounds each HTTP attempt, reading the body included; 0 means none.
	Timeout time.Duration
	// CreateBucket makes Open create the bucket if it does not exist.
	CreateBucket bool
	// HTTPClient replaces the client Open builds (Timeout still applies to a
	// copy of it); its transport is used as is, so it should keep at least
	// Concurrency idle connections per host.
	HTTPClient *http.Client
}

// Default values of Config fields left zero.
const (
	DefaultConcurrency = 32
	DefaultRetries     = 3
	DefaultRegion      = "us-east-1"
)

// Bucket is a storage.Bucket in an S3 bucket. It is safe for concurrent use.
type Bucket struct {
	client *awss3.Client
	bucket string
	desc   string        // for String and errors
	sem    chan struct{} // one slot per request in flight
	// conditional replaces the retryer for conditional writes (see doc.go).
	conditional func(*awss3.Options)
	transport   *http.Transport // ours to close; nil with Config.HTTPClient
}

var _ storage.Bucket = (*Bucket)(nil)

// Open connects to the bucket cfg names and checks that it exists (or
// creates it, with CreateBucket); a missing bucket is storage.ErrNotFound.
func Open(ctx context.Context, cfg Config) (*Bucket, error) {
	b := &Bucket{bucket: cfg.Bucket, desc: describe(cfg)}
	if err := b.open(ctx, cfg); err != nil {
		b.Close()
		return nil, fmt.Errorf("open %s: %w", b.desc, err)
	}
	return b, nil
}

func describe(cfg Config) string {
	if cfg.Endpoint == "" {
		return fmt.Sprintf("s3://%s (AWS)", cfg.Bucket)
	}
	endpoint := cfg.Endpoint
	if u, err := url.Parse(endpoint); err == nil {
		u.User = nil // never show credentials someone put in the URL
		endpoint = u.String()
	}
	return fmt.Sprintf("s3://%s (endpoint %s)", cfg.Bucket, endpoint)
}

func (b *Bucket) open(ctx context.Context, cfg Config) error {
	if cfg.Bucket == "" {
		return errors.New("no bucket name")
	}
	if cfg.Endpoint != "" && !strings.Contains(cfg.Endpoint, "://") {
		return fmt.Errorf("endpoint %q is not a URL such as http://host:port", cfg.Endpoint)
	}
	concurrency := cfg.Concurrency
	if concurrency <= 0 {
		concurrency = DefaultConcurrency
	}
	b.sem = make(chan struct{}, concurrency)
	attempts := 1 + DefaultRetries
	if cfg.Retries != 0 {
		attempts = 1 + max(cfg.Retries, 0)
	}
	// Our client goes through LoadDefaultConfig, which adds AWS_CA_BUNDLE to
	// it; then we take its transport, to own it and close it.
	opts := []func(*config.LoadOptions) error{
		config.WithRetryer(func() aws.Retryer { return newRetryer(attempts, false) }),
	}
	if cfg.HTTPClient == nil {
		opts = append(opts, config.WithHTTPClient(awshttp.NewBuildableClient().WithTransportOptions(func(tr *http.Transport) {
			tr.MaxIdleConns = max(100, concurrency)
			tr.MaxIdleConnsPerHost = concurrency
		})))
	}
	if cfg.Region != "" {
		opts = append(opts, config.WithRegion(cfg.Region))
	}
	if cfg.AccessKey != "" {
		opts = append(opts, config.WithCredentialsProvider(
			credentials.NewStaticCredentialsProvider(cfg.AccessKey, cfg.SecretKey, cfg.SessionToken)))
	}
	awsCfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return fmt.Errorf("load AWS config: %w", err)
	}
	if awsCfg.Region == "" {
		awsCfg.Region = DefaultRegion
	}
	var httpClient http.Client
	if cfg.HTTPClient != nil {
		httpClient = *cfg.HTTPClient
	} else {
		built, ok := awsCfg.HTTPClient.(*awshttp.BuildableClient)
		if !ok {
			return fmt.Errorf("unexpected HTTP client %T from the AWS config", awsCfg.HTTPClient)
		}
		b.transport = built.GetTransport()
		httpClient = http.Client{Transport: b.transport, CheckRedirect: noRedirects}
	}
	if cfg.Timeout > 0 {
		httpClient.Timeout = cfg.Timeout // per attempt, reading the body included
	}
	awsCfg.HTTPClient = &httpClient
	b.client = awss3.NewFromConfig(awsCfg, func(o *awss3.Options) {
		if cfg.Endpoint != "" {
			o.BaseEndpoint = aws.String(cfg.Endpoint)
		}
		o.UsePathStyle = cfg.PathStyle
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
		o.DisableLogOutputChecksumValidationSkipped = true
	})
	condRetryer := newRetryer(attempts, true)
	b.conditional = func(o *awss3.Options) { o.Retryer = condRetryer }

	if err := b.acquire(ctx); err != nil {
		return err
	}
	defer b.release()
	if cfg.CreateBucket {
		in := &awss3.CreateBucketInput{Bucket: &b.bucket}
		if cfg.Endpoint == "" && awsCfg.Region != DefaultRegion {
			in.CreateBucketConfiguration = &types.CreateBucketConfiguration{
				LocationConstraint: types.BucketLocationConstraint(awsCfg.Region),
			}
		}
		_, err := b.client.CreateBucket(ctx, in)
		if err == nil || errorCode(err) == "BucketAlreadyOwnedByYou" {
			return nil
		}
		if errorCode(err) != "BucketAlreadyExists" {
			return fmt.Errorf("create bucket: %w", err)
		}
	}
	if _, err := b.client.HeadBucket(ctx, &awss3.HeadBucketInput{Bucket: &b.bucket}); err != nil {
		if errors.Is(mapError(err), storage.ErrNotFound) {
			return fmt.Errorf("bucket %s: %w", b.bucket, storage.ErrNotFound)
		}
		return fmt.Errorf("head bucket: %w", err)
	}
	return nil
}

// noRedirects returns redirects (such as S3's 301 PermanentRedirect for a
// wrong region) to the SDK as errors instead of following them, which would
// turn a PUT into a GET.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// acquire takes a request slot, waiting at most until ctx ends.
func (b *Bucket) acquire(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case b.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (b *Bucket) release() { <-b.sem }

// Get implements storage.Bucket.
func (b *Bucket) Get(ctx context.Context, key string) (*storage.Object, error) {
	o, err := b.get(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", key, err)
	}
	return o, nil
}

func (b *Bucket) get(ctx context.Context, key string) (*storage.Object, error) {
	if err := storage.ValidateKey(key); err != nil {
		return nil, err
	}
	if err := b.acquire(ctx); err != nil {
		return nil, err
	}
	defer b.release()
	out, err := b.client.GetObject(ctx, &awss3.GetObjectInput{Bucket: &b.bucket, Key: &key})
	if err != nil {
		return nil, mapError(err)
	}
	defer out.Body.Close()
	body := bytes.NewBuffer(make([]byte, 0, max(aws.ToInt64(out.ContentLength), 0)))
	if _, err := body.ReadFrom(out.Body); err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	return &storage.Object{
		Key:          key,
		Body:         body.Bytes(),
		Meta:         storage.CloneMeta(out.Metadata),
		ETag:         aws.ToString(out.ETag),
		Size:         int64(body.Len()),
		LastModified: aws.ToTime(out.LastModified),
	}, nil
}

// Head implements storage.Bucket.
func (b *Bucket) Head(ctx context.Context, key string) (*storage.Object, error) {
	o, err := b.head(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("head %s: %w", key, err)
	}
	return o, nil
}

func (b *Bucket) head(ctx context.Context, key string) (*storage.Object, error) {
	if err := storage.ValidateKey(key); err != nil {
		return nil, err
	}
	if err := b.acquire(ctx); err != nil {
		return nil, err
	}
	defer b.release()
	out, err := b.client.HeadObject(ctx, &awss3.HeadObjectInput{Bucket: &b.bucket, Key: &key})
	if err != nil {
		return nil, mapError(err)
	}
	return &storage.Object{
		Key:          key,
		Meta:         storage.CloneMeta(out.Metadata),
		ETag:         aws.ToString(out.ETag),
		Size:         aws.ToInt64(out.ContentLength),
		LastModified: aws.ToTime(out.LastModified),
	}, nil
}

// Put implements storage.Bucket.
func (b *Bucket) Put(ctx context.Context, key string, body []byte, meta map[string]string, opts storage.PutOptions) (string, error) {
	etag, err := b.put(ctx, key, body, meta, opts)
	if err != nil {
		return "", fmt.Errorf("put %s: %w", key, err)
	}
	return etag, nil
}

func (b *Bucket) put(ctx context.Context, key string, body []byte, meta map[string]string, opts storage.PutOptions) (string, error) {
	if err := storage.ValidatePut(key, meta, opts); err != nil {
		return "", err
	}
	if err := b.acquire(ctx); err != nil {
		return "", err
	}
	defer b.release()
	in := &awss3.PutObjectInput{
		Bucket:        &b.bucket,
		Key:           &key,
		Body:          bytes.NewReader(body),
		ContentLength: aws.Int64(int64(len(body))),
		Metadata:      meta,
	}
	if opts.ContentType != "" {
		in.ContentType = &opts.ContentType
	}
	var optFns []func(*awss3.Options)
	switch {
	case opts.IfNoneMatch:
		in.IfNoneMatch = aws.String("*")
		optFns = append(optFns, b.conditional)
	case opts.IfMatch != "":
		in.IfMatch = &opts.IfMatch
		optFns = append(optFns, b.conditional)
	}
	out, err := b.client.PutObject(ctx, in, optFns...)
	if err != nil {
		err = mapError(err)
		if opts.IfMatch != "" && errors.Is(err, storage.ErrNotFound) {
			err = fmt.Errorf("%w: the key does not exist", storage.ErrPreconditionFailed)
		}
		return "", err
	}
	return aws.ToString(out.ETag), nil
}

// Delete implements storage.Bucket.
func (b *Bucket) Delete(ctx context.Context, key string, opts storage.DeleteOptions) error {
	if err := b.delete(ctx, key, opts); err != nil {
		return fmt.Errorf("delete %s: %w", key, err)
	}
	return nil
}

func (b *Bucket) delete(ctx context.Context, key string, opts storage.DeleteOptions) error {
	if err := storage.ValidateKey(key); err != nil {
		return err
	}
	if err := b.acquire(ctx); err != nil {
		return err
	}
	defer b.release()
	in := &awss3.DeleteObjectInput{Bucket: &b.bucket, Key: &key}
	var optFns []func(*awss3.Options)
	if opts.IfMatch != "" {
		in.IfMatch = &opts.IfMatch
		optFns = append(optFns, b.conditional)
	}
	_, err := b.client.DeleteObject(ctx, in, optFns...)
	if err = mapError(err); opts.IfMatch == "" && errors.Is(err, storage.ErrNotFound) {
		return nil
	}
	return err
}

// List implements storage.Bucket with ListObjectsV2; the token is S3's
// continuation token.
func (b *Bucket) List(ctx context.Context, opts storage.ListOptions) (storage.ListPage, error) {
	page, err := b.list(ctx, opts)
	if err != nil {
		return storage.ListPage{}, fmt.Errorf("list %s: %w", opts.Prefix, err)
	}
	return page, nil
}

func (b *Bucket) list(ctx context.Context, opts storage.ListOptions) (storage.ListPage, error) {
	if err := b.acquire(ctx); err != nil {
		return storage.ListPage{}, err
	}
	defer b.release()
	limit := opts.MaxKeys
	if limit <= 0 || limit > storage.MaxListKeys {
		limit = storage.MaxListKeys
	}
	in := &awss3.ListObjectsV2Input{Bucket: &b.bucket, MaxKeys: aws.Int32(int32(limit))}
	if opts.Prefix != "" {
		in.Prefix = &opts.Prefix
	}
	if opts.Token != "" {
		in.ContinuationToken = &opts.Token
	} else if opts.StartAfter != "" {
		in.StartAfter = &opts.StartAfter
	}
	out, err := b.client.ListObjectsV2(ctx, in)
	if err != nil {
		return storage.ListPage{}, mapError(err)
	}
	page := storage.ListPage{Objects: make([]storage.ObjectInfo, len(out.Contents))}
	for i, o := range out.Contents {
		page.Objects[i] = storage.ObjectInfo{
			Key:          aws.ToString(o.Key),
			ETag:         aws.ToString(o.ETag),
			Size:         aws.ToInt64(o.Size),
			LastModified: aws.ToTime(o.LastModified),
		}
	}
	if aws.ToBool(out.IsTruncated) {
		page.NextToken = aws.ToString(out.NextContinuationToken)
	}
	return page, nil
}

// String returns "s3://bucket (endpoint URL)" or "s3://bucket (AWS)".
func (b *Bucket) String() string { return b.desc }

// Close releases idle connections.
func (b *Bucket) Close() error {
	if b.transport != nil {
		b.transport.CloseIdleConnections()
	}
	return nil
}
