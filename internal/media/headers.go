package media

// CacheControl is sent with every stored file: its key is a hash of its
// bytes, so it never changes and browsers and CDNs may keep it a year.
const CacheControl = "public, max-age=31536000, immutable"

// ContentSecurityPolicy is sent with every served file: an image needs
// nothing, so even a browser that renders one as a document runs nothing.
const ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
