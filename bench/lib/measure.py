#!/usr/bin/env python3
"""Runs one command and prints "<wall seconds> <peak RSS KiB> <exit code>", and with --cpu a fourth field,
the CPU seconds (user + system) the command used.

Peak RSS and CPU time are the kernel's own counts for the child (wait4's ru_maxrss, ru_utime, ru_stime), so no
/usr/bin/time is needed; the dapp launcher execs java, so the child is the JVM itself. CPU time is what a
shared machine's load changes least.

usage: measure.py [--stdin FILE] [--log FILE] [--cpu] -- COMMAND [ARG...]
"""
import os
import sys
import time


def main(argv):
    stdin_path, log_path, cpu = None, os.devnull, False
    while argv and argv[0] != "--":
        if argv[0] == "--cpu":
            cpu, argv = True, argv[1:]
            continue
        option, value, argv = argv[0], argv[1], argv[2:]
        if option == "--stdin":
            stdin_path = value
        elif option == "--log":
            log_path = value
        else:
            sys.exit(f"measure.py: unknown option {option}")
    command = argv[1:]
    if not command:
        sys.exit("measure.py: no command")
    log = open(log_path, "ab")
    stdin = open(stdin_path, "rb") if stdin_path else open(os.devnull, "rb")
    start = time.perf_counter()
    # posix_spawn (vfork-like) rather than fork: a forked copy of this Python would count in the peak RSS.
    try:
        pid = os.posix_spawnp(command[0], command, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, stdin.fileno(), 0),
            (os.POSIX_SPAWN_DUP2, log.fileno(), 1),
            (os.POSIX_SPAWN_DUP2, log.fileno(), 2)])
    except OSError as e:
        log.write(f"measure.py: cannot run {command[0]}: {e}\n".encode())
        print("0 0 127 0" if cpu else "0 0 127")
        return
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if cpu:
        print(f"{wall:.3f} {usage.ru_maxrss} {code} {usage.ru_utime + usage.ru_stime:.3f}")
    else:
        print(f"{wall:.3f} {usage.ru_maxrss} {code}")


if __name__ == "__main__":
    main(sys.argv[1:])
