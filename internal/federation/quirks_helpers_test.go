package federation_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/federation/httpsig"
)

// quirk reads testdata/quirks/name with every "PUBLIC KEY" replaced by pem
// and each string moves names replaced by the one after it (a host by a
// test server's origin, say).
func quirk(t *testing.T, name, pem string, moves ...string) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "quirks", name))
	if err != nil {
		t.Fatal(err)
	}
	s := string(raw)
	if pem != "" {
		q, _ := json.Marshal(pem)
		s = strings.ReplaceAll(s, `"PUBLIC KEY"`, string(q))
	}
	for i := 0; i+1 < len(moves); i += 2 {
		s = strings.ReplaceAll(s, moves[i], moves[i+1])
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(s), &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// servePerson makes rm serve a person at path, in the shape every server
// shares, with rm's key; it answers the person's id and a signer for them.
func servePerson(t *testing.T, rm *sender, path, name string) (string, *httpsig.Signer) {
	t.Helper()
	id := rm.url + path
	rm.serve(map[string]any{
		"@context": []any{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"},
		"id":       id, "type": "Person", "preferredUsername": name, "inbox": id + "/inbox",
		"publicKey": map[string]string{"id": id + "#main-key", "owner": id, "publicKeyPem": rm.pub},
	})
	return id, signerOf(t, id, rm)
}

// signerOf signs as id, with rm's key.
func signerOf(t *testing.T, id string, rm *sender) *httpsig.Signer {
	t.Helper()
	s, err := httpsig.NewSigner(id+"#main-key", rm.priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// create is id's Create of obj, addressed as obj is.
func create(id, actor string, obj map[string]any) map[string]any {
	return map[string]any{"id": id, "type": "Create", "actor": actor, "object": obj, "to": obj["to"], "cc": obj["cc"]}
}
