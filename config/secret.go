package config

import (
	"fmt"
	"log/slog"
	"os"
	"strings"
)

// Secret is a credential. It prints, logs and marshals as a redaction
// marker; call Reveal to use it.
type Secret string

// Reveal returns the secret's value.
func (s Secret) Reveal() string { return string(s) }

// String redacts the secret.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "[redacted]"
}

// GoString redacts the secret in %#v.
func (s Secret) GoString() string { return s.String() }

// LogValue redacts the secret in logs.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalText redacts the secret in JSON and YAML output.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// maxSecretFile caps the size of a secret file.
const maxSecretFile = 64 << 10

// readSecret reads the secret NAME from the environment, or from the file
// named by NAME_FILE. Setting both is an error.
func readSecret(name string, getenv func(string) string) (Secret, error) {
	v, file := getenv(name), getenv(name+"_FILE")
	if file == "" {
		return Secret(strings.TrimSpace(v)), nil
	}
	if v != "" {
		return "", fmt.Errorf("%s and %s_FILE are both set; set one", name, name)
	}
	st, err := os.Stat(file)
	if err != nil {
		return "", fmt.Errorf("%s_FILE: %w", name, err)
	}
	if st.Size() > maxSecretFile {
		return "", fmt.Errorf("%s_FILE: %s is larger than %d bytes", name, file, maxSecretFile)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("%s_FILE: %w", name, err)
	}
	s := strings.TrimSpace(string(b))
	if s == "" {
		return "", fmt.Errorf("%s_FILE: %s is empty", name, file)
	}
	return Secret(s), nil
}
