#!/bin/sh
# Stops a running Flink job with a savepoint and prints the savepoint's path, for upgrades and rescaling:
# stop here, then start the new jar or parallelism with resume-from-savepoint.sh.
#
# POSIX sh plus curl and sed only, like submit-job.sh.

set -u

usage() {
    cat <<'EOF'
Usage: stop-with-savepoint.sh [options] [JOB_ID]

Takes a savepoint of the job and stops it once the savepoint is complete (the Kafka transactions of
that savepoint are committed). Prints the savepoint path on stdout; progress goes to stderr.
Without JOB_ID, stops the only RUNNING job of the cluster (and refuses if there are several).

Options:
  --jobmanager URL          REST address of the JobManager (default: http://localhost:8081)
  --target-directory DIR    where to write the savepoint, as the JobManager sees it (default: the
                            cluster's execution.checkpointing.savepoint-dir)
  --drain                   advance event time to the end first, so every open window fires; use it
                            only when the job will not be resumed
  --wait-seconds N          how long to wait for the savepoint (default: 300)
  -h, --help                show this help

Exit codes: 0 stopped with a savepoint, 1 failed (the job may still be running), 2 bad usage.
EOF
}

log() { printf '%s\n' "stop-with-savepoint: $*" >&2; }
fail() { log "error: $*"; exit 1; }
usage_error() {
    log "error: $*"
    log "run with --help for usage"
    exit 2
}

json_string() {
    case $1 in
        *[[:cntrl:]]*) return 1 ;;
    esac
    escaped=$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')
    printf '"%s"' "$escaped"
}

jobmanager=http://localhost:8081
target_directory=
drain=false
wait_seconds=300
job_id=

while [ $# -gt 0 ]; do
    opt=$1
    case $opt in
        --*=*) value=${opt#*=}; opt=${opt%%=*}; has_inline=true ;;
        *) value=; has_inline=false ;;
    esac
    case $opt in
        --jobmanager | --target-directory | --wait-seconds)
            if [ "$has_inline" = false ]; then
                [ $# -ge 2 ] || usage_error "$opt needs a value"
                value=$2
                shift
            fi
            [ -n "$value" ] || usage_error "$opt needs a non-empty value"
            case $opt in
                --jobmanager) jobmanager=$value ;;
                --target-directory) target_directory=$value ;;
                --wait-seconds) wait_seconds=$value ;;
            esac
            ;;
        --drain | -h | --help)
            [ "$has_inline" = false ] || usage_error "$opt takes no value"
            case $opt in
                --drain) drain=true ;;
                -h | --help) usage; exit 0 ;;
            esac
            ;;
        -*)
            usage_error "unknown option: $1"
            ;;
        *)
            [ -z "$job_id" ] || usage_error "only one JOB_ID may be given (got $job_id and $1)"
            job_id=$1
            ;;
    esac
    shift
done

case $wait_seconds in
    '' | *[!0-9]*) usage_error "--wait-seconds must be a whole number of seconds, got '$wait_seconds'" ;;
esac
case $jobmanager in
    http://* | https://*) ;;
    *) usage_error "--jobmanager must start with http:// or https://, got '$jobmanager'" ;;
