# FerretDB (MongoDB wire protocol) for the Mongo tests: needs Go >= 1.24, built once into .cache/bin
# (about a minute on a fresh machine, 1 s when up to date). The tests start their own instances.
bash tools/ferretdb/ferretdb.sh check-go
FERRETDB_BIN="$(bash tools/ferretdb/ferretdb.sh build)"
export FERRETDB_BIN
echo "FerretDB binary: $FERRETDB_BIN"
