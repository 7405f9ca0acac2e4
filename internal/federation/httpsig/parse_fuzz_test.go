package httpsig

import (
	"slices"
	"strings"
	"testing"
)

// FuzzParseSignature checks the Signature header parser on anything a
// sender could write: it must not panic, what it accepts must be usable
// (a key id, a base64 signature, lower-case header names), and the header
// rebuilt for go-fed must read back as the same parameters, or go-fed
// would check another signature than the one Verify's checks looked at.
func FuzzParseSignature(f *testing.F) {
	for _, s := range []string{
		`keyId="https://lemmy.example/c/technology#main-key",algorithm="hs2019",headers="(request-target) content-type date digest host",signature="c2lnbmF0dXJl"`,
		`keyId="https://mbin.example/m/tech#main-key", headers="(request-target) date host digest", signature="c2lnbmF0dXJl", algorithm="rsa-sha256"`,
		`keyId="https://mastodon.example/users/carol#main-key",algorithm="rsa-sha256",headers="(request-target) host date digest content-type",signature="c2lnbmF0dXJl"`,
		`keyId="https://gts.example/users/dan/main-key",algorithm="hs2019",headers="(request-target) host date",signature="c2lnbmF0dXJl"`,
		`keyId="k",created=1700000000,expires=1700003600,headers="(created) (expires) date",signature="YQ=="`,
		`keyId="k",signature="YQ=="`,
		`keyId="a,b=c",signature="",headers=""`,
		`keyId=k, signature="YQ==" ,algorithm="ed25519"`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := parseSignature(s)
		if err != nil {
			return
		}
		if p.keyID == "" || !isBase64(p.signature) || len(p.headers) == 0 {
			t.Fatalf("accepted %q as %+v", s, p)
		}
		for _, h := range p.headers {
			if h != strings.ToLower(h) || strings.ContainsAny(h, " \t\r\n\"") {
				t.Fatalf("accepted %q with the header name %q", s, h)
			}
		}
		again, err := parseSignature(p.goFedHeader())
		if err != nil {
			t.Fatalf("the header rebuilt from %q does not parse: %v\n%s", s, err, p.goFedHeader())
		}
		if !slices.Equal(again.headers, p.headers) || again.signature != p.signature ||
			again.created != p.created || again.expires != p.expires {
			t.Fatalf("rebuilt header reads differently:\nfrom %q\nfirst  %+v\nsecond %+v", s, p, again)
		}
	})
}

// The fuzzer found that an unquoted headers value could end in a quote,
// which the header rebuilt for go-fed then closed early.
func TestParseSignatureRefusesQuotesInHeaderNames(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		`keyId=0,headers=0",signature="0000"`,
		`keyId="k",headers=date",signature="YQ=="`,
		`keyId="k",headers="date () digest",signature="YQ=="`,
	} {
		if p, err := parseSignature(s); err == nil {
			t.Errorf("parseSignature(%q) accepted headers %q", s, p.headers)
		}
	}
}
