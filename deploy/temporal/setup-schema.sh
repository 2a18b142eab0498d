#!/bin/sh
# Creates Temporal's two PostgreSQL databases and brings their schemas to the version of the server
# (idempotent: a second run finds both up to date and changes nothing). The same script runs in both
# topologies: `npm run start:cluster` runs it with the cached tool and schema folder, docker-compose.yml
# in the official admin-tools image, where the defaults below apply.
#
# The sql tool reads SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD from the environment.
set -eu
tool=${TEMPORAL_SQL_TOOL:-temporal-sql-tool}
schema=${TEMPORAL_SCHEMA_DIR:-/etc/temporal/schema}/postgresql/v12
export SQL_PLUGIN=postgres12

for pair in temporal:temporal temporal_visibility:visibility; do
  database=${pair%%:*}
  export SQL_DATABASE="$database"
  "$tool" create-database
  "$tool" setup-schema -v 0.0
  "$tool" update-schema -d "$schema/${pair#*:}/versioned"
  echo "setup-schema: $database is up to date"
done
