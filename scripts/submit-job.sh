#!/bin/sh
# Submits the login-insights job to a Flink session cluster through its REST API.
#
# POSIX sh plus curl and sed only (no bash, no jq): it runs in docker-compose.yml's job-submitter (the job's
# image, built on flink:2.2.1-java17), in BusyBox images, and on a developer's machine.

set -u

usage() {
    cat <<'EOF'
Usage: submit-job.sh [options] [--] [program args...]

Uploads the job jar to a Flink JobManager and starts it. Prints the new job's id on stdout;
progress and errors go to stderr.

Options:
  --jobmanager URL            REST address of the JobManager (default: http://localhost:8081)
  --jar PATH                  job jar to upload (default: job/target/login-insights.jar)
  --savepoint PATH            start from this savepoint or retained checkpoint
  --parallelism N             job parallelism (default: the cluster's parallelism.default)
  --allow-non-restored-state  let the job start even if some savepoint state maps to no operator
  --wait-seconds N            how long to wait for the REST API and a TaskManager (default: 120)
  --skip-if-running           do nothing (exit 0) if the cluster already has a job that is not
                              finished, failed or cancelled
  --dry-run                   print the run request instead of contacting the JobManager
  -h, --help                  show this help

Everything after "--" is passed to the job, e.g.
  submit-job.sh --jobmanager http://localhost:8081 -- --bootstrap-servers kafka:9092

Exit codes: 0 submitted (or skipped), 1 the cluster refused or never answered, 2 bad usage.
EOF
}

log() { printf '%s\n' "submit-job: $*" >&2; }
fail() { log "error: $*"; exit 1; }
usage_error() {
    log "error: $*"
    log "run with --help for usage"
    exit 2
}

# Prints the JSON string literal (with quotes) for $1. Backslash, double quote, tab, CR and LF are
# escaped; any other control character is refused rather than sent half-escaped.
json_string() {
    case $1 in
        *[[:cntrl:]]*)
            # Tab, CR and LF are handled below; anything else is refused.
            rest=$(printf '%s' "$1" | tr -d '\t\r\n')
            case $rest in
                *[[:cntrl:]]*) return 1 ;;
            esac
            ;;
    esac
    # The trailing "x" keeps a final newline from being eaten by the command substitution.
    escaped=$(printf '%sx' "$1" | sed \
        -e 's/\\/\\\\/g' \
        -e 's/"/\\"/g' \
        -e 's/	/\\t/g' \
        -e "s/$(printf '\r')/\\\\r/g" \
        -e ':a' -e '$!N' -e '$!ba' -e 's/\n/\\n/g')
    printf '"%s"' "${escaped%x}"
}

is_count() {
    case $1 in
        '' | *[!0-9]*) return 1 ;;
    esac
    return 0
}

jobmanager=http://localhost:8081
jar=job/target/login-insights.jar
savepoint=
parallelism=
allow_non_restored=false
wait_seconds=120
skip_if_running=false
dry_run=false

# Each option takes its value as the next argument or after "=".
while [ $# -gt 0 ]; do
    opt=$1
    case $opt in
        --*=*) value=${opt#*=}; opt=${opt%%=*}; has_inline=true ;;
        *) value=; has_inline=false ;;
    esac
    case $opt in
        --jobmanager | --jar | --savepoint | --parallelism | --wait-seconds)
            if [ "$has_inline" = false ]; then
                [ $# -ge 2 ] || usage_error "$opt needs a value"
                value=$2
                shift
            fi
            [ -n "$value" ] || usage_error "$opt needs a non-empty value"
            case $opt in
                --jobmanager) jobmanager=$value ;;
                --jar) jar=$value ;;
                --savepoint) savepoint=$value ;;
                --parallelism) parallelism=$value ;;
                --wait-seconds) wait_seconds=$value ;;
            esac
            ;;
        --allow-non-restored-state | --skip-if-running | --dry-run | -h | --help)
            [ "$has_inline" = false ] || usage_error "$opt takes no value"
            case $opt in
                --allow-non-restored-state) allow_non_restored=true ;;
                --skip-if-running) skip_if_running=true ;;
                --dry-run) dry_run=true ;;
                -h | --help) usage; exit 0 ;;
            esac
            ;;
        --)
            shift
            break
            ;;
        -*)
            usage_error "unknown option: $1 (program arguments for the job go after --)"
            ;;
        *)
            usage_error "unexpected argument: $1 (program arguments for the job go after --)"
            ;;
    esac
    shift
