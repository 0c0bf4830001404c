#!/usr/bin/env bash
# CI: a case worker comes in the way staff really do, over SSH, to the
# installation deploy/ci-shared-server.sh has made (it calls this script
# and counts its ok/FAIL lines in its own totals).
#
# A real sshd on 127.0.0.1 with a configuration of its own (key login
# only, no environment accepted: no LANG reaches the session), and a
# client in an 80×24 tmux pane with no LANG or LC_* of its own either.
# LOGIN starts teichaku, finds the client, begins a contact and types
# Japanese; the ssh client is then killed (the connection is cut). The
# server-side teichaku must end, and on the next login the unfinished
# contact must be offered as a draft, restored with the text, and saved.
#
# Usage (root): deploy/ci-ssh-session.sh LOGIN CLIENT_ID CLIENT_NAME
# Prints `ok   - …` and `FAIL - …` lines (a failure with the screen it
# saw); says SKIPPED and prints none when sshd cannot be had. Leaves
# nothing behind: sshd stopped, the key and LOGIN's account as they were.
set -uo pipefail

login=${1:?usage: ci-ssh-session.sh LOGIN CLIENT_ID CLIENT_NAME}
client_id=${2:?usage: ci-ssh-session.sh LOGIN CLIENT_ID CLIENT_NAME}
client_name=${3:?usage: ci-ssh-session.sh LOGIN CLIENT_ID CLIENT_NAME}
family=${client_name%% *}
typed="SSHで入力中：職場の上司と面談し、通勤の様子を確認した"

