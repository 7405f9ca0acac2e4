package web

import (
	"net"
	"net/http"
)

// clientIP is the peer's address. Behind a reverse proxy every request
// shares it, which errs toward limiting too much rather than too little.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
