#!/usr/bin/env bash
# CI: the shared-server set-up, for real. Installs the debug build with
# deploy/install.sh (real paths: /usr/local/bin/teichaku, /srv/teichaku,
# /etc/teichaku), creates three OS users — kanri (the 管理者, who runs
# `init`) and the case workers tanaka and suzuki, none of them in the
# group — and shows what the deployment promises, a case worker coming in
# over SSH among them (deploy/ci-ssh-session.sh). Then the simpler
# shared-group set-up (no setgid program): a -wal/-shm left by a killed
# process is explained, and the printed fix works.
#
# Needs root and a throwaway machine (a CI container): it refuses to run
# where a teichaku installation or these users exist already, and removes
# everything it made when it ends (KEEP=1 keeps it, to look around).
# Without root it says it is skipped and exits 0. Exits 1 if any check fails.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

if [ "$(id -u)" != 0 ]; then
  echo "ci-shared-server: skipped (needs root to create users and install a setgid program)"
  exit 0
fi

# TEICHAKU_BIN: a binary to use instead of the debug build.
bin="${TEICHAKU_BIN:-${CARGO_TARGET_DIR:-$repo/target}/debug/teichaku}"
[ -x "$bin" ] || cargo build --locked --bin teichaku
[ -x "$bin" ] || { echo "ci-shared-server: no debug binary at $bin" >&2; exit 1; }

# A container started with no-new-privileges ignores the setgid bit: the
# deployment cannot work there, and the checks below would only say so
# less clearly.
# Not a failure of the program: said loudly, and the run is skipped.
if grep -qs '^NoNewPrivs:[[:space:]]*1' /proc/self/status; then
  echo "ci-shared-server: SKIPPED — this process has no_new_privs set (no-new-privileges): a setgid program cannot take its group here" >&2
  exit 0
fi

need_pkgs=()
command -v sqlite3 >/dev/null 2>&1 || need_pkgs+=(sqlite3)
command -v useradd >/dev/null 2>&1 || need_pkgs+=(passwd)
command -v setpriv >/dev/null 2>&1 || need_pkgs+=(util-linux)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if ! { command -v apt-get >/dev/null 2>&1 &&
         apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null; }; then
    echo "ci-shared-server: SKIPPED — could not install ${need_pkgs[*]}" >&2
    exit 0
  fi
fi

group=teichaku
data=/srv/teichaku
db=$data/teichaku.db
dest=/usr/local/bin/teichaku
users=(kanri tanaka suzuki)
# The shared-group part: its own group, folder and (plain) binary.
share_group=tkshare
share=/srv/teichaku-ci-share
mark=/etc/teichaku/.made-by-ci-shared-server
today=2026-11-23

cleanup() {
  [ "${KEEP:-0}" = 1 ] && { echo "ci-shared-server: KEEP=1, left in place"; return; }
  for u in "${users[@]}"; do
    id "$u" >/dev/null 2>&1 && userdel -r "$u" >/dev/null 2>&1 || true
  done
  getent group "$group" >/dev/null && groupdel "$group" || true
  getent group "$share_group" >/dev/null && groupdel "$share_group" || true
  rm -rf "$data" "$share" /etc/teichaku "$dest" /tmp/ci-elsewhere.db
}

# A previous run of this script left its things: remove them. Anything
# else already there is a real installation: never touch it.
[ -e "$mark" ] && cleanup
for p in /etc/teichaku "$data" "$share" "$dest"; do
  if [ -e "$p" ]; then
    echo "ci-shared-server: $p exists; refusing to run outside a throwaway machine" >&2
    exit 1
  fi
done
for u in "${users[@]}"; do
  if id "$u" >/dev/null 2>&1; then
    echo "ci-shared-server: user $u exists; refusing to run outside a throwaway machine" >&2
    exit 1
  fi
done
if getent group "$group" >/dev/null || getent group "$share_group" >/dev/null; then
  echo "ci-shared-server: group $group or $share_group exists; refusing to run outside a throwaway machine" >&2
  exit 1
fi
trap cleanup EXIT
mkdir -p /etc/teichaku && touch "$mark"

