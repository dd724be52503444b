#!/usr/bin/env bash
# A throwaway CUPS print server with one queue that keeps what it is sent, for the printing tests.
#
#   .ci/printer.sh start   start it and print three lines to export:
#                            CUPS_SERVER=<its socket>  (Qt and the cups tools then talk to it)
#                            CLINIC_TEST_PRINTER=<the queue's name>
#                            CLINIC_TEST_PRINT_OUTPUT=<folder where each job lands as job-N.pdf>
#   .ci/printer.sh stop    stop it by its pid file and remove its folder
#
# It has its own configuration, socket and spool under PRINTTEST_DIR (default /tmp/printtest) and
# never touches the machine's own CUPS. Run as root (cupsd then drops to the lp user for jobs).
# The queue is raw, so a job's file is exactly what the app sent: here the PDF Qt makes of the pages.
set -euo pipefail

dir=${PRINTTEST_DIR:-/tmp/printtest}
queue=ClinicAppTest
socket=$dir/cups.sock

exports() {
    echo "CUPS_SERVER=$socket"
    echo "CLINIC_TEST_PRINTER=$queue"
    echo "CLINIC_TEST_PRINT_OUTPUT=$dir/out"
}

running_pid() {
    [ -f "$dir/state/cupsd.pid" ] || return 1
    local pid
    pid=$(cat "$dir/state/cupsd.pid")
    kill -0 "$pid" 2>/dev/null && echo "$pid"
}

configure() {
    mkdir -p "$dir"/{spool,cache,state,logs,ppd,out,lib/backend}
    # cupsd finds filters and backends under ServerBin: the system's, plus our capturing backend.
    for part in filter daemon cgi-bin monitor notifier driver; do
        ln -sfn "/usr/lib/cups/$part" "$dir/lib/$part"
    done
    cat >"$dir/lib/backend/capture" <<EOF
#!/bin/sh
# Keeps each job's data as job-N.pdf; moved into place whole, so a reader never sees half a job.
if [ \$# -eq 0 ]; then echo 'direct capture "Unknown" "Clinic App test capture"'; exit 0; fi
cat "\${6:-/dev/stdin}" >"$dir/out/job-\$1.part" && mv "$dir/out/job-\$1.part" "$dir/out/job-\$1.pdf"
EOF
    chmod 755 "$dir/lib/backend/capture"
    chmod 777 "$dir/out"
    chown -R lp:lp "$dir/spool" "$dir/cache"
    cat >"$dir/cupsd.conf" <<EOF
Listen $socket
LogLevel warn
WebInterface No
Browsing No
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF
    cat >"$dir/cups-files.conf" <<EOF
ServerRoot $dir
ServerBin $dir/lib
DataDir /usr/share/cups
RequestRoot $dir/spool
CacheDir $dir/cache
StateDir $dir/state
ErrorLog $dir/logs/error_log
AccessLog $dir/logs/access_log
PageLog $dir/logs/page_log
User lp
Group lp
SystemGroup root
EOF
}

start() {
    if running_pid >/dev/null; then exports; return; fi
    [ "$(id -u)" -eq 0 ] || { echo "printer.sh: run as root (cupsd needs it to drop to lp)" >&2; exit 1; }
    command -v cupsd >/dev/null || [ -x /usr/sbin/cupsd ] || {
        echo "printer.sh: cupsd not found (apt-get install cups-daemon cups-client)" >&2; exit 1; }
    configure
    /usr/sbin/cupsd -c "$dir/cupsd.conf" -s "$dir/cups-files.conf"
    for _ in $(seq 1 100); do [ -S "$socket" ] && break; sleep 0.1; done
    [ -S "$socket" ] || { cat "$dir/logs/error_log" >&2 2>/dev/null; echo "printer.sh: cupsd did not start" >&2; exit 1; }
    # "Raw queues are deprecated": still the plainest way to keep exactly what was sent.
    CUPS_SERVER=$socket lpadmin -p "$queue" -v capture:/ -m raw -E 2>/dev/null
    exports
}

stop() {
    local pid
    if pid=$(running_pid); then
        kill -TERM "$pid"
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then echo "printer.sh: cupsd $pid did not stop" >&2; exit 1; fi
    fi
    rm -rf "$dir"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