done

if [ -n "$parallelism" ]; then
    if ! is_count "$parallelism" || [ "$parallelism" -lt 1 ]; then
        usage_error "--parallelism must be a positive integer, got '$parallelism'"
    fi
fi
is_count "$wait_seconds" || usage_error "--wait-seconds must be a whole number of seconds, got '$wait_seconds'"
case $jobmanager in
    http://* | https://*) ;;
    *) usage_error "--jobmanager must start with http:// or https://, got '$jobmanager'" ;;
esac
jobmanager=${jobmanager%/}

# The run request. Program arguments are sent as a JSON list so that no argument is ever re-split.
args_json=
for arg in "$@"; do
    quoted=$(json_string "$arg") || usage_error "program argument contains a control character: $(printf '%s' "$arg" | od -c | head -n 1)"
    args_json="${args_json:+$args_json,}$quoted"
done
body="{\"programArgsList\":[${args_json}]"
if [ -n "$parallelism" ]; then
    body="$body,\"parallelism\":$parallelism"
fi
if [ -n "$savepoint" ]; then
    quoted=$(json_string "$savepoint") || usage_error "--savepoint contains a control character"
    body="$body,\"savepointPath\":$quoted"
fi
if [ "$allow_non_restored" = true ]; then
    body="$body,\"allowNonRestoredState\":true"
fi
body="$body}"

if [ "$dry_run" = true ]; then
    printf 'POST %s/jars/upload  (jarfile=@%s)\n' "$jobmanager" "$jar"
    printf 'POST %s/jars/<jar id>/run\n%s\n' "$jobmanager" "$body"
    exit 0
fi

command -v curl >/dev/null 2>&1 || fail "curl is required but not installed"
[ -f "$jar" ] || fail "job jar not found: $jar (build it first: ./mvnw -B -ntp package -DskipTests)"
[ -r "$jar" ] || fail "job jar is not readable: $jar"

# Sets $http_status and $response for one REST call; returns non-zero only if nothing answered.
call() {
    method=$1
    path=$2
    shift 2
    out=$(curl -sS --max-time 60 -X "$method" -w '\n%{http_code}' "$@" "$jobmanager$path" 2>&1)
    rc=$?
    http_status=$(printf '%s\n' "$out" | tail -n 1)
    response=$(printf '%s\n' "$out" | sed '$d')
    if [ $rc -ne 0 ]; then
        # curl's own error message, without the write-out's empty body and status 000.
        response=$(printf '%s\n' "$out" | sed -e '$d' -e '/^$/d')
        return 1
    fi
    return 0
}

# Flink answers errors as {"errors":["..."]} with escaped newlines in stack traces: show them readably.
show_response() {
    printf '%s\n' "$response" | sed -e 's/\\n/\
/g' -e 's/\\t/    /g' -e 's/\\"/"/g' | head -n 60 >&2
}