passed=0
failed=0
ok() { echo "ok   - $1"; passed=$((passed + 1)); }
bad() { echo "FAIL - $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/       /'; failed=$((failed + 1)); }

# Runs a command as a user, in their home, with a clean login-like
# environment (nothing of root's: no TEICHAKU_DB, no cargo paths).
as() {
  local u=$1
  shift
  runuser -u "$u" -- env -i HOME="/home/$u" USER="$u" LOGNAME="$u" LANG=C.UTF-8 \
    PATH=/usr/local/bin:/usr/bin:/bin sh -c 'cd "$HOME" && exec "$@"' sh "$@"
}

# expect_ok DESC CMD...: the command succeeds.
expect_ok() {
  local desc=$1 out
  shift
  if out=$("$@" 2>&1); then ok "$desc"; else bad "$desc" "$out"; fi
  last=$out
}

# expect_refused DESC PATTERN CMD...: the command fails and says PATTERN.
expect_refused() {
  local desc=$1 pattern=$2 out
  shift 2
  if out=$("$@" 2>&1); then
    bad "$desc (it succeeded)" "$out"
  elif ! grep -qF -- "$pattern" <<<"$out"; then
    bad "$desc (no \"$pattern\" in the message)" "$out"
  else
    ok "$desc"
  fi
  last=$out
}

# expect_stat DESC FILE OWNER:GROUP MODE
expect_stat() {
  local got
  got=$(stat -c '%U:%G %a' "$2" 2>&1) || true
  if [ "$got" = "$3 $4" ]; then ok "$1 ($got)"; else bad "$1: want $3 $4, got $got"; fi
}

echo "== the setgid deployment"
for u in "${users[@]}"; do useradd -m -U -s /bin/sh "$u"; done
expect_ok "install.sh installs" sh deploy/install.sh --binary "$bin" --admin kanri
expect_ok "install.sh again changes nothing and succeeds" sh deploy/install.sh --binary "$bin" --admin kanri
grep -qF "teichaku init" <<<"$last" && ok "install.sh prints the next steps" || bad "install.sh prints the next steps" "$last"
expect_stat "the program is setgid to the group" "$dest" "root:$group" 2755
expect_stat "the data folder is the group's only" "$data" "root:$group" 2770
expect_stat "the configuration is root's" /etc/teichaku/config.toml root:root 644
for u in "${users[@]}"; do
  if id -nG "$u" | tr ' ' '\n' | grep -qx "$group"; then bad "$u is not in $group"; else ok "$u is not in $group"; fi
done

expect_refused "a case worker cannot create the office's database" "作成できるのは管理者（kanri）だけ" \
  as tanaka teichaku init
[ ! -e "$db" ] && ok "nothing was created by the case worker" || bad "nothing was created by the case worker" "$(ls -la "$data")"
: > "$db"
chgrp "$group" "$db"
chmod 660 "$db"
expect_refused "an empty file where the database should be is refused, not made an office" "空のファイル" \
  as tanaka teichaku due
expect_refused "and init does not take it either" "既にあります" as kanri teichaku init
[ "$(stat -c %s "$db")" = 0 ] && ok "the empty file stays empty" \
  || bad "the empty file stays empty" "$(stat -c %s "$db") bytes"
rm -f "$db"
expect_ok "the 管理者 creates the database (teichaku init)" as kanri teichaku init
expect_stat "the database is the group's, 0660" "$db" "kanri:$group" 660
expect_stat "the audit key is the group's, 0640" "$db.key" "kanri:$group" 640
expect_refused "a case worker cannot read the audit key" "Permission denied" \
  as tanaka cat "$db.key"
expect_ok "the 管理者 registers tanaka as 支援員" as kanri teichaku staff add tanaka --name "田中" --role 支援員
cp tests/fixtures/spec_example.json /home/kanri/clients.json
chown kanri:kanri /home/kanri/clients.json
expect_ok "the 管理者 imports from a file of theirs" as kanri teichaku --today "$today" import clients.json
expect_refused "import does not read the database folder with the group's rights" "Permission denied" \
  as kanri teichaku --today "$today" import "$db"

expect_ok "a case worker lists what is due (teichaku due)" as tanaka teichaku --today "$today" due --within 400
grep -qF "C001" <<<"$last" && ok "due lists the imported client" || bad "due lists the imported client" "$last"
expect_ok "a case worker records a contact (with USER and LOGNAME saying someone else)" \
  runuser -u tanaka -- env -i HOME=/home/tanaka USER=suzuki LOGNAME=suzuki LANG=C.UTF-8 PATH=/usr/local/bin:/usr/bin:/bin \
  teichaku --today "$today" contact add --client C001 --date "$today" --summary "CI: 共有サーバーから記録"
for other in "$db-journal" "$db-wal" "$data/new.db" "$data/demo.db"; do
  expect_refused "no other file in the data folder is a database (init onto ${other#"$data"/})" \
    "事業所のデータベースではありません" as tanaka teichaku --db "$other" init
  [ ! -e "$other" ] && ok "${other#"$data"/} was not made" || bad "${other#"$data"/} was not made" "$(ls -l "$other")"
done
: > "$data/zero.db"
chgrp --reference="$db" "$data/zero.db"
chmod 660 "$data/zero.db"
expect_refused "an empty file in the data folder is refused" "事業所のデータベースではありません" \
  as tanaka teichaku --db "$data/zero.db" due
[ "$(stat -c %s "$data/zero.db")" = 0 ] && ok "that file stays empty" \
  || bad "that file stays empty" "$(stat -c %s "$data/zero.db") bytes"
rm -f "$data/zero.db"
expect_refused "a case worker cannot date a contact ahead by moving --today" "より後です" \
  as tanaka teichaku --today 2030-01-02 contact add --client C001 --date 2030-01-01 --summary "先の日付"
expect_refused "a case worker cannot set the clock of the setgid program" "TEICHAKU_CLOCK" \
  as tanaka env TEICHAKU_CLOCK=2030-01-02 teichaku contact add --client C001 --summary "先の日付"
expect_ok "the 管理者 reads the audit trail" as kanri teichaku audit --limit 20
if grep -q "作成  支援記録.*（tanaka）" <<<"$last" && ! grep -q suzuki <<<"$last"; then
  ok "the contact is audited as tanaka (the real uid), not \$USER"
else
  bad "the contact is audited as tanaka (the real uid), not \$USER" "$last"
fi

expect_refused "a case worker cannot open the database with sqlite3" "unable to open" \
  as tanaka sqlite3 "$db" "select count(*) from clients"
expect_refused "nor read the file" "Permission denied" as tanaka cat "$db"

expect_ok "the 管理者 exports to their home" as kanri teichaku export -o x.json
kanri_group=$(id -gn kanri)
expect_stat "the export is the user's, in their own group, 0600" /home/kanri/x.json "kanri:$kanri_group" 600
expect_refused "an export into the data folder is refused" "Permission denied" \
  as kanri teichaku export -o "$data/x.json"
[ -e "$data/x.json" ] && bad "no export in the data folder" || ok "no export in the data folder"
expect_ok "the 管理者 exports a document" as kanri teichaku --today "$today" export report --client C001 --month 2026-10 --format html -o r.html
expect_stat "the document is the user's, in their own group, 0600" /home/kanri/r.html "kanri:$kanri_group" 600

expect_ok "the 管理者 backs up to their home" as kanri teichaku backup b.db
expect_stat "the backup is the user's, in their own group, 0600" /home/kanri/b.db "kanri:$kanri_group" 600
expect_ok "the backup is a sound database" sqlite3 /home/kanri/b.db "pragma integrity_check"
expect_refused "a backup into the data folder is refused" "Permission denied" \
  as kanri teichaku backup "$data/copy.db"
expect_refused "the 管理者 cannot back up into another's home" "Permission denied" \
  as kanri teichaku backup /home/tanaka/stolen.db
expect_ok "the 管理者 restores from their backup" as kanri teichaku restore b.db --yes
expect_refused "restore does not read a file the user cannot read" "読めません" \
  as kanri teichaku restore "$data/teichaku.db" --yes
strays=$(find "$data" -name '*.tmp')
[ -z "$strays" ] && ok "no scratch file is left in the data folder" || bad "no scratch file is left in the data folder" "$strays"
ls "$data" | grep -q "before-restore" && ok "the content before the restore is kept in the data folder" ||
  bad "the content before the restore is kept in the data folder" "$(ls -la "$data")"

expect_refused "--db outside the data folder is refused, naming the folder" "$data" \
  as tanaka teichaku --db /tmp/ci-elsewhere.db init
[ -e /tmp/ci-elsewhere.db ] && bad "nothing is created outside" || ok "nothing is created outside"
expect_refused "TEICHAKU_DB outside is refused" "$data" \
  runuser -u tanaka -- env -i HOME=/home/tanaka TEICHAKU_DB=/tmp/ci-elsewhere.db PATH=/usr/local/bin:/usr/bin:/bin teichaku due
expect_refused "--demo is refused" "--demo" as tanaka teichaku --demo due
expect_refused "'..' out of the data folder is refused" "$data" \
  as tanaka teichaku --db "$data/../ci-elsewhere.db" due
as tanaka ln -s "$db" office.db
expect_ok "--db through a symlink that leads into the data folder" as tanaka teichaku --db office.db --today "$today" due
as tanaka touch own.db
ln -s /home/tanaka/own.db "$data/escape.db" # only root could make it
expect_refused "a symlink in the data folder that leads out is refused" "/home/tanaka/own.db" \
  as tanaka teichaku --db "$data/escape.db" due
rm -f "$data/escape.db"
chmod 666 /etc/teichaku/config.toml
expect_refused "a configuration others can change is refused" "config.toml" as tanaka teichaku due
chmod 644 /etc/teichaku/config.toml
echo "== no case worker can stop the office"
# A burst of simultaneous writes under umask 022: the -wal and -shm one of
# them creates are group-writable before any other opens them.
burst=200
burst_dir=$(mktemp -d)
chmod 777 "$burst_dir"
for i in $(seq "$burst"); do
  as tanaka sh -c "umask 022; teichaku --today $today contact add --client C001 --summary 'CI: 同時書き込み $i' \
    >/dev/null 2>'$burst_dir/$i.err' || touch '$burst_dir/$i.failed'" &
done
wait
failures=$(find "$burst_dir" -name '*.failed' | wc -l)
if [ "$failures" = 0 ]; then
  ok "$burst simultaneous writes under umask 022, none failed"
else
  bad "$burst simultaneous writes under umask 022: $failures failed" "$(cat "$burst_dir"/*.err | sort | uniq -c | head -5)"
fi
rm -rf "$burst_dir"

# Four case workers writing without pause: a backup and a restore take a
# snapshot and the lock once, and end in seconds while they go on.
stop_writers=$(mktemp -u)
for w in 1 2 3 4; do
  as tanaka sh -c "while [ ! -e '$stop_writers' ]; do teichaku --today $today contact add --client C001 --summary 'CI: 書き続ける $w' >/dev/null 2>&1; done" &
done
sleep 2
timed() { # timed DESC SECONDS CMD...: succeeds within SECONDS
  local desc=$1 limit=$2 start took out
  shift 2
  start=$(date +%s)
  if out=$("$@" 2>&1); then
    took=$(($(date +%s) - start))
    if [ "$took" -le "$limit" ]; then ok "$desc (${took} s)"; else bad "$desc: took ${took} s" "$out"; fi
  else
    bad "$desc" "$out"
  fi
}
timed "a backup with 4 writers running ends in seconds" 20 as kanri teichaku backup busy.db --force
timed "a restore with 4 writers running ends in seconds" 30 as kanri teichaku restore busy.db --yes
touch "$stop_writers"
wait
rm -f "$stop_writers"

# A backup killed mid-copy leaves its scratch copy in the data folder,
# where no case worker can remove it: check names it, the next backup
# removes it.
sh -c 'exit 0' &
dead=$!
wait "$dead"
left="$data/.teichaku.db.backup.$dead.tmp"
install -o kanri -g "$group" -m 600 /dev/null "$left"
expect_ok "check runs with what a killed backup left" as kanri teichaku check
grep -qF "作業ファイル" <<<"$last" && grep -qF "$left" <<<"$last" && ok "check names what a killed backup left" \
  || bad "check names what a killed backup left" "$last"
expect_ok "the next backup removes it and says so" as kanri teichaku backup again.db --force
grep -qF "削除しました" <<<"$last" && ok "the backup says it removed it" || bad "the backup says it removed it" "$last"
[ ! -e "$left" ] && ok "nothing of the killed backup is left" || bad "nothing of the killed backup is left" "$(ls -la "$data")"

# Damage found by one process stops every process's writes until a
# restore (or check finding the file sound).
expect_ok "the 管理者 keeps a sound copy" as kanri teichaku backup sound.db --force
sqlite3 "$db" "pragma wal_checkpoint(TRUNCATE)" >/dev/null
pages=$(($(stat -c %s "$db") / 4096))
dd if=/dev/urandom of="$db" bs=4096 seek=$((pages / 2)) count=1 conv=notrunc status=none
expect_refused "check finds the damage" "‼" as kanri teichaku check
expect_refused "a case worker's write after that is refused, pointing to check and restore" "teichaku restore" \
  as tanaka teichaku --today "$today" contact add --client C001 --summary "CI: 損傷の後"
expect_ok "the 管理者 restores the sound copy" as kanri teichaku restore sound.db --yes
expect_ok "writes go on after the restore" \
  as tanaka teichaku --today "$today" contact add --client C001 --summary "CI: 復元の後"

# The data folder on a read-only file system: a write says it could not
# save, and why; reading goes on.
if mount --bind "$data" "$data" 2>/dev/null; then
  if mount -o remount,bind,ro "$data" 2>/dev/null; then
    expect_refused "a write on a read-only file system says it could not save" "保存できませんでした" \
      as tanaka teichaku --today "$today" contact add --client C001 --summary "CI: 読み取り専用"
    grep -qF "読み取り専用のファイルシステム" <<<"$last" && ok "and says why" || bad "and says why" "$last"
    expect_ok "reading goes on" as tanaka teichaku --today "$today" due --within 400
  else
    echo "ci-shared-server: read-only file system check SKIPPED (cannot remount read-only here)"
  fi
  umount "$data"
else
  echo "ci-shared-server: read-only file system check SKIPPED (cannot bind-mount here)"
fi

# --- Inputs and outputs are what they claim to be (issue 21) ---------------
# -o writes regular files only: a FIFO and /dev/null are refused at once,
# --force or not (and for root too), and left as they are; exports are 0600
# unless the office names a group the user is in; import refuses a FIFO and
# /dev/zero before reading them (and a case worker before that, by role);
# a 支援員 limited to their caseload gets one answer for an id nobody has
# and for a colleague's client. Everything changed here is put back.
as kanri mkfifo out.fifo
expect_refused "a FIFO as -o (with --force) is refused at once" "FIFO" \
  as kanri timeout 5 teichaku export -o out.fifo --force
[ -p /home/kanri/out.fifo ] && ok "the FIFO is left as it is" || bad "the FIFO is left as it is" "$(ls -l /home/kanri/out.fifo)"
expect_refused "/dev/null as -o (with --force) is refused at once" "デバイス" \
  as kanri timeout 5 teichaku --today "$today" due -o /dev/null --force
expect_refused "root's /dev/null as -o (with --force) is refused too" "デバイス" \
  timeout 5 "$dest" --today "$today" due -o /dev/null --force
[ -c /dev/null ] && ok "/dev/null is still a device" || bad "/dev/null is still a device" "$(ls -l /dev/null)"
expect_ok "the 管理者 names their own group for exports" as kanri teichaku settings export_group "$kanri_group"
expect_ok "an export by a member of that group" as kanri teichaku export -o grp.json
expect_stat "is 0640 in that group" /home/kanri/grp.json "kanri:$kanri_group" 640
expect_ok "an export by a case worker outside that group" as tanaka teichaku export --client C001 -o mine.json
grep -qF "0600" <<<"$last" && ok "says the file stays theirs alone" || bad "says the file stays theirs alone" "$last"
expect_stat "and is 0600" /home/tanaka/mine.json "tanaka:$(id -gn tanaka)" 600
expect_ok "the 管理者 clears the export group" as kanri teichaku settings export_group ""
as kanri mkfifo in.fifo
expect_refused "import of a FIFO is refused at once" "FIFO" as kanri timeout 5 teichaku import in.fifo
expect_refused "import of /dev/zero is refused at once" "デバイス" as kanri timeout 5 teichaku import /dev/zero
expect_refused "a case worker's import is refused by role before the input is read" "管理者" \
  as tanaka timeout 5 teichaku import /dev/zero
expect_refused "root's import of /dev/zero ends at once" "エラー" timeout 5 "$dest" import /dev/zero
expect_ok "the 管理者 registers suzuki as 支援員" as kanri teichaku staff add suzuki --name "鈴木" --role 支援員
expect_ok "the 管理者 limits 支援員 to their own clients" as kanri teichaku settings caseload_only yes
expect_refused "suzuki asks for tanaka's client" "見つからないか" as suzuki teichaku --today "$today" due --client C001
theirs=${last//C001/ID}
expect_refused "suzuki asks for an id nobody has" "見つからないか" as suzuki teichaku --today "$today" due --client C999
[ "$theirs" = "${last//C999/ID}" ] && ok "the same answer for both" || bad "the same answer for both" "$theirs
$last"
expect_ok "the 管理者 lifts the limit again" as kanri teichaku settings caseload_only no
expect_ok "and removes suzuki again" as kanri teichaku staff remove suzuki
rm -f /home/kanri/out.fifo /home/kanri/in.fifo
# --- end of issue 21 ----------------------------------------------------------

expect_ok "teichaku check is clean" as kanri teichaku check
grep -qF "共有の設定" <<<"$last" && bad "no sharing warning in the setgid set-up" "$last" || ok "no sharing warning in the setgid set-up"

# Staff come in over SSH: a real sshd here, tanaka's connection cut while a contact is typed, the
# draft offered back on the next login. Its ok/FAIL lines count here, as this script's own.
while IFS= read -r l; do case $l in "ok   - "*) ok "${l#ok   - }" ;; "FAIL - "*) bad "${l#FAIL - }" ;; *) printf '%s\n' "$l" ;; esac; done < <(deploy/ci-ssh-session.sh tanaka C001 "山田 太郎"); wait $! || bad "deploy/ci-ssh-session.sh ended with status $?"

