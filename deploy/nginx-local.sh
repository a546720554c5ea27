#!/bin/sh
# One address in front of `make run PROCESSES=N`: nginx on LISTEN (default 8080) spreading
# phones over the N processes from PORT (default 5000) on, sticky by client address.
#   make run PROCESSES=4 HOST=0.0.0.0 &  deploy/nginx-local.sh 4
set -eu
N=${1:-2}
PORT=${PORT:-5000}
LISTEN=${LISTEN:-8080}
DIR=$(mktemp -d /tmp/cafe-nginx.XXXXXX)
UPSTREAM=""
i=0
while [ "$i" -lt "$N" ]; do
    UPSTREAM="${UPSTREAM}server 127.0.0.1:$((PORT + i));"
    i=$((i + 1))
done
sed -e "s/\${CAFE_UPSTREAM}/${UPSTREAM}/" -e "s/\${CAFE_LISTEN}/${LISTEN}/" \
    "$(dirname "$0")/cafe.conf.template" > "$DIR/cafe.conf"
cat > "$DIR/nginx.conf" <<CONF
worker_processes auto;
pid $DIR/nginx.pid;
error_log stderr warn;
daemon off;
events { worker_connections 16384; }
http {
    access_log off;
    client_body_temp_path $DIR/body;
    proxy_temp_path $DIR/proxy;
    fastcgi_temp_path $DIR/fastcgi;
    uwsgi_temp_path $DIR/uwsgi;
    scgi_temp_path $DIR/scgi;
    include $DIR/cafe.conf;
}
CONF
echo "nginx on http://0.0.0.0:${LISTEN}/ -> ${N} processes from port ${PORT}"
exec nginx -c "$DIR/nginx.conf" -p "$DIR"
