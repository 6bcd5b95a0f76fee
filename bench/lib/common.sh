# Shared by the benchmarks (sourced, not run): a Distribution registry with htpasswd on a free port, and
# timing helpers. Needs $work (a private directory with logs/ in it), $lib (this directory), an array
# registry_pids (each registry started is added, for the caller's exit trap to stop) and die().

user=bench
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
printf '%s' "$password" > "$work/password"
# Distribution checks the bcrypt hash on every request: cost 4 (the minimum) keeps that check from being
# what the benchmark measures (at docker's default cost 10 it is tens of milliseconds per request).
if python3 -W ignore -c 'import crypt' 2>/dev/null; then
  hash=$(python3 -W ignore -c 'import crypt, sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))' "$password")
elif command -v htpasswd >/dev/null; then
  hash=$(htpasswd -nbB -C 4 "$user" "$password" | cut -d: -f2-)
else
  die "no bcrypt: neither python3's crypt module nor htpasswd (apache2-utils)"
fi
echo "$user:$hash" > "$work/htpasswd"
# start_registry NAME: a Distribution with its own storage on a free port; sets started_host and started_pid,
# and adds the host to the docker config both tools read (dapp as an external config, DAPP_DOCKER_CONFIG,
# which verifies no login; skopeo as its --authfile). Login by dapp is measured on its own below.
mkdir -p "$work/docker"
auths=""
start_registry() {
  local name=$1 port dir="$work/registry-$1"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  started_host="127.0.0.1:$port"
  mkdir -p "$dir"
  cat > "$dir/registry.yml" <<YML
version: 0.1
log:
  level: error
  accesslog: {disabled: false}
storage:
  filesystem: {rootdirectory: $dir/storage}
  delete: {enabled: true}
http:
  addr: $started_host
auth:
  htpasswd: {realm: dapp-bench, path: $work/htpasswd}
YML
  docker-registry serve "$dir/registry.yml" > "$work/logs/registry-$name-access.log" 2> "$work/logs/registry-$name.log" &
  started_pid=$!
  registry_pids+=("$started_pid")
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://$started_host/v2/" && break
    sleep 0.1
  done
  curl -s -o /dev/null "http://$started_host/v2/" || die "a registry did not start: $(tail -3 "$work/logs/registry-$name.log")"
  auths="$auths${auths:+,}\"$started_host\":{\"auth\":\"$(printf '%s:%s' "$user" "$password" | base64 -w0)\"}"
  printf '{"auths":{%s}}\n' "$auths" > "$work/docker/config.json"
}
stop_registry() {
  kill "$1" 2>/dev/null && wait "$1" 2>/dev/null
  return 0
}
# measure LOG [--stdin FILE] -- COMMAND...: prints "wall rss_kib exit"; the command's output goes to LOG.
measure() {
  local log=$1; shift
  python3 "$lib/measure.py" --log "$log" "$@"
}
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {if (NR == 0) print ""; else if (NR % 2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2}'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