echo "== the shared-group set-up (no setgid program)"
groupadd "$share_group"
usermod -aG "$share_group" tanaka
usermod -aG "$share_group" suzuki
mkdir -p "$share/bin" "$share/office"
install -m 755 "$bin" "$share/bin/teichaku"
chown root:"$share_group" "$share/office"
chmod 0770 "$share/office" # group-shared, but without the setgid bit
sdb=$share/office/office.db
plain="$share/bin/teichaku"
expect_ok "suzuki creates the database" as suzuki "$plain" --db "$sdb" init
chgrp "$share_group" "$sdb"
install -o suzuki -g suzuki -m 600 tests/fixtures/spec_example.json /home/suzuki/clients.json
expect_ok "suzuki registers tanaka" as suzuki "$plain" --db "$sdb" staff add tanaka --name "田中"
expect_ok "suzuki imports (their 担当 tanaka is registered)" as suzuki "$plain" --db "$sdb" --today "$today" import clients.json
expect_stat "the audit key follows the database's group" "$sdb.key" "suzuki:$share_group" 640
expect_ok "tanaka, in the group, lists what is due" as tanaka "$plain" --db "$sdb" --today "$today" due

# suzuki's process holds the database and is killed: its -wal and -shm
# stay, made in suzuki's private group (the folder is not setgid).
leave_stale_side_files() {
  local fifo pid
  fifo=$(mktemp -u)
  mkfifo -m 600 "$fifo"
  chown suzuki "$fifo"
  setpriv --reuid suzuki --regid suzuki --init-groups sqlite3 "$sdb" <"$fifo" >/dev/null 2>&1 &
  pid=$!
  exec 3>"$fifo"
  echo "select count(*) from clients;" >&3
  for _ in $(seq 50); do [ -e "$sdb-shm" ] && break; sleep 0.1; done
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
  exec 3>&-
  rm -f "$fifo"
}
leave_stale_side_files
expect_stat "a killed process left its -wal in its private group" "$sdb-wal" suzuki:suzuki 660
expect_refused "tanaka is told which file, whose it is and the fix" "suzukiさんのファイル" \
  as tanaka "$plain" --db "$sdb" --today "$today" due
