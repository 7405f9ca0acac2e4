package httpsig

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
)

const (
	// MinKeyBits is the smallest RSA key accepted, to sign or to verify.
	// Lemmy, Mbin, Mastodon and GoToSocial all make 2048-bit keys.
	MinKeyBits = 2048
	// MaxKeyBits bounds the work one forged request can cost: verifying
	// with a 16384-bit key is some 60 times slower than with a 2048-bit one.
	MaxKeyBits = 8192
)

// ParsePrivateKey reads an RSA private key in PEM, either PKCS#8
// ("PRIVATE KEY", what forum.GenerateKeyPair writes) or PKCS#1
// ("RSA PRIVATE KEY", what older software and openssl genrsa write).
func ParsePrivateKey(privatePEM string) (*rsa.PrivateKey, error) {
	block, _ := pem.Decode([]byte(privatePEM))
	if block == nil {
		return nil, fmt.Errorf("private key: no PEM block found")
	}
	var key *rsa.PrivateKey
	switch block.Type {
	case "PRIVATE KEY":
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("private key: %w", err)
		}
		rk, ok := k.(*rsa.PrivateKey)
		if !ok {
			return nil, fmt.Errorf("private key: a key of type %T; only RSA keys are used for HTTP signatures", k)
		}
		key = rk
	case "RSA PRIVATE KEY":
		k, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("private key: %w", err)
		}
		key = k
	default:
		return nil, fmt.Errorf("private key: PEM block %q, want \"PRIVATE KEY\" or \"RSA PRIVATE KEY\"", block.Type)
	}
	if err := checkSize(&key.PublicKey); err != nil {
		return nil, fmt.Errorf("private key: %w", err)
	}
	return key, nil
}

// ParsePublicKey reads an actor's publicKeyPem: PKIX ("PUBLIC KEY", what
// every ActivityPub server publishes) or PKCS#1 ("RSA PUBLIC KEY"). The
// key must be RSA, of MinKeyBits to MaxKeyBits bits; errors match ErrBadKey.
func ParsePublicKey(publicPEM string) (*rsa.PublicKey, error) {
	block, _ := pem.Decode([]byte(publicPEM))
	if block == nil {
		return nil, fmt.Errorf("%w: no PEM block in the published key", ErrBadKey)
	}
	var key *rsa.PublicKey
	switch block.Type {
	case "PUBLIC KEY":
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrBadKey, err)
		}
		rk, ok := k.(*rsa.PublicKey)
		if !ok {
			return nil, fmt.Errorf("%w: a key of type %T; only RSA keys are accepted", ErrBadKey, k)
		}
		key = rk
	case "RSA PUBLIC KEY":
		k, err := x509.ParsePKCS1PublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrBadKey, err)
		}
		key = k
	default:
		return nil, fmt.Errorf("%w: PEM block %q, want \"PUBLIC KEY\"", ErrBadKey, block.Type)
	}
	if err := checkSize(key); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadKey, err)
	}
	return key, nil
}

func checkSize(k *rsa.PublicKey) error {
	switch bits := k.N.BitLen(); {
	case bits < MinKeyBits:
		return fmt.Errorf("a %d-bit RSA key is too weak; at least %d bits are required", bits, MinKeyBits)
	case bits > MaxKeyBits:
		return fmt.Errorf("a %d-bit RSA key is larger than the %d bits accepted", bits, MaxKeyBits)
	}
	return nil
}
