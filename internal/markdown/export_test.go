package markdown

import "bytes"

// GoldmarkHTML is what goldmark makes of src, before sanitizing.
func GoldmarkHTML(src string) string {
	var buf bytes.Buffer
	if err := sharedMarkdown().Convert([]byte(src), &buf); err != nil {
		panic(err)
	}
	return buf.String()
}

// BluemondaySanitize is the bare bluemonday policy, without finish.
func BluemondaySanitize(html string) string {
	return sharedPolicy().Sanitize(html)
}
