#!/usr/bin/env python3
"""Print the hits of one rule from an `asynclint scan --json` file, each with the source lines around it, for triage.

Usage: hits.py SCAN.json RULE [SAMPLE=30] [SEED=1] [BEFORE=6] [AFTER=3]
More hits than SAMPLE: a random sample of SAMPLE hits, the same for the same seed.
"""
import json
import linecache
import random
import sys


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip())
        return 2
    scan = json.load(open(argv[1]))
    rule = argv[2]
    sample = int(argv[3]) if len(argv) > 3 else 30
    seed = int(argv[4]) if len(argv) > 4 else 1
    before = int(argv[5]) if len(argv) > 5 else 6
    after = int(argv[6]) if len(argv) > 6 else 3
    hits = sorted((h for h in scan["hits"] if h["id"] == rule), key=lambda h: (h["path"], h["line"]))
    total = len(hits)
    if total > sample:
        random.Random(seed).shuffle(hits)
        hits = sorted(hits[:sample], key=lambda h: (h["path"], h["line"]))
    print(f"# {rule}: {total} hits, {len(hits)} shown")
    for i, hit in enumerate(hits):
        print(f"### [{i}] {hit['path']}:{hit['line']}:{hit['column']} {hit['message']}")
        for line in range(max(1, hit["line"] - before), hit["line"] + after + 1):
            text = linecache.getline(hit["path"], line).rstrip("\n")
            print((">>" if line == hit["line"] else "  ") + f"{line:5} {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
