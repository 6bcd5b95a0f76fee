# Readies a stage's root filesystem from inside the mount, PID, IPC and UTS (and, for no network, network)
# namespaces unshare made for it, then execs the rest of its arguments: env -i ... setpriv ... unshare --root.
# Every mount is made in this private mount namespace: it is never seen on the host, and it ends with the
# namespace's last process. dapp made the mount points beforehand, and only where no link in the root could
# lead a mount out of it; everything else is mounted below mounts made here.
#
# Arguments: ROOT RUN_DIRECTORY IP|- RESOLV_CONF(0|1) HOSTS(0|1) COMMAND...
#   IP       the host's ip program, to bring up the loopback of a new network namespace; - for the host's network
# Environment: DAPP_HOSTNAME, DAPP_MASKED_PATHS and DAPP_READONLY_PATHS (space-separated), PATH for the host's
# programs; env -i leaves none of them to the stage's process.
set -eu
root=$1 rundir=$2 ip=$3 resolv=$4 hosts=$5
shift 5
umask 022
if [ "$ip" != - ]; then "$ip" link set lo up; fi
# This UTS namespace's name (hostname(1) where there is one: a container's /proc/sys may be read-only).
hostname "$DAPP_HOSTNAME" 2>/dev/null || printf '%s' "$DAPP_HOSTNAME" 2>/dev/null > /proc/sys/kernel/hostname || true
# A proc of the new PID namespace; where the kernel refuses it (in a container whose /proc has masked
# parts), the outer proc with its masks.
mount -t proc -o nosuid,nodev,noexec proc "$root/proc" 2>/dev/null || mount --rbind /proc "$root/proc"
mount -t tmpfs -o nosuid,strictatime,mode=755,size=65536k tmpfs "$root/dev"
for device in null zero full random urandom tty; do
  if [ -c "/dev/$device" ]; then
    : > "$root/dev/$device"
    mount --bind "/dev/$device" "$root/dev/$device"
  fi
done
mkdir "$root/dev/pts" "$root/dev/shm" "$root/dev/mqueue"
mount -t devpts -o nosuid,noexec,newinstance,ptmxmode=0666,mode=0620,gid=5 devpts "$root/dev/pts"
mount -t tmpfs -o nosuid,nodev,noexec,mode=1777,size=65536k shm "$root/dev/shm"
mount -t mqueue -o nosuid,nodev,noexec mqueue "$root/dev/mqueue"
ln -s pts/ptmx "$root/dev/ptmx"
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"
ln -s /proc/self/fd/1 "$root/dev/stdout"
ln -s /proc/self/fd/2 "$root/dev/stderr"
# A sysfs of this network namespace, read-only; where refused, the outer /sys alone (not what is mounted
# below it, which would stay writable), read-only.
if ! mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$root/sys" 2>/dev/null; then
  mount --bind /sys "$root/sys"
  mount -o remount,bind,ro,nosuid,nodev,noexec "$root/sys"
fi
if [ "$resolv" = 1 ]; then mount --bind "$rundir/resolv.conf" "$root/etc/resolv.conf"; fi
if [ "$hosts" = 1 ]; then mount --bind "$rundir/hosts" "$root/etc/hosts"; fi
# The dappfile's mounts (a source line, then its destination inside the root, links already resolved).
while IFS= read -r source && IFS= read -r destination; do
  mount --rbind "$source" "$root$destination"
done < "$rundir/binds"
# As runc does: parts of /proc and /sys hidden, others read-only (the process cannot mount: no SYS_ADMIN).
for path in $DAPP_MASKED_PATHS; do
  if [ -d "$root$path" ]; then
    mount -t tmpfs -o ro,nosuid,nodev,noexec tmpfs "$root$path"
  elif [ -e "$root$path" ]; then
    mount --bind /dev/null "$root$path"
  fi
done
for path in $DAPP_READONLY_PATHS; do
  if [ -e "$root$path" ]; then
    mount --bind "$root$path" "$root$path"
    mount -o remount,bind,ro,nosuid,nodev,noexec "$root$path"
  fi
done
ulimit -H -n "$DAPP_NOFILE_HARD" 2>/dev/null || true
ulimit -S -n "$DAPP_NOFILE_SOFT" 2>/dev/null || true
: > "$rundir/ready"
exec "$@"
