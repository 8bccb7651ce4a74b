#!/bin/sh
# Brings a Flink session cluster to one running copy of login-insights, from this jar with these arguments, and
# keeps the job's state across restarts of the cluster and across upgrades. docker-compose.yml's job-submitter runs
# it on every `docker compose up`; it works the same against any session cluster (scripts/flink-cluster).
#
# POSIX sh plus curl, sed, find and cksum, like submit-job.sh, which it uses with stop-with-savepoint.sh.

set -u

usage() {
    cat <<'EOF'
Usage: deploy-job.sh [options] [--] [program args...]

Makes the cluster run the job from --jar with these program arguments, keeping its state:
  - no job runs: starts it from the newest savepoint or retained checkpoint in the --state-dir
    folders (after `docker compose down` and `up`, a JobManager restart), or fresh if there is none;
  - this jar already runs with these arguments: does nothing;
  - another jar or other arguments run, or --parallelism N differs: stops that job with a savepoint
    and starts this one from it (an upgrade or a rescale).
Without --parallelism, the parallelism of the last deployment is kept.

Options:
  --jobmanager URL   REST address of the JobManager
                     (default: $LOGIN_INSIGHTS_JOBMANAGER, else http://localhost:8081)
  --jar PATH         job jar (default: $LOGIN_INSIGHTS_JAR, else job/target/login-insights.jar)
  --state-dir DIR    a folder where the cluster writes savepoints or checkpoints, at the path the
                     JobManager uses and readable here; repeatable
                     (default: $LOGIN_INSIGHTS_STATE_DIRS, folders separated by spaces)
  --parallelism N    the job's parallelism; a running job of another parallelism is rescaled
  --fresh            start without state: a running job is stopped with a savepoint (kept), and
                     the new one starts from nothing
  --wait-seconds N   how long to wait for the REST API and a TaskManager (default: 120)
  -h, --help         show this help

Program arguments: everything after "--"; without any, $LOGIN_INSIGHTS_JOB_ARGS (split at spaces).

The last deployment (job id, a checksum of the jar and the arguments, the parallelism) is recorded in
the first state folder, file login-insights-deployment.

Prints the id of the job that runs on stdout; progress and errors go to stderr.
Exit codes: 0 the job runs as asked, 1 a step failed (the message says which), 2 bad usage.
EOF
}

log() { printf '%s\n' "deploy-job: $*" >&2; }
fail() { log "error: $*"; exit 1; }
usage_error() {
    log "error: $*"
    log "run with --help for usage"
    exit 2
}

jobmanager=${LOGIN_INSIGHTS_JOBMANAGER:-http://localhost:8081}
jar=${LOGIN_INSIGHTS_JAR:-job/target/login-insights.jar}
state_dirs=
parallelism=
fresh=false
wait_seconds=120
here=$(dirname "$0")

while [ $# -gt 0 ]; do
    opt=$1
    case $opt in
        --*=*) value=${opt#*=}; opt=${opt%%=*}; has_inline=true ;;
        *) value=; has_inline=false ;;
    esac
    case $opt in
        --jobmanager | --jar | --state-dir | --parallelism | --wait-seconds)
            if [ "$has_inline" = false ]; then
                [ $# -ge 2 ] || usage_error "$opt needs a value"
                value=$2
                shift
            fi
            [ -n "$value" ] || usage_error "$opt needs a non-empty value"
            case $opt in
                --jobmanager) jobmanager=$value ;;
                --jar) jar=$value ;;
                --state-dir) state_dirs="${state_dirs:+$state_dirs
}$value" ;;
                --parallelism) parallelism=$value ;;
                --wait-seconds) wait_seconds=$value ;;
            esac
            ;;
        --fresh | -h | --help)
            [ "$has_inline" = false ] || usage_error "$opt takes no value"
            case $opt in
                --fresh) fresh=true ;;
                -h | --help) usage; exit 0 ;;
            esac
            ;;
        --)
            shift
            break
            ;;
        -*) usage_error "unknown option: $1 (program arguments for the job go after --)" ;;
        *) usage_error "unexpected argument: $1 (program arguments for the job go after --)" ;;
    esac
    shift
done

case $parallelism in
    '') ;;
    *[!0-9]* | 0) usage_error "--parallelism must be a positive integer, got '$parallelism'" ;;
esac
case $wait_seconds in
    '' | *[!0-9]*) usage_error "--wait-seconds must be a whole number of seconds, got '$wait_seconds'" ;;
esac
if [ -z "$state_dirs" ]; then
    # shellcheck disable=SC2086 # folders separated by spaces, as documented
    for dir in ${LOGIN_INSIGHTS_STATE_DIRS:-}; do
        state_dirs="${state_dirs:+$state_dirs
}$dir"
    done
