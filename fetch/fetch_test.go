package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

// addrPort is the address and port of an httptest server.
func addrPort(t *testing.T, srv *httptest.Server) netip.AddrPort {
	t.Helper()
	ap, err := netip.ParseAddrPort(srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	return ap
}

func TestDefaultRefusesLoopback(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("secret")) }))
	defer srv.Close()
	c := New(Options{})
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	for _, u := range []string{srv.URL, "http://localhost" + port + "/", "http://[::ffff:127.0.0.1]" + port + "/"} {
		_, err := c.Get(context.Background(), u, Validators{})
		if !errors.Is(err, ErrBlocked) {
			t.Errorf("Get(%s) = %v, want ErrBlocked", u, err)
		}
	}
}

func TestRedirectToLoopbackRefused(t *testing.T) {
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("internal secret")) }))
	defer internal.Close()
	public := httptest.NewServer(http.RedirectHandler(internal.URL+"/latest/meta-data/", http.StatusFound))
	defer public.Close()

	// Only the "public" server is allowed, as if it were on the internet.
	c := New(Options{AllowAddrPorts: []netip.AddrPort{addrPort(t, public)}})
	_, err := c.Get(context.Background(), public.URL, Validators{})
	if !errors.Is(err, ErrBlocked) {
		t.Fatalf("redirect to 127.0.0.1: err = %v, want ErrBlocked", err)
	}
	// Opting in to private addresses follows it.
	r, err := New(Options{AllowPrivate: true}).Get(context.Background(), public.URL, Validators{})
	if err != nil || string(r.Body) != "internal secret" || !strings.HasPrefix(r.URL, internal.URL) {
		t.Fatalf("with AllowPrivate: %+v, %v", r, err)
	}
}

func TestGet(t *testing.T) {
	const etag = `"v1"`
	var srv *httptest.Server
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("User-Agent") != DefaultUserAgent {
			http.Error(w, "no user agent", http.StatusBadRequest)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<p>hello</p>"))
	})
	mux.HandleFunc("/cond", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Write([]byte("fresh"))
	})
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", http.StatusInternalServerError) })
	mux.HandleFunc("/404", http.NotFound)
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) { w.Write(make([]byte, 2048)) })
	mux.HandleFunc("/huge-chunked", func(w http.ResponseWriter, r *http.Request) {
		for range 4 {
			w.Write(make([]byte, 512))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, srv.URL+"/loop", http.StatusFound) })
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	srv = httptest.NewServer(mux)
	defer srv.Close()
	c := New(Options{AllowAddrPorts: []netip.AddrPort{addrPort(t, srv)}, MaxBytes: 1024, Timeout: 300 * time.Millisecond})

	tests := []struct {
		path       string
		v          Validators
		wantErr    error
		wantStatus int
		wantSub    string
		check      func(r *Response) bool
	}{
		{path: "/ok", check: func(r *Response) bool {
			return string(r.Body) == "<p>hello</p>" && r.ETag == etag && strings.HasPrefix(r.ContentType, "text/html")
		}},
		{path: "/cond", check: func(r *Response) bool { return string(r.Body) == "fresh" && !r.NotModified }},
		{path: "/cond", v: Validators{ETag: etag, LastModified: "Tue, 25 Nov 2026 08:00:00 GMT"}, check: func(r *Response) bool {
			return r.NotModified && r.Body == nil && r.ETag == etag && r.LastModified == "Tue, 25 Nov 2026 08:00:00 GMT"
		}},
		{path: "/500", wantStatus: 500, wantSub: "HTTP 500"},
		{path: "/404", wantStatus: 404, wantSub: "HTTP 404"},
		{path: "/huge", wantErr: ErrTooLarge},
		{path: "/huge-chunked", wantErr: ErrTooLarge},
		{path: "/slow", wantSub: "Timeout"},
		{path: "/loop", wantSub: "redirects"},
		{path: "/to-file", wantSub: "not an http or https URL"},
	}
	for _, tt := range tests {
		r, err := c.Get(context.Background(), srv.URL+tt.path, tt.v)
		switch {
		case tt.check != nil:
			if err != nil || !tt.check(r) {
				t.Errorf("Get(%s) = %+v, %v", tt.path, r, err)
			}
		case err == nil:
			t.Errorf("Get(%s) succeeded, want an error", tt.path)
		default:
			if se, ok := errors.AsType[*StatusError](err); tt.wantStatus != 0 && (!ok || se.Code != tt.wantStatus) {
				t.Errorf("Get(%s) = %v, want a StatusError %d", tt.path, err, tt.wantStatus)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("Get(%s) = %v, want %v", tt.path, err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantSub) {
				t.Errorf("Get(%s) = %v, want it to say %q", tt.path, err, tt.wantSub)
			}
		}
	}
}

