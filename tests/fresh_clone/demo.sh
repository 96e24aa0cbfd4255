#!/usr/bin/env bash
# The README's first command as written, on a fresh clone of the committed tree: `make demo` must
# install everything, load the demo and serve /ostrava/. Run by `make test`; stops the server after.
set -euo pipefail

repository=$(git -C "$(dirname "$0")/../.." rev-parse --show-toplevel)
work=$(mktemp -d)
log="$work/make-demo.log"
pid=""
finish() {
	status=$?
	if [ -n "$pid" ]; then kill -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
	if [ "$status" -ne 0 ] && [ -f "$log" ]; then echo "--- make demo (last 60 lines) ---"; tail -n 60 "$log"; fi
	rm -rf "$work"
	exit "$status"
}
trap finish EXIT

git clone --quiet "$repository" "$work/openkp"
cd "$work/openkp"
command=(make demo)
if (exec 3<>/dev/tcp/127.0.0.1/8000) 2>/dev/null; then
	# Something already listens on the README's port (a demo left running): use another one.
	command=(make demo DEMO_PORT=8765)
fi
port=$([ "${#command[@]}" -eq 2 ] && echo 8000 || echo 8765)
echo "Čistý klon: ${command[*]} (${work}) …"
started=$(date +%s)
setsid "${command[@]}" >"$log" 2>&1 &
pid=$!

until curl --silent --fail --output /dev/null "http://127.0.0.1:$port/ostrava/"; do
	if ! kill -0 "$pid" 2>/dev/null; then echo "make demo skončil dřív, než odpověděla /ostrava/."; exit 1; fi
	if [ $(( $(date +%s) - started )) -gt 1200 ]; then echo "/ostrava/ neodpověděla do 20 minut."; exit 1; fi
	sleep 2
done
grep -q "koordinator" "$log" || { echo "make demo nevypsal demo účty."; exit 1; }
curl --silent --fail "http://127.0.0.1:$port/ostrava/" | grep -q "Ostrava" || { echo "/ostrava/ nemá obsah oblasti."; exit 1; }
echo "Čistý klon: make demo odpovídá na /ostrava/ po $(( $(date +%s) - started )) s."
