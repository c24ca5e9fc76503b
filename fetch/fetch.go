// Package fetch gets web pages and feeds safely: a size cap, timeouts, a
// limited number of redirects, and no requests to loopback, private,
// link-local or cloud-metadata addresses unless allowed. The address check
// runs in the dialer on the resolved IP, so it holds for every redirect and
// against DNS rebinding. It imports the standard library only.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// Defaults.
const (
	DefaultMaxBytes     = 5 << 20
	DefaultTimeout      = 20 * time.Second
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "briefbot/1 (+https://github.com/briefbot/briefbot)"
)

// ErrBlocked is returned for a request to an address that is not allowed.
var ErrBlocked = errors.New("address not allowed")

// ErrTooLarge is returned for a response larger than the size cap.
var ErrTooLarge = errors.New("response too large")

// StatusError is returned for a response whose status is neither 2xx nor 304.
type StatusError struct {
	Code int
}

// Error says the status.
func (e *StatusError) Error() string {
	return fmt.Sprintf("HTTP %d %s", e.Code, http.StatusText(e.Code))
}

// Options configures a Client. Zero values take the defaults.
type Options struct {
	// MaxBytes caps a response body (default 5 MB).
	MaxBytes int64
	// Timeout caps a whole request, redirects and body included (default 20 s).
	Timeout time.Duration
	// MaxRedirects caps the redirects followed (default 5; -1 follows none).
	MaxRedirects int
	// AllowPrivate allows loopback, private and link-local addresses (never
	// for a bot reachable by untrusted users).
	AllowPrivate bool
	// AllowPrefixes allows the addresses in these ranges despite the rules.
	AllowPrefixes []netip.Prefix
	// AllowAddrPorts allows these exact address and port pairs (tests allow
	// one httptest server this way).
	AllowAddrPorts []netip.AddrPort
	// UserAgent is sent with every request.
	UserAgent string
}

// Validators make a GET conditional.
type Validators struct {
	ETag         string
	LastModified string
}

// Response is a fetched resource.
type Response struct {
	// URL is the final URL, after redirects.
	URL         string
	Status      int
	NotModified bool
	ContentType string
	Body        []byte
	// ETag and LastModified are the response's validators.
	ETag         string
	LastModified string
}

// Client fetches URLs under the rules of its Options. It is safe for concurrent use.
type Client struct {
	opt Options
	hc  *http.Client
}

// New returns a client.
func New(opt Options) *Client {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.MaxRedirects == 0 {
		opt.MaxRedirects = DefaultMaxRedirects
	}
	if opt.UserAgent == "" {
		opt.UserAgent = DefaultUserAgent
	}
	c := &Client{opt: opt}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: c.control}
	transport := &http.Transport{
		Proxy:                 nil, // a proxy would dial for us and bypass the address check
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          20,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: opt.Timeout,
	}
	c.hc = &http.Client{Transport: transport, Timeout: opt.Timeout, CheckRedirect: c.checkRedirect}
	return c
}

// Get fetches url, conditionally when v has validators.
func (c *Client) Get(ctx context.Context, rawURL string, v Validators) (*Response, error) {
	if err := CheckURL(rawURL); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	req.Header.Set("User-Agent", c.opt.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/*;q=0.8,*/*;q=0.5")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	r := &Response{URL: resp.Request.URL.String(), Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"),
		ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		r.NotModified = true
		if r.ETag == "" {
			r.ETag = v.ETag
		}
		if r.LastModified == "" {
			r.LastModified = v.LastModified
		}
		return r, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, fmt.Errorf("fetch %s: %w", rawURL, &StatusError{Code: resp.StatusCode})
	case resp.ContentLength > c.opt.MaxBytes:
		return nil, fmt.Errorf("fetch %s: %w: %d bytes, the limit is %d", rawURL, ErrTooLarge, resp.ContentLength, c.opt.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opt.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: read body: %w", rawURL, err)
	}
	if int64(len(body)) > c.opt.MaxBytes {
		return nil, fmt.Errorf("fetch %s: %w: more than %d bytes", rawURL, ErrTooLarge, c.opt.MaxBytes)
	}
	r.Body = body
	return r, nil
}

