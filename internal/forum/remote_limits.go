package forum

// What is kept of other servers' HTML is capped as what people write here
// is: HTML of the same text is longer than its markdown (tags, the rel of
// every link, Mastodon's markup of a mention, a hundred characters or so),
// and four times the markdown's limit leaves room for that. Federation
// cuts what it is sent to these before sanitizing, and stores no more.
const (
	MaxPostHTMLLen    = 4 * MaxPostLen
	MaxCommentHTMLLen = 4 * MaxCommentLen
	// MaxProfileLen is the longest bio or community description kept, as
	// markdown; MaxProfileHTMLLen is the same for its HTML.
	MaxProfileLen     = 10000
	MaxProfileHTMLLen = 4 * MaxProfileLen
)
