#!/usr/bin/env python3
"""Prints each command's median wall time from a hyperfine --export-json file, and the ratio to the first."""
import json, sys

results = json.load(open(sys.argv[1]))["results"]
first = results[0]["median"]
for r in results:
    print(f"  {r['median'] * 1000:9.1f} ms median  ({len(r['times'])} runs, min {r['min'] * 1000:.1f}, max {r['max'] * 1000:.1f})  x{r['median'] / first:.2f}  {r['command'][:110]}")
