package config

import (
	"fmt"
	"os"
	"strings"
)

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
