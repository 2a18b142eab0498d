#!/bin/sh
# Run once by the official postgres image when it initialises its data folder
# (/docker-entrypoint-initdb.d), as the superuser. The application and Temporal get roles of their
# own, neither a superuser: `journey` owns the journeys' database and nothing else; `temporal` may
# create databases, for its own two (temporal, temporal_visibility). Every connection from the
# network must use TLS.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v journey_password="$JOURNEY_DB_PASSWORD" -v temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE journey LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'journey_password';
CREATE ROLE temporal LOGIN NOSUPERUSER CREATEDB NOCREATEROLE PASSWORD :'temporal_password';
CREATE DATABASE journey OWNER journey;
SQL
# Only the socket inside the container is trusted without TLS (the image's own scripts use it).
cat > "$PGDATA/pg_hba.conf" <<'HBA'
local   all   all                 scram-sha-256
hostssl all   all   0.0.0.0/0     scram-sha-256
hostssl all   all   ::/0          scram-sha-256
HBA
