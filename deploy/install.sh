#!/bin/sh
# Installs teichaku on a shared server so that only the program reaches the
# office's database (要配慮個人情報):
#
#   - a dedicated group (default `teichaku`) that NO person is put in;
#   - the data folder (default /srv/teichaku), root:GROUP, mode 2770: only
#     the group may enter it, and files made in it get the group;
#   - the binary (default /usr/local/bin/teichaku), root:GROUP, mode 2755:
#     setgid, so every case worker's teichaku runs with the group's rights,
#     as themselves (the audit trail names their own login);
#   - /etc/teichaku/config.toml (root, 0644): the data folder, the
#     database's name and the 管理者 who may create it (--admin). Run
#     setgid, teichaku opens no database but that one, creates it only for
#     them (or root), and writes every export, document and backup with the
#     user's own rights.
#
# Run as root; running it again with the same options changes nothing.
# Usage: deploy/install.sh [--binary FILE] [--group NAME] [--data-dir DIR]
#                          [--db-name NAME] [--dest FILE] [--admin LOGIN]...
set -eu

group=teichaku
data_dir=/srv/teichaku
db_name=teichaku.db
dest=/usr/local/bin/teichaku
binary="$(dirname "$0")/../target/release/teichaku"
admins=""
# Fixed: the setgid program reads its configuration from this path only.
config=/etc/teichaku/config.toml

die() {
  echo "install.sh: $*" >&2
  exit 1
}

usage() {
  cat <<'EOF'
Usage: deploy/install.sh [options]    (run as root)
  --binary FILE    the built teichaku to install (default: target/release/teichaku)
  --group NAME     the group that owns the data (default: teichaku)
  --data-dir DIR   the data folder (default: /srv/teichaku)
  --db-name NAME   the database file in it (default: teichaku.db)
  --dest FILE      where the program goes (default: /usr/local/bin/teichaku)
  --admin LOGIN    a 管理者 who may create the database with `teichaku init`
                   (repeat for more; without it only root may)
EOF
}

while [ $# -gt 0 ]; do
  case $1 in
    --binary | --group | --data-dir | --db-name | --dest | --admin)
      [ $# -ge 2 ] || die "$1 needs a value"
      case $1 in
        --binary) binary=$2 ;;
        --group) group=$2 ;;
        --data-dir) data_dir=$2 ;;
        --db-name) db_name=$2 ;;
        --dest) dest=$2 ;;
        --admin)
          printf '%s' "$2" | grep -Eq '^[a-z_][a-z0-9_.-]{0,31}$' || die "--admin: not a login name: $2"
          admins="$admins${admins:+, }\"$2\""
          ;;
      esac
      shift 2
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      usage >&2
      die "unknown option: $1"
      ;;
  esac
done

[ "$(id -u)" = 0 ] || die "run as root (it creates a group and installs a setgid program)"

# Values that end up in a TOML string and in commands: plain ones only.
printf '%s' "$group" | grep -Eq '^[a-z_][a-z0-9_-]{0,31}$' || die "--group: not a group name: $group"
case $data_dir in
  /*) ;;
  *) die "--data-dir must be an absolute path: $data_dir" ;;
esac
printf '%s' "$data_dir" | grep -Eq '^[A-Za-z0-9/._-]+$' || die "--data-dir: use letters, digits and / . _ - only: $data_dir"
printf '%s' "$db_name" | grep -Eq '^[A-Za-z0-9._-]+$' || die "--db-name: a file name (letters, digits, . _ -): $db_name"
case $db_name in
  . | .. | *-wal | *-shm | *-journal) die "--db-name: not a database file name: $db_name" ;;
esac
case $dest in
  /*) ;;
  *) die "--dest must be an absolute path: $dest" ;;
esac
[ -f "$binary" ] && [ -x "$binary" ] || die "no built program at $binary (cargo build --release, or --binary FILE)"

# 1. The group. Nobody is added to it: case workers reach the data only
#    through the program.
if ! getent group "$group" >/dev/null; then
  groupadd --system "$group"
  echo "created group $group"
fi

# 2. The data folder: only the group (the program) may enter; setgid, so
#    the database and its -wal/-shm get the group whoever creates them.
[ -L "$data_dir" ] && die "$data_dir is a symlink; give the real folder"
mkdir -p "$data_dir"
chown root:"$group" "$data_dir"
chmod 2770 "$data_dir"

# 3. The program, setgid to the group. Copied beside and renamed over, so
#    a running teichaku keeps its file and a new one starts the new one.
mkdir -p "$(dirname "$dest")"
tmp="$dest.install.$$"
trap 'rm -f "$tmp"' EXIT
cp "$binary" "$tmp"
chown root:"$group" "$tmp"
chmod 2755 "$tmp" # after chown, which clears the setgid bit
mv -f "$tmp" "$dest"
trap - EXIT

# 4. The configuration: root's, readable by all (it holds no secret).
mkdir -p "$(dirname "$config")"
chown root:root "$(dirname "$config")"
chmod 755 "$(dirname "$config")"
tmp="$config.install.$$"
trap 'rm -f "$tmp"' EXIT
cat >"$tmp" <<EOF
# teichaku: the shared server's data (written by deploy/install.sh).
# Read only by a setgid teichaku, and only while root owns this file.
data_dir = "$data_dir"
database = "$db_name"
# Who may create the database (teichaku init) besides root.
admins = [$admins]
EOF
chown root:root "$tmp"
chmod 644 "$tmp"
mv -f "$tmp" "$config"
trap - EXIT

echo "installed $dest (root:$group 2755), $data_dir (root:$group 2770), $config"

# Checks that only warn: the set-up works, but not as intended.
members=$(getent group "$group" | cut -d: -f4)
if [ -n "$members" ]; then
  echo "WARNING: group $group has members ($members): they can open the database directly. Remove them: gpasswd -d LOGIN $group" >&2
fi
if command -v findmnt >/dev/null 2>&1 &&
  findmnt -no OPTIONS -T "$dest" 2>/dev/null | tr ',' '\n' | grep -qx nosuid; then
  echo "WARNING: $dest is on a nosuid file system: the setgid bit has no effect there. Choose another --dest." >&2
fi
if [ -e "$data_dir/$db_name" ]; then
  db_state="exists already (left as it is)"
else
  db_state="does not exist yet"
fi

cat <<EOF

The database $data_dir/$db_name $db_state.
次の手順 / Next steps:
  1. 管理者 (not in group $group; named with --admin, or root) creates the
     office's database, as themselves:
       teichaku init
     (they become its 管理者; run it once; no one else can create it)
  2. Case workers log in with their own account and run: teichaku
     Do not add anyone to group $group: only the program reaches $data_dir.
  3. Nightly backup, in the 管理者's crontab (crontab -e), into a folder they own:
       0 2 * * * $dest backup "\$HOME/teichaku-backup/${db_name%.db}-\$(date +\\%a).db" --force
EOF
