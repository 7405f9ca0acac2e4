package forum

// Languages a post or comment may be marked with: ISO 639-1 codes as Lemmy
// offers them, "und" for undetermined.
var Languages = []struct{ Code, Name string }{
	{"und", "Undetermined"}, {"en", "English"}, {"de", "Deutsch"}, {"es", "Español"}, {"fr", "Français"},
	{"it", "Italiano"}, {"nl", "Nederlands"}, {"pl", "Polski"}, {"pt", "Português"}, {"sv", "Svenska"},
	{"fi", "Suomi"}, {"da", "Dansk"}, {"no", "Norsk"}, {"cs", "Čeština"}, {"uk", "Українська"},
	{"ru", "Русский"}, {"ja", "日本語"}, {"ko", "한국어"}, {"zh", "中文"}, {"eo", "Esperanto"},
}

func validLanguage(code string) bool {
	for _, l := range Languages {
		if l.Code == code {
			return true
		}
	}
	return false
}

// LanguageName is the language's own name for display, or the code.
func LanguageName(code string) string {
	for _, l := range Languages {
		if l.Code == code {
			return l.Name
		}
	}
	return code
}
