package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Config names an S3-compatible bucket (AWS, MinIO, SeaweedFS, Garage,
// R2 ...), so several Tidings processes on several machines share files.
type S3Config struct {
	Endpoint  string // https://s3.example.org or http://127.0.0.1:8333
	Bucket    string
	Region    string
	AccessKey string
	SecretKey string
	// PublicBase, when set, is where browsers fetch the files (a CDN or
	// the bucket's public address) instead of from Tidings.
	PublicBase string
}

// S3 keeps files as objects in one bucket.
type S3 struct {
	client *minio.Client
	bucket string
	base   string
}

// NewS3 connects to the bucket, creating it when it does not exist and
// the credentials allow, so a fresh deployment needs no manual step.
func NewS3(ctx context.Context, c S3Config) (*S3, error) {
	u, err := url.Parse(c.Endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("media: S3 endpoint %q must be an http or https URL", c.Endpoint)
	}
	client, err := minio.New(u.Host, &minio.Options{
		Creds:  credentials.NewStaticV4(c.AccessKey, c.SecretKey, ""),
		Secure: u.Scheme == "https",
		Region: c.Region,
		// Path-style works with every S3-compatible server; virtual-host
		// style needs DNS for each bucket, which self-hosted ones lack.
		BucketLookup: minio.BucketLookupPath,
	})
	if err != nil {
		return nil, fmt.Errorf("media: S3 client for %s: %w", u.Host, err)
	}
	ok, err := client.BucketExists(ctx, c.Bucket)
	if err != nil {
		return nil, fmt.Errorf("media: S3 bucket %s at %s: %w", c.Bucket, u.Host, err)
	}
	if !ok {
		if err := client.MakeBucket(ctx, c.Bucket, minio.MakeBucketOptions{Region: c.Region}); err != nil {
			return nil, fmt.Errorf("media: create S3 bucket %s: %w", c.Bucket, err)
		}
	}
	return &S3{client: client, bucket: c.Bucket, base: c.PublicBase}, nil
}

// Put uploads the object with the long-lived cache header, which a CDN
// or a public bucket then serves as Tidings would.
func (s *S3) Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) error {
	if err := validKey(key); err != nil {
		return err
	}
	_, err := s.client.PutObject(ctx, s.bucket, key, r, size, minio.PutObjectOptions{
		ContentType:  contentType,
		CacheControl: CacheControl,
	})
	if err != nil {
		return fmt.Errorf("media: put %s in S3: %w", key, err)
	}
	return nil
}

// Get opens the object; Stat is asked first because GetObject is lazy and
// would report a missing key only on the first read.
func (s *S3) Get(ctx context.Context, key string) (*Object, error) {
	if err := validKey(key); err != nil {
		return nil, ErrNotExist
	}
	obj, err := s.client.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, fmt.Errorf("media: get %s from S3: %w", key, err)
	}
	info, err := obj.Stat()
	if err != nil {
		obj.Close()
		if isNoSuchKey(err) {
			return nil, ErrNotExist
		}
		return nil, fmt.Errorf("media: get %s from S3: %w", key, err)
	}
	ct := info.ContentType
	if ct == "" || ct == "application/octet-stream" {
		ct = ContentTypeOfKey(key)
	}
	return &Object{Body: obj, Size: info.Size, ContentType: ct, Modified: info.LastModified}, nil
}

// Delete removes the object; S3 itself answers success for a missing key.
func (s *S3) Delete(ctx context.Context, key string) error {
	if err := validKey(key); err != nil {
		return err
	}
	if err := s.client.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{}); err != nil && !isNoSuchKey(err) {
		return fmt.Errorf("media: delete %s from S3: %w", key, err)
	}
	return nil
}

// URL is the public base's address of key, or "" to serve it ourselves.
func (s *S3) URL(key string) string { return publicURL(s.base, key) }

func isNoSuchKey(err error) bool {
	var resp minio.ErrorResponse
	if errors.As(err, &resp) {
		return resp.Code == "NoSuchKey" || resp.StatusCode == 404
	}
	return minio.ToErrorResponse(err).Code == "NoSuchKey"
}
