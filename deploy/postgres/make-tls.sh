#!/bin/sh
# Makes the certificates docker-compose.yml's PostgreSQL serves TLS with, into deploy/postgres/tls (or
# $1): a CA of this deployment (ca.crt, its key ca.key kept beside it: keep it offline) and the
# server's certificate for the name `postgres` (server.crt, server.key). The API, the worker and
# Temporal trust ca.crt and check the name. Run once, before the first `docker compose up`.
set -eu
dir=${1:-$(dirname "$0")/tls}
mkdir -p "$dir"
cd "$dir"
openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj '/CN=onboarding-journey PostgreSQL CA' \
  -keyout ca.key -out ca.crt
openssl req -newkey rsa:3072 -nodes -subj '/CN=postgres' -keyout server.key -out server.csr
printf 'subjectAltName=DNS:postgres\n' > server.ext
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 -extfile server.ext -out server.crt
rm server.csr server.ext
chmod 600 ca.key server.key
echo "certificates in $dir: ca.crt (trusted by the clients), server.crt and server.key (PostgreSQL)"