func TestClassify(t *testing.T) {
	for _, tt := range []struct{ addr, want string }{
		{"8.8.8.8", "public"},
		{"2606:4700:4700::1111", "public"},
		{"127.0.0.1", "loopback"},
		{"127.1.2.3", "loopback"},
		{"::1", "loopback"},
		{"::ffff:127.0.0.1", "loopback"},
		{"10.0.0.1", "private"},
		{"172.16.5.4", "private"},
		{"192.168.1.1", "private"},
		{"fc00::1", "private"},
		{"169.254.169.254", "metadata"},
		{"::ffff:169.254.169.254", "metadata"},
		{"64:ff9b::a9fe:a9fe", "metadata"},
		{"fd00:ec2::254", "metadata"},
		{"100.100.100.200", "metadata"},
		{"168.63.129.16", "metadata"},
		{"169.254.1.1", "link-local"},
		{"fe80::1", "link-local"},
		{"0.0.0.0", "unspecified"},
		{"::", "unspecified"},
		{"224.0.0.1", "multicast"},
		{"100.64.0.1", "reserved"},
		{"255.255.255.255", "reserved"},
		{"64:ff9b::808:808", "public"},
	} {
		if got := Classify(netip.MustParseAddr(tt.addr)); got != tt.want {
			t.Errorf("Classify(%s) = %s, want %s", tt.addr, got, tt.want)
		}
	}
}

func TestAllowLists(t *testing.T) {
	for _, tt := range []struct {
		opt  Options
		addr string
		want bool
	}{
		{Options{}, "93.184.216.34:443", true},
		{Options{}, "10.1.2.3:80", false},
		{Options{AllowPrivate: true}, "10.1.2.3:80", true},
		{Options{AllowPrivate: true}, "169.254.169.254:80", false},
		{Options{AllowPrefixes: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}, "10.1.2.3:80", true},
		{Options{AllowPrefixes: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}, "192.168.1.1:80", false},
		{Options{AllowAddrPorts: []netip.AddrPort{netip.MustParseAddrPort("127.0.0.1:8080")}}, "127.0.0.1:8080", true},
		{Options{AllowAddrPorts: []netip.AddrPort{netip.MustParseAddrPort("127.0.0.1:8080")}}, "127.0.0.1:8081", false},
	} {
		c := New(tt.opt)
		if got := c.control("tcp", tt.addr, nil) == nil; got != tt.want {
			t.Errorf("%+v: dial %s allowed = %v, want %v", tt.opt, tt.addr, got, tt.want)
		}
	}
}

func TestCheckURL(t *testing.T) {
	for _, tt := range []struct {
		url string
		ok  bool
	}{
		{"https://example.com/a", true},
		{"http://example.com", true},
		{"file:///etc/passwd", false},
		{"ftp://example.com/", false},
		{"gopher://example.com/", false},
		{"", false},
		{"http://", false},
		{"example.com/news", false},
		{"http://user:pass@example.com/", false},
		{"http://[::1", false},
	} {
		if err := CheckURL(tt.url); (err == nil) != tt.ok {
			t.Errorf("CheckURL(%q) = %v, want ok %v", tt.url, err, tt.ok)
		}
	}
}

func TestParseAllow(t *testing.T) {
	for _, tt := range []struct {
		in         string
		wantPrefix string
		wantAP     string
		wantErr    bool
	}{
		{in: "10.0.0.0/8", wantPrefix: "10.0.0.0/8"},
		{in: "10.1.2.3/8", wantPrefix: "10.0.0.0/8"},
		{in: "10.1.2.3", wantPrefix: "10.1.2.3/32"},
		{in: "::1", wantPrefix: "::1/128"},
		{in: "127.0.0.1:8080", wantAP: "127.0.0.1:8080"},
		{in: "localhost", wantErr: true},
		{in: "", wantErr: true},
	} {
		p, ap, err := ParseAllow(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseAllow(%q) err = %v", tt.in, err)
			continue
		}
		if tt.wantPrefix != "" && p.String() != tt.wantPrefix || tt.wantAP != "" && ap.String() != tt.wantAP {
			t.Errorf("ParseAllow(%q) = %v, %v", tt.in, p, ap)
		}
	}
}

func FuzzCheckURL(f *testing.F) {
	for _, s := range []string{"https://example.com/a", "file:///etc/passwd", "http://[::1", "http://user@host/", "%", "http://169.254.169.254/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if CheckURL(s) == nil && !strings.HasPrefix(s, "http") {
			t.Errorf("CheckURL(%q) accepted a URL that is not http", s)
		}
	})
}

func FuzzParseAllow(f *testing.F) {
	for _, s := range []string{"10.0.0.0/8", "127.0.0.1:8080", "::1", "[::1]:80", "fe80::1%eth0", "1.2.3.4/33", "", "localhost"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ap, err := ParseAllow(s)
		if err == nil && !p.IsValid() && !ap.IsValid() {
			t.Errorf("ParseAllow(%q) = no error and nothing allowed", s)
		}
	})
}
