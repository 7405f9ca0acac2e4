package cli

import (
	"context"

	"github.com/tidings/tidings/internal/federation"
	"github.com/tidings/tidings/internal/safehttp"
)

// newFederation makes the outbound HTTP client and the federation handler
// that signs with the instance actor's key, for serve and for the admin
// commands that reach other instances.
func newFederation(ctx context.Context, a *app) (*federation.Handler, *safehttp.Client, error) {
	client := safehttp.New(safehttp.Options{
		AllowPrivate: a.cfg.AllowPrivateAddresses,
		UserAgent:    "Tidings/" + versionString() + " (+" + a.cfg.BaseURL() + ")",
	})
	site, err := a.store.GetSite(ctx)
	if err != nil {
		return nil, nil, err
	}
	fed, err := federation.New(federation.Deps{Forum: a.forum, Store: a.store, Log: a.log, Version: versionString(),
		HTTP: client, InstanceKeyPEM: site.PrivateKeyPEM})
	if err != nil {
		return nil, nil, err
	}
	return fed, client, nil
}