esac
jobmanager=${jobmanager%/}
if [ -n "$job_id" ]; then
    case $job_id in
        *[!0-9a-f]*) usage_error "JOB_ID must be a 32-digit hexadecimal Flink job id, got '$job_id'" ;;
    esac
    [ ${#job_id} -eq 32 ] || usage_error "JOB_ID must be a 32-digit hexadecimal Flink job id, got '$job_id'"
fi

body="{\"drain\":$drain"
if [ -n "$target_directory" ]; then
    quoted=$(json_string "$target_directory") || usage_error "--target-directory contains a control character"
    body="$body,\"targetDirectory\":$quoted"
fi
body="$body}"

command -v curl >/dev/null 2>&1 || fail "curl is required but not installed"

# Sets $http_status and $response for one REST call; returns non-zero only if nothing answered.
call() {
    method=$1
    path=$2
    shift 2
    out=$(curl -sS --max-time 30 -X "$method" -w '\n%{http_code}' "$@" "$jobmanager$path" 2>&1)
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

show_response() {
    printf '%s\n' "$response" | sed -e 's/\\n/\
/g' -e 's/\\t/    /g' -e 's/\\"/"/g' | head -n 60 >&2
}

if [ -z "$job_id" ]; then
    call GET /jobs/overview || { show_response; fail "no answer from $jobmanager (is the cluster running?)"; }
    [ "$http_status" = 200 ] || { show_response; fail "GET /jobs/overview answered HTTP $http_status"; }
    # One job object per line once the nested "tasks" objects are gone; field order does not matter.
    running=$(printf '%s' "$response" | sed 's/"tasks"[[:space:]]*:[[:space:]]*{[^}]*}//g' | tr '{' '\n' |
        while IFS= read -r job || [ -n "$job" ]; do
            case $job in
                *'"state":"RUNNING"'* | *'"state" : "RUNNING"'*)
                    jid=$(printf '%s' "$job" | sed -n 's/.*"jid"[[:space:]]*:[[:space:]]*"\([0-9a-f]*\)".*/\1/p')
                    name=$(printf '%s' "$job" | sed -n 's/.*"name"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
                    printf '%s %s\n' "$jid" "$name"
                    ;;
            esac
        done)
    count=$(printf '%s' "$running" | grep -c .)
    if [ "$count" -eq 0 ]; then
        fail "no RUNNING job at $jobmanager"
    elif [ "$count" -gt 1 ]; then
        log "several jobs are RUNNING; name the one to stop:"
        printf '%s\n' "$running" | sed 's/^/  /' >&2
        exit 1
    fi
    job_id=${running%% *}
    log "the only RUNNING job is $job_id (${running#* })"
fi

log "stopping job $job_id with a savepoint${target_directory:+ in $target_directory}"
call POST "/jobs/$job_id/stop" -H 'Content-Type: application/json' --data-binary "$body" ||
    { show_response; fail "stop request to $jobmanager failed"; }
case $http_status in
    200 | 202) ;;
    *) show_response; fail "the JobManager refused to stop job $job_id (HTTP $http_status)" ;;
esac
trigger_id=$(printf '%s' "$response" | sed -n 's/.*"request-id"[[:space:]]*:[[:space:]]*"\([0-9a-f]*\)".*/\1/p')
[ -n "$trigger_id" ] || { show_response; fail "stop response has no request-id"; }

now() { date +%s; }
deadline=$(($(now) + wait_seconds))
last_report=$(now)
while :; do
    if call GET "/jobs/$job_id/savepoints/$trigger_id"; then
        status=$(printf '%s' "$response" | sed -n 's/.*"status"[[:space:]]*:[[:space:]]*{[[:space:]]*"id"[[:space:]]*:[[:space:]]*"\([A-Z_]*\)".*/\1/p')
        if [ "$status" = COMPLETED ]; then
            location=$(printf '%s' "$response" | sed -n 's/.*"location"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
            if [ -n "$location" ]; then
                log "job $job_id stopped; savepoint written"
                printf '%s\n' "$location"
                exit 0
            fi
            show_response
            fail "the savepoint failed; job $job_id keeps running"
        fi
        if [ "$http_status" != 200 ]; then
            show_response
            fail "GET /jobs/$job_id/savepoints/$trigger_id answered HTTP $http_status"
        fi
    else
        log "no answer from $jobmanager, still trying"
    fi
    t=$(now)
    if [ "$t" -ge "$deadline" ]; then
        fail "no savepoint after ${wait_seconds}s; the job may still be running (see $jobmanager/#/job/running/$job_id/checkpoints)"
    fi
    if [ $((t - last_report)) -ge 10 ]; then
        log "savepoint in progress ($((deadline - t))s left)"
        last_report=$t
    fi
    sleep 2
done
