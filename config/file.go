package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// maxFile caps the size of a configuration file.
const maxFile = 1 << 20

// file is the YAML configuration file. Every value is read as text and
// parsed while merging, so that a bad value is reported with its key.
type file struct {
	HTTPAddr        string            `yaml:"http_addr"`
	DataDir         string            `yaml:"data_dir"`
	LogFormat       string            `yaml:"log_format"`
	LogLevel        string            `yaml:"log_level"`
	ShutdownTimeout string            `yaml:"shutdown_timeout"`
	Articles        []string          `yaml:"articles"`
	Feeds           []fileFeed        `yaml:"feeds"`
	Digests         []fileDigest      `yaml:"digests"`
	DigestEmpty     string            `yaml:"digest_empty"`
	Commands        map[string]string `yaml:"commands"`
	Slack           fileSlack         `yaml:"slack"`
	Discord         fileDiscord       `yaml:"discord"`
	API             fileAPI           `yaml:"api"`
	Fetch           fileFetch         `yaml:"fetch"`
}

type fileFetch struct {
	Allow    []string `yaml:"allow"`
	MaxBytes string   `yaml:"max_bytes"`
}

type fileFeed struct {
	URL      string `yaml:"url"`
	Interval string `yaml:"interval"`
}

type fileDigest struct {
	Platform string `yaml:"platform"`
	Channel  string `yaml:"channel"`
	Schedule string `yaml:"schedule"`
	TimeZone string `yaml:"timezone"`
}

type fileSlack struct {
	Admins []string `yaml:"admins"`
	APIURL string   `yaml:"api_url"`
}

type fileDiscord struct {
	Admins      []string `yaml:"admins"`
	ManagerRole string   `yaml:"manager_role"`
	GuildID     string   `yaml:"guild_id"`
	AppID       string   `yaml:"app_id"`
	APIURL      string   `yaml:"api_url"`
}

type fileAPI struct {
	Enabled      string `yaml:"enabled"`
	MaxBodyBytes string `yaml:"max_body_bytes"`
	Timeout      string `yaml:"timeout"`
}

// secretKeys maps keys people put secrets under by mistake to the
// environment variable that holds the secret instead.
var secretKeys = map[string]string{
	"database_url":         "DATABASE_URL",
	"api.token":            "BRIEFBOT_API_TOKEN",
	"slack.bot_token":      "SLACK_BOT_TOKEN",
	"slack.token":          "SLACK_BOT_TOKEN",
	"slack.app_token":      "SLACK_APP_TOKEN",
	"slack.signing_secret": "SLACK_SIGNING_SECRET",
	"discord.bot_token":    "DISCORD_BOT_TOKEN",
	"discord.token":        "DISCORD_BOT_TOKEN",
}

// readFile reads and checks the configuration file at path.
func readFile(path string) (file, error) {
	var f file
	st, err := os.Stat(path)
	if err != nil {
		return f, fmt.Errorf("config file: %w", err)
	}
	if st.Size() > maxFile {
		return f, fmt.Errorf("config file %s: larger than %d bytes", path, maxFile)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return f, fmt.Errorf("config file: %w", err)
	}
	if err := parseFile(path, data, &f); err != nil {
		return f, err
	}
	return f, nil
}

// parseFile decodes the YAML data of the file name into f. Unknown keys and
// values of the wrong shape are reported as "name:line: key: problem".
func parseFile(name string, data []byte, f *file) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if l, rest, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(l, "line ") {
			return fmt.Errorf("%s:%s: not valid YAML: %s", name, strings.TrimPrefix(l, "line "), rest)
		}
		return fmt.Errorf("%s: not valid YAML: %s", name, msg)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil // an empty file
	}
	var errs []error
	checkNode(name, doc.Content[0], reflect.TypeFor[file](), "", &errs)
	if err := errors.Join(errs...); err != nil {
		return err
	}
	// The check above reports unknown keys with their path; the decoder's
	// own check stays on as a backstop.
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(f); err != nil {
		return fmt.Errorf("config file %s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	return nil
}

// checkNode checks that n has the shape of type t: known keys for structs,
// lists for slices, single values for strings.
func checkNode(name string, n *yaml.Node, t reflect.Type, path string, errs *[]error) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	fail := func(format string, args ...any) {
		*errs = append(*errs, fmt.Errorf("%s:%d: %s: %s", name, n.Line, or(path, "the file"), fmt.Sprintf(format, args...)))
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			fail("want keys and values, got %s", shape(n))
			return
		}
		fields := map[string]reflect.Type{}
		for i := range t.NumField() {
			fields[t.Field(i).Tag.Get("yaml")] = t.Field(i).Type
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := join(path, k.Value)
			ft, ok := fields[k.Value]
			if !ok {
				*errs = append(*errs, fmt.Errorf("%s:%d: %w", name, k.Line, unknownKey(p, fields)))
				continue
			}
			checkNode(name, v, ft, p, errs)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			fail("want keys and values, got %s", shape(n))
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			checkNode(name, n.Content[i+1], t.Elem(), join(path, n.Content[i].Value), errs)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			fail("want a list, got %s", shape(n))
			return
		}
		for i, c := range n.Content {
			checkNode(name, c, t.Elem(), fmt.Sprintf("%s[%d]", path, i), errs)
		}
	default:
		if n.Kind != yaml.ScalarNode {
			fail("want a single value, got %s", shape(n))
		}
	}
}

func unknownKey(path string, fields map[string]reflect.Type) error {
	if env, ok := secretKeys[path]; ok {
		return fmt.Errorf("%s: secrets are not read from the config file; set %s or %s_FILE in the environment", path, env, env)
	}
	known := make([]string, 0, len(fields))
	for k := range fields {
		known = append(known, k)
	}
	sort.Strings(known)
	return fmt.Errorf("%s: unknown key; known keys here: %s", path, strings.Join(known, ", "))
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func shape(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "keys and values"
	case yaml.SequenceNode:
		return "a list"
	}
	return fmt.Sprintf("%q", n.Value)
}
