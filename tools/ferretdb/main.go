// Command ferretdb-test runs FerretDB v1 (embedded package) for the project's tests.
//
// Why a wrapper instead of `go install .../cmd/ferretdb`: built as a dependency, the upstream
// command panics at start because its generated build/version/version.txt is absent from the
// module zip. The embeddable package skips that check, disables telemetry (state kept in memory,
// never written to disk) and opens no debug listener, which is exactly what tests need.
//
// With -listen-addr 127.0.0.1:0 the kernel picks a free port; the URI actually listened on is
// printed to stdout as `FERRETDB_URI=mongodb://127.0.0.1:PORT/` once the socket is bound.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:0", "TCP address to listen on (port 0: a free port)")
	handler := flag.String("handler", "sqlite", "backend: sqlite or postgresql")
	sqliteURL := flag.String("sqlite-url", "", "SQLite directory URI, e.g. file:/tmp/x/ (must exist)")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL URL for the postgresql handler")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	stdinLifetime := flag.Bool("stop-on-stdin-eof", false,
		"stop when stdin is closed (the parent died), so no orphan outlives a crashed test run")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		log.Fatalf("bad -log-level: %v", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Logger:        logger,
		Handler:       *handler,
		SQLiteURL:     *sqliteURL,
		PostgreSQLURL: *postgresURL,
	})
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if *stdinLifetime {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	// The listener is bound by New, so the address is known (and connectable) from here on.
	fmt.Printf("FERRETDB_URI=%s\n", f.MongoDBURI())

	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		log.Fatal(err)
	}
}
