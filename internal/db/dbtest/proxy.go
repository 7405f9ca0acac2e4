package dbtest

import (
	"io"
	"net"
	"net/url"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// Proxy is a TCP proxy in front of a test database, for tests of what a
// server does when its database goes away while other servers' databases
// stay: Down refuses new connections and drops the open ones, as a
// PostgreSQL that stops or restarts does; Up takes connections again, on
// the same address.
type Proxy struct {
	// URL is the database's URL through the proxy.
	URL string

	addr              string
	network, upstream string // what the database's own URL dials

	mu    sync.Mutex
	ln    net.Listener // nil while down
	conns map[net.Conn]bool
}

// NewProxy starts a proxy on a free port of ip (a loopback address) in
// front of the database dbURL names, which may be on TCP or on a Unix
// socket, as pgx reads the URL. It is closed when the test ends.
func NewProxy(t testing.TB, ip, dbURL string) *Proxy {
	t.Helper()
	cfg, err := pgconn.ParseConfig(dbURL)
	if err != nil {
		t.Fatalf("dbtest: proxy: parse the database URL: %v", err)
	}
	network, upstream := pgconn.NetworkAddress(cfg.Host, cfg.Port)
	ln, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		t.Fatalf("dbtest: proxy: %v", err)
	}
	p := &Proxy{addr: ln.Addr().String(), network: network, upstream: upstream, conns: map[net.Conn]bool{}}
	user := url.User(cfg.User)
	if cfg.Password != "" {
		user = url.UserPassword(cfg.User, cfg.Password)
	}
	// The proxy is on loopback: TLS, if the server offers it, would only
	// be negotiated through it.
	p.URL = (&url.URL{Scheme: "postgres", User: user, Host: p.addr, Path: "/" + cfg.Database,
		RawQuery: "sslmode=disable"}).String()
	p.serve(ln)
	t.Cleanup(p.down)
	return p
}

// Down refuses connections from now on and drops every open one.
func (p *Proxy) Down() { p.down() }

// Up takes connections again after Down.
func (p *Proxy) Up(t testing.TB) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		return
	}
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		t.Fatalf("dbtest: proxy: listen again on %s: %v", p.addr, err)
	}
	p.serveLocked(ln)
}

func (p *Proxy) down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for c := range p.conns {
		c.Close()
	}
	clear(p.conns)
}

func (p *Proxy) serve(ln net.Listener) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.serveLocked(ln)
}

func (p *Proxy) serveLocked(ln net.Listener) {
	p.ln = ln
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return // closed by Down
			}
			go p.pipe(ln, c)
		}
	}()
}

// pipe copies between a client and a new connection to the database,
// until either side or Down closes it.
func (p *Proxy) pipe(ln net.Listener, client net.Conn) {
	server, err := net.Dial(p.network, p.upstream)
	if err != nil {
		client.Close()
		return
	}
	if !p.track(ln, client, server) {
		return
	}
	done := make(chan struct{}, 2)
	cp := func(dst, src net.Conn) {
		_, _ = io.Copy(dst, src) // ends when either side closes
		done <- struct{}{}
	}
	go cp(server, client)
	go cp(client, server)
	<-done
	client.Close()
	server.Close()
	<-done
	p.mu.Lock()
	delete(p.conns, client)
	delete(p.conns, server)
	p.mu.Unlock()
}

// track records a connection pair for Down to drop, unless the listener
// that took it was closed meanwhile: then it closes them at once.
func (p *Proxy) track(ln net.Listener, conns ...net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != ln {
		for _, c := range conns {
			c.Close()
		}
		return false
	}
	for _, c := range conns {
		p.conns[c] = true
	}
	return true
}