# First the REST API, then at least one TaskManager: a job submitted to a cluster without task slots
# just sits in SCHEDULED.
now() { date +%s; }
deadline=$(($(now) + wait_seconds))
last_report=0
waiting_for="the REST API"
while :; do
    if overview=$(curl -fsS --max-time 5 "$jobmanager/overview" 2>/dev/null); then
        taskmanagers=$(printf '%s' "$overview" | sed -n 's/.*"taskmanagers"[[:space:]]*:[[:space:]]*\([0-9][0-9]*\).*/\1/p')
        if [ -n "$taskmanagers" ] && [ "$taskmanagers" -ge 1 ]; then
            log "JobManager at $jobmanager is up with $taskmanagers TaskManager(s)"
            break
        fi
        waiting_for="a TaskManager to register"
    fi
    t=$(now)
    if [ "$t" -ge "$deadline" ]; then
        fail "gave up after ${wait_seconds}s waiting for $waiting_for at $jobmanager (is the cluster running? check: curl $jobmanager/overview)"
    fi
    if [ $((t - last_report)) -ge 10 ]; then
        log "waiting for $waiting_for at $jobmanager ($((deadline - t))s left)"
        last_report=$t
    fi
    sleep 2
done

if [ "$skip_if_running" = true ]; then
    call GET /jobs/overview || { show_response; fail "could not list jobs at $jobmanager"; }
    [ "$http_status" = 200 ] || { show_response; fail "GET /jobs/overview answered HTTP $http_status"; }
    # One job object per line once the nested "tasks" objects are gone; field order does not matter.
    active=$(printf '%s' "$response" | sed 's/"tasks"[[:space:]]*:[[:space:]]*{[^}]*}//g' | tr '{' '\n' |
        while IFS= read -r job || [ -n "$job" ]; do
            jid=$(printf '%s' "$job" | sed -n 's/.*"jid"[[:space:]]*:[[:space:]]*"\([0-9a-f]*\)".*/\1/p')
            state=$(printf '%s' "$job" | sed -n 's/.*"state"[[:space:]]*:[[:space:]]*"\([A-Z_]*\)".*/\1/p')
            case $state in
                '' | FINISHED | CANCELED | FAILED) ;;
                *) printf '%s %s\n' "$jid" "$state" ;;
            esac
        done)
    if [ -n "$active" ]; then
        printf '%s\n' "$active" | while read -r jid state; do
            log "job $jid is already $state; not submitting another (--skip-if-running)"
        done
        exit 0
    fi
fi

log "uploading $jar"
call POST /jars/upload -H 'Expect:' -F "jarfile=@$jar" || { show_response; fail "upload to $jobmanager/jars/upload failed"; }
if [ "$http_status" != 200 ]; then
    show_response
    fail "upload answered HTTP $http_status"
fi
uploaded=$(printf '%s' "$response" | sed -n 's/.*"filename"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
[ -n "$uploaded" ] || { show_response; fail "upload response has no filename"; }
jar_id=${uploaded##*/}
log "uploaded as $jar_id"

log "starting the job${savepoint:+ from $savepoint}${parallelism:+ with parallelism $parallelism}"
call POST "/jars/$jar_id/run" -H 'Content-Type: application/json' --data-binary "$body" ||
    { show_response; fail "run request to $jobmanager failed"; }
if [ "$http_status" != 200 ]; then
    # login-insights says in one line why it cannot start (a bad flag, a missing topic, no broker): show that
    # line alone; any other failure with Flink's whole answer.
    reason=$(printf '%s\n' "$response" | sed -e 's/\\n/\
/g' -e 's/\\"/"/g' | sed -n 's/.*\(login-insights: [^"]*\).*/\1/p' | head -n 1)
    if [ -n "$reason" ]; then
        fail "the job did not start: $reason"
    fi
    show_response
    fail "the JobManager refused to start the job (HTTP $http_status); the job's own error is above"
fi
job_id=$(printf '%s' "$response" | sed -n 's/.*"jobid"[[:space:]]*:[[:space:]]*"\([0-9a-f]*\)".*/\1/p')
[ -n "$job_id" ] || { show_response; fail "run response has no job id"; }
log "job $job_id submitted: $jobmanager/#/job/running/$job_id/overview"
printf '%s\n' "$job_id"
