package web

// emailVerification is how the site form shows the sign-up email rule.
func emailVerification(required bool) string {
	if required {
		return "required"
	}
	return "optional"
}

// siteVerification reads the form's choice; nil keeps the setting (the
// choice is not offered while mail is off).
func siteVerification(v string) (*bool, bool) {
	switch v {
	case "":
		return nil, true
	case "required", "optional":
		b := v == "required"
		return &b, true
	}
	return nil, false
}
