package apiutil

// Deref is an optional text field of a request, "" when left out.
func Deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
