package forum_test

import (
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
)

func TestHashAndVerifyPassword(t *testing.T) {
	t.Parallel()
	hash, err := forum.HashPassword("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$") {
		t.Errorf("hash %q does not start with $argon2id$v=19$", hash)
	}
	if strings.Contains(hash, "horse") {
		t.Errorf("hash %q contains the password", hash)
	}
	if ok, err := forum.VerifyPassword("correct horse battery staple", hash); err != nil || !ok {
		t.Errorf("right password: %v, %v; want true", ok, err)
	}
	for _, wrong := range []string{"correct horse battery stapl", "Correct horse battery staple", ""} {
		if ok, err := forum.VerifyPassword(wrong, hash); err != nil || ok {
			t.Errorf("wrong password %q: %v, %v; want false", wrong, ok, err)
		}
	}
	again, err := forum.HashPassword("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if again == hash {
		t.Errorf("two hashes of one password are equal: the salt is not random")
	}
	if ok, err := forum.VerifyPassword("correct horse battery staple", again); err != nil || !ok {
		t.Errorf("second hash: %v, %v; want true", ok, err)
	}
}

func TestVerifyPasswordRefusesMalformedHashes(t *testing.T) {
	t.Parallel()
	good, err := forum.HashPassword("some password here")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(good, "$")
	for _, bad := range []string{
		"",
		"plaintext",
		"$2a$10$abcdefghijklmnopqrstuv", // bcrypt
		strings.Replace(good, "argon2id", "argon2i", 1),
		strings.Replace(good, "v=19", "v=16", 1),
		strings.Join(parts[:5], "$"),
		strings.Join(append(parts[:5:5], "!!notbase64"), "$"),
	} {
		ok, err := forum.VerifyPassword("some password here", bad)
		if ok || err == nil {
			t.Errorf("VerifyPassword against %q = %v, %v; want false and an error", bad, ok, err)
		}
	}
}

func TestGeneratePassword(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 20 {
		pw, err := forum.GeneratePassword()
		if err != nil {
			t.Fatal(err)
		}
		if len(pw) != 20 {
			t.Errorf("generated %q of length %d, want 20", pw, len(pw))
		}
		if err := forum.CheckPassword(pw); err != nil {
			t.Errorf("generated %q fails CheckPassword: %v", pw, err)
		}
		for _, r := range pw {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				t.Errorf("generated %q has %q, not a letter or digit", pw, r)
			}
		}
		if seen[pw] {
			t.Errorf("generated %q twice", pw)
		}
		seen[pw] = true
	}
}

func TestCheckPasswordBounds(t *testing.T) {
	t.Parallel()
	cases := []struct {
		pw string
		ok bool
	}{
		{"", false},
		{strings.Repeat("a", 9), false},
		{strings.Repeat("a", 10), true},
		{strings.Repeat("é", 10), true}, // characters, not bytes
		{strings.Repeat("a", 60), true},
		{strings.Repeat("a", 61), false},
		{strings.Repeat("é", 31), true}, // 62 bytes but 31 characters
	}
	for _, tc := range cases {
		err := forum.CheckPassword(tc.pw)
		if tc.ok && err != nil {
			t.Errorf("CheckPassword(%d runes): %v, want ok", len([]rune(tc.pw)), err)
		}
		if !tc.ok {
			ie := inputError(t, "CheckPassword", err, "password")
			if !strings.Contains(ie.Msg, "10") && !strings.Contains(ie.Msg, "60") {
				t.Errorf("message %q does not give the bound", ie.Msg)
			}
		}
	}
}

func TestVerifyPasswordRefusesCorruptHashes(t *testing.T) {
	t.Parallel()
	for _, h := range []string{
		"$argon2id$v=19$m=19456,t=0,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=19456,t=2,p=0$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=4294967295,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=19456,t=2,p=1$$aGFzaA",
		"$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA",
		"plain",
	} {
		if ok, err := forum.VerifyPassword("whatever12", h); ok || err == nil {
			t.Errorf("VerifyPassword accepted corrupt hash %q (ok=%v err=%v)", h, ok, err)
		}
	}
}