// CheckURL checks that s is an absolute http or https URL with a host.
func CheckURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("%q is not a URL", s)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%q is not an http or https URL", s)
	}
	if u.Hostname() == "" {
		return fmt.Errorf("%q has no host", s)
	}
	if u.User != nil {
		return fmt.Errorf("URLs with credentials are not fetched")
	}
	return nil
}

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if c.opt.MaxRedirects < 0 || len(via) > c.opt.MaxRedirects {
		return fmt.Errorf("more than %d redirects", max(c.opt.MaxRedirects, 0))
	}
	if err := CheckURL(req.URL.String()); err != nil {
		return fmt.Errorf("redirect: %w", err)
	}
	return nil
}

// control runs after DNS resolution, before each connection: address is the IP and port dialled.
func (c *Client) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrBlocked, address)
	}
	if !c.allowed(ap) {
		return fmt.Errorf("%w: %s is a %s address", ErrBlocked, ap.Addr(), Classify(ap.Addr()))
	}
	return nil
}

func (c *Client) allowed(ap netip.AddrPort) bool {
	addr := ap.Addr().Unmap()
	for _, a := range c.opt.AllowAddrPorts {
		if a.Addr().Unmap() == addr && a.Port() == ap.Port() {
			return true
		}
	}
	for _, p := range c.opt.AllowPrefixes {
		if p.Contains(addr) {
			return true
		}
	}
	switch Classify(addr) {
	case "public":
		return true
	case "loopback", "private", "link-local":
		return c.opt.AllowPrivate
	}
	return false
}

// Address tables, read only.
var (
	metadata = []netip.Addr{
		netip.MustParseAddr("169.254.169.254"), // AWS, GCP, Azure, OpenStack
		netip.MustParseAddr("168.63.129.16"),   // Azure wire server
		netip.MustParseAddr("100.100.100.200"), // Alibaba Cloud
		netip.MustParseAddr("fd00:ec2::254"),   // AWS over IPv6
	}
	special = []netip.Prefix{
		netip.MustParsePrefix("0.0.0.0/8"),
		netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
		netip.MustParsePrefix("192.0.0.0/24"),
		netip.MustParsePrefix("192.0.2.0/24"),
		netip.MustParsePrefix("198.18.0.0/15"),
		netip.MustParsePrefix("198.51.100.0/24"),
		netip.MustParsePrefix("203.0.113.0/24"),
		netip.MustParsePrefix("240.0.0.0/4"),
		netip.MustParsePrefix("2001:db8::/32"),
		netip.MustParsePrefix("100::/64"),
	}
	nat64 = netip.MustParsePrefix("64:ff9b::/96")
)

// Classify names the kind of an address: "public", "loopback", "private",
// "link-local", "metadata", "multicast", "unspecified" or "reserved". IPv4
// addresses inside IPv6 (mapped or NAT64) are classified as IPv4.
func Classify(a netip.Addr) string {
	a = a.Unmap()
	if nat64.Contains(a) {
		b := a.As16()
		a = netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
	}
	for _, m := range metadata {
		if a == m {
			return "metadata"
		}
	}
	switch {
	case !a.IsValid():
		return "reserved"
	case a.IsUnspecified():
		return "unspecified"
	case a.IsLoopback():
		return "loopback"
	case a.IsPrivate():
		return "private"
	case a.IsLinkLocalUnicast():
		return "link-local"
	case a.IsMulticast(), a.IsLinkLocalMulticast(), a.IsInterfaceLocalMulticast():
		return "multicast"
	}
	if a.Is4() && a == netip.AddrFrom4([4]byte{255, 255, 255, 255}) {
		return "reserved"
	}
	for _, p := range special {
		if p.Contains(a) {
			return "reserved"
		}
	}
	return "public"
}

// ParseAllow reads an allow-list entry: an IP ("10.1.2.3"), a range
// ("10.0.0.0/8") or an address and port ("127.0.0.1:8080").
func ParseAllow(s string) (netip.Prefix, netip.AddrPort, error) {
	s = strings.TrimSpace(s)
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Masked(), netip.AddrPort{}, nil
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return netip.PrefixFrom(a, a.BitLen()), netip.AddrPort{}, nil
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return netip.Prefix{}, ap, nil
	}
	return netip.Prefix{}, netip.AddrPort{}, fmt.Errorf("%q is neither an IP address, a range nor an address and port", s)
}
