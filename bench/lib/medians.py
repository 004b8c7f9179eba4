"""Prints a table of median, min and max wall times (ms) from hyperfine --export-json files, and ratios to the first."""
import json
import sys

rows = []
for path in sys.argv[1:]:
    for result in json.load(open(path))["results"]:
        rows.append((result["command"], result["median"] * 1000, result["min"] * 1000, result["max"] * 1000))

base = rows[0][1]
print("| command | median ms | min ms | max ms | × first |")
print("|---|---:|---:|---:|---:|")
for command, median, low, high in rows:
    print(f"| `{command}` | {median:.1f} | {low:.1f} | {high:.1f} | {median / base:.2f} |")