for want in "$sdb-shm" "chgrp $share_group '$sdb-shm' && chmod g+rw '$sdb-shm'" "chmod g+s '$share/office'"; do
  grep -qF -- "$want" <<<"$last" && ok "the message says: $want" || bad "the message says: $want" "$last"
done
expect_ok "suzuki can still open it and check it" as suzuki "$plain" --db "$sdb" check
for want in "setgid" "chgrp $share_group '$sdb-wal'"; do
  grep -qF -- "$want" <<<"$last" && ok "check warns: $want" || bad "check warns: $want" "$last"
done

leave_stale_side_files
expect_refused "the same after another kill -9" "chgrp $share_group" as tanaka "$plain" --db "$sdb" due
expect_ok "suzuki applies the printed fix" as suzuki sh -c "chgrp $share_group '$sdb-wal' '$sdb-shm' && chmod g+rw '$sdb-wal' '$sdb-shm'"
chmod g+s "$share/office"
expect_ok "then tanaka opens it" as tanaka "$plain" --db "$sdb" --today "$today" due
expect_ok "and check is clean" as tanaka "$plain" --db "$sdb" check
grep -qF "共有の設定" <<<"$last" && bad "no sharing warning once fixed" "$last" || ok "no sharing warning once fixed"

# The same line as cargo's, so .ci/run's closing totals count these too.
echo "test result: $([ "$failed" = 0 ] && echo ok || echo FAILED). $passed passed; $failed failed (shared server)"
[ "$failed" = 0 ]
