# Sourced by each benchmark before anything else of bench/lib (sourced, not run): `source work.sh PREFIX`.
# Makes the run's private work directory $work (with TMPDIR and logs/ in it), an array registry_pids (each
# registry started is added) whose processes are stopped at exit, when $work is removed too (kept, and named,
# when the caller set keep=1 for --keep), and failed(), which counts and names a step that failed.
work=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
export TMPDIR="$work/tmp"
mkdir -p "$TMPDIR" "$work/logs"
registry_pids=()
finish() {
  local pid
  for pid in "${registry_pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  if [[ $keep -eq 1 ]]; then echo "work directory kept: $work" >&2; else rm -rf "$work"; fi
}
trap finish EXIT
failures=0
failed() { failures=$((failures + 1)); printf '%s: FAILED: %s\n' "$(basename "$0")" "$*" >&2; }
