"""bench/xvfb.py: a private Xvfb for the GUI benches (startup.py, startup-instructions.py,
aeskulap.py), not a bench itself. Each caller starts its search at its own display number, so
benches run side by side never race for one."""
import os
import subprocess
import time


def start_xvfb(first, who):
    """A private X server on the first free display number from `first` (plus a little of the
    process id), once its socket is there: (the Popen, ":N")."""
    for n in range(first + os.getpid() % 50, first + 250):
        if os.path.exists(f"/tmp/.X11-unix/X{n}") or os.path.exists(f"/tmp/.X{n}-lock"):
            continue
        xvfb = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                stderr=subprocess.DEVNULL)
        for _ in range(100):
            if os.path.exists(f"/tmp/.X11-unix/X{n}"):
                time.sleep(0.2)
                return xvfb, f":{n}"
            if xvfb.poll() is not None:
                break
            time.sleep(0.05)
        xvfb.kill()
    raise SystemExit(f"{who}: could not start Xvfb")
