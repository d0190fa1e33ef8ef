"""tap.py: the TAP report of the corpus-wide Python tests (one line per case, then the status).

results: (name, ok, detail) tuples; ok None means skipped. Returns the exit status."""


def report(results):
    print(f"1..{len(results)}")
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        if ok is None:
            print(f"ok {i} {name} # SKIP {detail}")
        elif ok:
            print(f"ok {i} {name}: {detail}")
        else:
            failed += 1
            print(f"not ok {i} {name}: {detail}")
    return 1 if failed else 0