ok() { echo "ok   - $1"; }
bad() { echo "FAIL - $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/       /'; }

echo "== a case worker over SSH (a real sshd, a cut connection)"

# sshd, the client and tmux, from Debian. The package would start the
# system's own sshd on port 22: not on this machine, unless a policy
# says otherwise already.
need=()
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v ssh >/dev/null 2>&1 || need+=(openssh-client)
command -v tmux >/dev/null 2>&1 || need+=(tmux)
if [ ${#need[@]} -gt 0 ]; then
  policy=/usr/sbin/policy-rc.d
  made_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && made_policy=1
  fi
  installed=0
  command -v apt-get >/dev/null 2>&1 &&
    apt-get update -qq >/dev/null 2>&1 &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 &&
    installed=1
  [ "$made_policy" = 1 ] && rm -f "$policy"
  if [ "$installed" = 0 ]; then
    echo "ci-ssh-session: SKIPPED — could not install ${need[*]}" >&2
    exit 0
  fi
fi

home=$(getent passwd "$login" | cut -d: -f6)
# A throwaway account only: a real one's keys are never touched.
if [ -z "$home" ] || [ -e "$home/.ssh" ]; then
  bad "$login is an account of this run, without ~/.ssh" "$(ls -ld "$home/.ssh" 2>&1)"
  exit 0
fi
tmp=$(mktemp -d /tmp/teichaku-ci-ssh.XXXXXX)
old_password=$(getent shadow "$login" | cut -d: -f2)
sock="teichaku-ci-ssh-$$"
sess=""

stop() {
  tmux -L "$sock" kill-server >/dev/null 2>&1
  [ -s "$tmp/sshd.pid" ] && kill "$(cat "$tmp/sshd.pid")" 2>/dev/null
  rm -rf "$home/.ssh"
  [ -n "$old_password" ] && usermod -p "$old_password" "$login"
  rm -rf "$tmp"
}
trap stop EXIT

# Keys: the server's, and the one LOGIN logs in with.
ssh-keygen -q -t ed25519 -N '' -C teichaku-ci-host -f "$tmp/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -C teichaku-ci-client -f "$tmp/client_ed25519"
install -d -o "$login" -g "$(id -gn "$login")" -m 700 "$home/.ssh"
install -o "$login" -g "$(id -gn "$login")" -m 600 "$tmp/client_ed25519.pub" "$home/.ssh/authorized_keys"
# Without PAM, sshd refuses a locked account ('!', as useradd leaves it)
# even for a key; '*' has no password either.
usermod -p '*' "$login"

# No AcceptEnv: the server takes no LANG or LC_* from the client. Without
# PAM, nothing (such as /etc/default/locale) sets one either.
cat >"$tmp/sshd_config" <<EOF
ListenAddress 127.0.0.1
HostKey $tmp/host_ed25519
PidFile $tmp/sshd.pid
AllowUsers $login
PermitRootLogin no
PubkeyAuthentication yes
AuthorizedKeysFile .ssh/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes yes
PrintMotd no
X11Forwarding no
AllowTcpForwarding no
LogLevel VERBOSE
EOF
mkdir -p /run/sshd # its privilege separation folder
port=""
for p in $(seq 2222 2241); do
  if /usr/sbin/sshd -f "$tmp/sshd_config" -o "Port=$p" -E "$tmp/sshd.log" 2>>"$tmp/sshd.log"; then
    port=$p
    break
  fi
done
for _ in $(seq 50); do [ -s "$tmp/sshd.pid" ] && break; sleep 0.1; done
if [ -z "$port" ] || [ ! -s "$tmp/sshd.pid" ]; then
  bad "sshd starts on 127.0.0.1 (ports 2222-2241 tried)" "$(cat "$tmp/sshd.log")"
  exit 0
fi
ok "sshd listens on 127.0.0.1:$port (key login only, no environment accepted)"

# The client: the system's ssh_config is not read (Debian's sends LANG
# and LC_*), and the process has none of them.
ssh_cmd="env -i PATH=/usr/bin:/bin HOME=$tmp TERM=\"\$TERM\" ssh -tt -F /dev/null -p $port \
-i $tmp/client_ed25519 -o IdentitiesOnly=yes -o BatchMode=yes -o LogLevel=ERROR \
-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null $login@127.0.0.1"

# tmux itself is a UTF-8 terminal, as the staff's are.
tmx() { LANG=C.UTF-8 tmux -u -f /dev/null -L "$sock" "$@"; }
screen() { tmx capture-pane -p -t "$sess" 2>/dev/null; }

# wait_for SECONDS TEXT…: the pane shows every TEXT, polled.
wait_for() {
  local until=$((SECONDS + $1)) t s missing
  shift
  while :; do
    s=$(screen)
    missing=0
    for t in "$@"; do grep -qF -- "$t" <<<"$s" || missing=1; done
    [ "$missing" = 0 ] && return 0
    [ "$SECONDS" -ge "$until" ] && return 1
    sleep 0.1
  done
}

# step DESC SECONDS TEXT…: ok when the pane shows every TEXT in time; else
# FAIL with the screen, and the caller stops.
step() {
  local desc=$1
  shift
  if wait_for "$@"; then
    ok "$desc"
  else
    bad "$desc (waited for: ${*:2})" "$(screen)"
    return 1
  fi
}

# A login: a new pane running ssh, up to the shell's prompt, in which it is
# shown that the session has no locale settings.
log_in() {
  sess=$1
  tmx new-session -d -x 80 -y 24 -s "$sess" "$ssh_cmd" || { bad "tmux starts a pane"; return 1; }
  # Typed ahead: the terminal keeps the lines until the shell reads them.
  # shellcheck disable=SC2016 # expanded by the remote shell
  tmx send-keys -t "$sess" -l 'echo "logged in as $(id -un)"'
  tmx send-keys -t "$sess" Enter
  # shellcheck disable=SC2016
  tmx send-keys -t "$sess" -l 'echo "locale settings: $(env | grep -c -e ^LANG= -e ^LC_)"'
  tmx send-keys -t "$sess" Enter
  if ! step "$login logs in over SSH with a key ($sess)" 15 "logged in as $login"; then
    tail -n 20 "$tmp/sshd.log" | sed 's/^/       sshd: /'
    return 1
  fi
  step "the session has no LANG or LC_* (none sent, none accepted)" 5 "locale settings: 0"
}

# Processes of LOGIN named teichaku that are still running (a zombie, not
# yet reaped by its new parent, has ended).
running_teichaku() {
  ps -u "$login" -o pid=,stat=,comm= | awk '$2 !~ /^Z/ && $3 == "teichaku"'
}

# Every step stops the scenario at the first failure: later steps would only
# wait for screens that cannot come.
scenario() {
  log_in first || return
  tmx send-keys -t "$sess" -l "teichaku"
  tmx send-keys -t "$sess" Enter
  step "teichaku opens and shows Japanese without LANG" 20 "利用者 1/1" "$client_name" || return
  tmx send-keys -t "$sess" /
  tmx send-keys -t "$sess" -l "$family"
  step "the list is filtered by a name typed in Japanese" 10 "/$family" || return
  tmx send-keys -t "$sess" Enter
  step "the client's timeline opens" 10 "経過 — $client_name" || return
  tmx send-keys -t "$sess" c
  step "c opens a new contact record" 10 "支援の記録 — $client_name" || return
  tmx send-keys -t "$sess" -l "$typed"
  step "Japanese typed over SSH reaches the form" 10 "$typed" || return

  local ssh_pid server_pid
  ssh_pid=$(tmx display-message -p -t "$sess" '#{pane_pid}')
  if [ "$(cat "/proc/$ssh_pid/comm" 2>/dev/null)" != ssh ]; then
    bad "the pane's process is the ssh client" "$(ps -o pid,comm,args -p "$ssh_pid")"
    return
  fi
  server_pid=$(running_teichaku | awk '{print $1}')
  if [ -z "$server_pid" ]; then
    bad "teichaku runs on the server as $login" "$(ps -u "$login" -o pid,stat,args)"
    return
  fi
  # The connection is cut: the client dies without a word to the server.
  kill -KILL "$ssh_pid"
  ok "the connection is cut (ssh client $ssh_pid killed with SIGKILL)"
  local until=$((SECONDS + 10))
  while [ -n "$(running_teichaku)" ] && [ "$SECONDS" -lt "$until" ]; do sleep 0.1; done
  if [ -z "$(running_teichaku)" ]; then
    ok "the server's teichaku ($server_pid) ended after the cut"
  else
    bad "the server's teichaku ($server_pid) ended after the cut (still running after 10 s)" \
      "$(ps -u "$login" -o pid,stat,args)"
    return
  fi
  tmx kill-session -t "$sess" >/dev/null 2>&1

  log_in second || return
  tmx send-keys -t "$sess" -l "teichaku"
  tmx send-keys -t "$sess" Enter
  step "the next start offers the unfinished contact as a draft" 20 \
    "保存されている下書き" "$client_name（$client_id）" "支援の記録" || return
  tmx send-keys -t "$sess" Enter
  step "opening it asks whether to restore it" 10 "下書きがあります。復元しますか？" || return
  tmx send-keys -t "$sess" y
  step "the draft is restored with the text typed before the cut" 10 "下書きを復元しました" "$typed" || return
  tmx send-keys -t "$sess" C-s
  step "the restored contact is saved" 10 "記録しました" || return
  tmx send-keys -t "$sess" q
  local listed
  listed=$(runuser -u "$login" -- env -i HOME="$home" USER="$login" LOGNAME="$login" \
    PATH=/usr/local/bin:/usr/bin:/bin teichaku contact list --client "$client_id" --format json 2>&1)
  if grep -qF -- "$typed" <<<"$listed"; then
    ok "the contact is in the database with the text typed before the cut"
  else
    bad "the contact is in the database with the text typed before the cut" "$listed"
  fi
}
scenario
# A failure is its FAIL line; a status other than 0 means the script itself broke.
exit 0