fi
[ -n "$state_dirs" ] || usage_error "give at least one --state-dir (or LOGIN_INSIGHTS_STATE_DIRS): where the cluster keeps savepoints and checkpoints"
if [ $# -eq 0 ] && [ -n "${LOGIN_INSIGHTS_JOB_ARGS:-}" ]; then
    # shellcheck disable=SC2086 # the arguments are meant to split at spaces
    set -- $LOGIN_INSIGHTS_JOB_ARGS
fi
[ -f "$jar" ] || fail "job jar not found: $jar (build it first: ./mvnw -B -ntp package -DskipTests -pl common,job)"
jobmanager=${jobmanager%/}
record=$(printf '%s\n' "$state_dirs" | head -n 1)/login-insights-deployment

# What makes two deployments the same job: the jar's bytes and the program arguments, one per line.
jar_sum=$(cksum <"$jar" | cut -d ' ' -f 1,2) || fail "cannot read $jar"
args_sum=$(for arg in "$@"; do printf '%s\n' "$arg"; done | cksum | cut -d ' ' -f 1,2)
fingerprint="jar $jar_sum, arguments $args_sum"

recorded() { [ -f "$record" ] && sed -n "s/^$1=//p" "$record" | head -n 1; }
recorded_job=$(recorded job)
recorded_fingerprint=$(recorded fingerprint)
recorded_parallelism=$(recorded parallelism)
wanted_parallelism=${parallelism:-$recorded_parallelism}

# The jobs that are not finished, failed or cancelled, as "<id> <state>" lines. Waits for the REST API.
deadline=$(($(date +%s) + wait_seconds))
while ! overview=$(curl -fsS --max-time 10 "$jobmanager/jobs/overview" 2>/dev/null); do
    [ "$(date +%s)" -lt "$deadline" ] || fail "no answer from $jobmanager within ${wait_seconds}s (is the cluster running?)"
    sleep 2
done
active=$(printf '%s' "$overview" | sed 's/"tasks"[[:space:]]*:[[:space:]]*{[^}]*}//g' | tr '{' '\n' |
    while IFS= read -r job || [ -n "$job" ]; do
        jid=$(printf '%s' "$job" | sed -n 's/.*"jid"[[:space:]]*:[[:space:]]*"\([0-9a-f]*\)".*/\1/p')
        state=$(printf '%s' "$job" | sed -n 's/.*"state"[[:space:]]*:[[:space:]]*"\([A-Z_]*\)".*/\1/p')
        case $state in
            '' | FINISHED | CANCELED | FAILED) ;;
            *) printf '%s %s\n' "$jid" "$state" ;;
        esac
    done)

savepoint=
if [ -n "$active" ]; then
    [ "$(printf '%s\n' "$active" | wc -l)" -eq 1 ] ||
        fail "several jobs run on $jobmanager; stop all but one first: $(printf '%s' "$active" | tr '\n' ' ')"
    running_job=${active%% *}
    if [ "$fresh" = false ] && [ "$running_job" = "$recorded_job" ] && [ "$fingerprint" = "$recorded_fingerprint" ] &&
        { [ -z "$parallelism" ] || [ "$parallelism" = "$recorded_parallelism" ]; }; then
        log "job $running_job already runs this jar with these arguments${recorded_parallelism:+ at parallelism $recorded_parallelism}; nothing to do"
        printf '%s\n' "$running_job"
        exit 0
    fi
    if [ "$running_job" != "$recorded_job" ]; then
        why="it was not deployed by this script"
    elif [ "$fingerprint" != "$recorded_fingerprint" ]; then
        why="the jar or the arguments changed"
    elif [ "$fresh" = true ]; then
        why="--fresh"
    else
        why="parallelism ${recorded_parallelism:-default} becomes $parallelism"
    fi
    log "job $running_job runs, but $why: stopping it with a savepoint"
    savepoint=$(sh "$here/stop-with-savepoint.sh" --jobmanager "$jobmanager" "$running_job") ||
        fail "could not stop job $running_job with a savepoint; it still runs, unchanged"
fi

if [ "$fresh" = true ]; then
    savepoint=
    log "starting without state (--fresh)"
elif [ -z "$savepoint" ]; then
    # The newest savepoint or completed checkpoint: Flink writes a checkpoint's _metadata last.
    found=$(printf '%s\n' "$state_dirs" | while IFS= read -r dir; do
        if [ -d "$dir" ]; then find "$dir" -name _metadata -type f; fi
    done)
    newest=
    if [ -n "$found" ]; then
        newest=$(printf '%s\n' "$found" | sed 's/^/"/; s/$/"/' | xargs ls -t | head -n 1)
    fi
    if [ -n "$newest" ]; then
        savepoint=$(dirname "$newest")
        log "no job runs; resuming from the newest savepoint or checkpoint: $savepoint (written $(date -r "$newest" '+%Y-%m-%d %H:%M:%S' 2>/dev/null || echo '?'))"
    else
        log "no job runs and no savepoint or checkpoint in $(printf '%s' "$state_dirs" | tr '\n' ' '): starting fresh"
    fi
fi

job_id=$(sh "$here/submit-job.sh" --jobmanager "$jobmanager" --jar "$jar" --wait-seconds "$wait_seconds" \
    ${savepoint:+--savepoint "$savepoint"} ${wanted_parallelism:+--parallelism "$wanted_parallelism"} -- "$@") ||
    fail "the job did not start${savepoint:+ from $savepoint} (the reason is above); to start without state, run again with --fresh"

{
    printf 'job=%s\n' "$job_id"
    printf 'fingerprint=%s\n' "$fingerprint"
    printf 'parallelism=%s\n' "$wanted_parallelism"
    printf 'started-from=%s\n' "${savepoint:-nothing}"
} >"$record.tmp" && mv "$record.tmp" "$record" ||
    log "warning: could not record the deployment in $record; the next run will treat the job as foreign"
log "job $job_id runs${savepoint:+, resumed from $savepoint}"
printf '%s\n' "$job_id"
