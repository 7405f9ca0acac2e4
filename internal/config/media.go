package config

import (
	"net/url"

	"github.com/tidings/tidings/internal/media"
)

// The media storage's variables.
const (
	VarMediaDir     = "TIDINGS_MEDIA_DIR"
	VarMediaBaseURL = "TIDINGS_MEDIA_BASE_URL"
	VarS3Endpoint   = "TIDINGS_S3_ENDPOINT"
	VarS3Bucket     = "TIDINGS_S3_BUCKET"
	VarS3Region     = "TIDINGS_S3_REGION"
	VarS3AccessKey  = "TIDINGS_S3_ACCESS_KEY"
	VarS3SecretKey  = "TIDINGS_S3_SECRET_KEY"
)

// Media says where uploaded images are kept: a folder, or an S3 bucket
// when S3 is set (then Dir is unused).
type Media struct {
	Dir     string
	BaseURL string // where browsers fetch files instead of from Tidings (a CDN); "" for Tidings itself
	S3      *media.S3Config
}

var mediaVariables = []Variable{
	{VarMediaDir, "var/media", false, "folder for uploaded images, when no S3 bucket is set"},
	{VarMediaBaseURL, "", false, "public base URL of the stored images (a CDN in front of the folder or bucket); unset: Tidings serves them at /pictrs/image/"},
	{VarS3Endpoint, "", false, "S3-compatible endpoint for uploaded images, e.g. https://s3.eu-central-1.amazonaws.com; unset: the folder"},
	{VarS3Bucket, "", false, "the S3 bucket (created if missing and allowed)"},
	{VarS3Region, "us-east-1", false, "the S3 region"},
	{VarS3AccessKey, "", false, "the S3 access key id"},
	{VarS3SecretKey, "", true, "the S3 secret key (or TIDINGS_S3_SECRET_KEY_FILE)"},
}

func init() { Variables = append(Variables, mediaVariables...) }

// media reads the storage settings; a half-given S3 setup is reported
// at start, naming what is missing.
func (l *loader) media() Media {
	m := Media{Dir: l.str(VarMediaDir), BaseURL: l.str(VarMediaBaseURL)}
	if m.BaseURL != "" {
		if u, err := url.Parse(m.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			l.fail(VarMediaBaseURL, "must be an http or https URL such as https://cdn.example.org/media")
		}
	}
	endpoint := l.str(VarS3Endpoint)
	s3 := media.S3Config{Endpoint: endpoint, Bucket: l.str(VarS3Bucket), Region: l.str(VarS3Region),
		AccessKey: l.str(VarS3AccessKey), SecretKey: l.secret(VarS3SecretKey), PublicBase: m.BaseURL}
	if endpoint == "" {
		if s3.Bucket != "" || s3.AccessKey != "" || s3.SecretKey != "" {
			l.fail(VarS3Endpoint, "is not set, but other TIDINGS_S3_ variables are; set the endpoint too, or none")
		}
		return m
	}
	if u, err := url.Parse(endpoint); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		l.fail(VarS3Endpoint, "must be an http or https URL such as https://s3.example.org")
	}
	for _, v := range []struct{ name, val string }{{VarS3Bucket, s3.Bucket}, {VarS3AccessKey, s3.AccessKey}, {VarS3SecretKey, s3.SecretKey}} {
		if v.val == "" {
			l.fail(v.name, "must be set with "+VarS3Endpoint)
		}
	}
	m.S3 = &s3
	return m
}

func describeMedia(values map[string]string, m Media) {
	values[VarMediaDir] = m.Dir
	values[VarMediaBaseURL] = m.BaseURL
	if m.S3 != nil {
		values[VarS3Endpoint] = m.S3.Endpoint
		values[VarS3Bucket] = m.S3.Bucket
		values[VarS3Region] = m.S3.Region
		values[VarS3AccessKey] = m.S3.AccessKey
		values[VarS3SecretKey] = "(set, not shown)"
	}
}
