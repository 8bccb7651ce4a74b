#!/bin/sh
# Starts the job from a savepoint (or a retained checkpoint): the second half of an upgrade or a
# rescale, after stop-with-savepoint.sh. A thin wrapper around submit-job.sh.

set -u

usage() {
    cat <<'EOF_USAGE'
Usage: resume-from-savepoint.sh SAVEPOINT_PATH [--parallelism N] [submit-job.sh options] [--] [program args...]

SAVEPOINT_PATH is what stop-with-savepoint.sh printed (e.g. file:/tmp/flink-savepoints/savepoint-...),
or a retained checkpoint directory (e.g. file:/tmp/flink-checkpoints/<job id>/chk-42), as the
JobManager sees it. Give the job the same program arguments as before, after "--".

Every other option is passed to submit-job.sh (--jobmanager, --jar, --allow-non-restored-state,
--wait-seconds, --dry-run); see submit-job.sh --help.

Example (docker compose, rescaling to 2):
  scripts/resume-from-savepoint.sh file:/tmp/flink-savepoints/savepoint-1a2b3c-0123456789ab \
      --parallelism 2 -- --bootstrap-servers kafka:9092
EOF_USAGE
}

case ${1:-} in
    '') usage >&2; exit 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) printf '%s\n' "resume-from-savepoint: error: the first argument must be the savepoint path, got '$1'" >&2; exit 2 ;;
esac

savepoint=$1
shift
exec sh "$(dirname "$0")/submit-job.sh" --savepoint "$savepoint" "$@"
